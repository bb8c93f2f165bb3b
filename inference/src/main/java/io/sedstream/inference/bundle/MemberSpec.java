package io.sedstream.inference.bundle;

/** One ensemble member: its ONNX file (relative to the bundle directory), mixture weight and training seed. */
public record MemberSpec(String file, double weight, long seed) {
    public MemberSpec {
        if (file == null || file.isBlank()) {
            throw new InvalidModelBundleException("member file must be non-blank");
        }
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new InvalidModelBundleException("member file must be a plain file name inside the bundle, got '" + file + "'");
        }
        if (!Double.isFinite(weight) || !(weight > 0)) {
            throw new InvalidModelBundleException("member " + file + ": weight must be positive and finite, got " + weight);
        }
    }
}
