package io.sedstream.inference.bundle;

/**
 * One inferred parameter: name, unit (free text, e.g. "log10 Msun"), prior bounds in physical
 * units, and the standardisation theta_std = (theta - mean) / std the network works in.
 */
public record ParameterSpec(String name, String unit, double lower, double upper, double mean, double std) {
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
    }
}
