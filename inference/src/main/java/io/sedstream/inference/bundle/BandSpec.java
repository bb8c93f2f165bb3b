package io.sedstream.inference.bundle;

/** One photometric band of a bundle, in feature order, with its asinh softening b in nJy. */
public record BandSpec(String name, double softeningNJy) {
    public BandSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidModelBundleException("band name must be non-blank");
        }
        if (!(softeningNJy > 0) || !Double.isFinite(softeningNJy)) {
            throw new InvalidModelBundleException("band " + name + ": softeningNJy must be a positive finite number, got " + softeningNJy);
        }
    }
}
