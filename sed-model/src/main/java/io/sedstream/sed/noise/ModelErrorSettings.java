package io.sedstream.sed.noise;

import java.util.Locale;

/**
 * The model-error terms of a model file (see {@link ModelErrorNoise}).
 *
 * @param templateErrorFraction  {@code noise.template_error_fraction}: fractional scatter not in the reported errors, [0, 0.5]
 * @param zeroPointJitterMag     {@code noise.zero_point_jitter_mag}: Gaussian sigma of a per-galaxy, per-band zero point [mag], [0, 0.5]
 * @param zeroPointOffsetMag     {@code noise.zero_point_offset_mag}: fixed offset, +/- alternating by band [mag], [0, 0.5]
 */
public record ModelErrorSettings(double templateErrorFraction, double zeroPointJitterMag, double zeroPointOffsetMag) {
    public static final ModelErrorSettings NONE = new ModelErrorSettings(0, 0, 0);

    public ModelErrorSettings {
        check("noise.template_error_fraction", templateErrorFraction);
        check("noise.zero_point_jitter_mag", zeroPointJitterMag);
        check("noise.zero_point_offset_mag", zeroPointOffsetMag);
    }

    private static void check(String key, double v) {
        if (!(v >= 0 && v <= 0.5)) {
            throw new IllegalArgumentException("'" + key + "' = " + v + " outside [0, 0.5]");
        }
    }

    public boolean isNone() {
        return templateErrorFraction == 0 && zeroPointJitterMag == 0 && zeroPointOffsetMag == 0;
    }

    /** One line for library.json and the bundle's provenance. */
    public String describe() {
        return String.format(Locale.ROOT, "template error %.3f of the flux, zero-point jitter %.3f mag, zero-point offsets +/-%.3f mag",
                templateErrorFraction, zeroPointJitterMag, zeroPointOffsetMag);
    }
}
