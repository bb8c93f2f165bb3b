package io.sedstream.inference.bundle;

/**
 * One inferred parameter: name, unit (free text, e.g. "log10 Msun"), prior bounds in physical
 * units, the transform y = transform(x) the network's mixture models ({@link ParameterTransform}),
 * and the standardisation (y - mean) / std of the transformed variable the network works in.
 */
public record ParameterSpec(String name, String unit, double lower, double upper, double mean, double std,
                            ParameterTransform transform) {
    public ParameterSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidModelBundleException("parameter name must be non-blank");
        }
        if (unit == null) {
            throw new InvalidModelBundleException("parameter " + name + ": unit must be given (empty string for dimensionless)");
        }
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new InvalidModelBundleException("parameter " + name + ": prior bounds must be finite, got [" + lower + ", " + upper + "]");
        }
        if (!(lower < upper)) {
            throw new InvalidModelBundleException("parameter " + name + ": prior lower bound " + lower + " must be below upper bound " + upper);
        }
        if (!Double.isFinite(mean)) {
            throw new InvalidModelBundleException("parameter " + name + ": standardisation mean is not finite: " + mean);
        }
        if (!Double.isFinite(std) || !(std > 0)) {
            throw new InvalidModelBundleException("parameter " + name + ": standardisation std must be positive and finite, got " + std);
        }
        if (transform == null) {
            throw new InvalidModelBundleException("parameter " + name + ": transform must be given");
        }
    }

    /** A parameter the network models in its physical units (identity transform). */
    public ParameterSpec(String name, String unit, double lower, double upper, double mean, double std) {
        this(name, unit, lower, upper, mean, std, ParameterTransform.IDENTITY);
    }

    /** The network variable y for physical value x (before standardisation). */
    public double toNetwork(double x) {
        return transform.toNetwork(x, lower, upper);
    }

    /** The physical value for network variable y (after de-standardisation). */
    public double toPhysical(double y) {
        return transform.toPhysical(y, lower, upper);
    }
}
