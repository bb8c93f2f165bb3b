package io.sedstream.inference.bundle;

import java.util.Locale;

/**
 * The monotone map from a parameter's physical value x to the variable y the network's mixture
 * models. {@code identity}: y = x. {@code logit}: y = logit((x - lower) / (upper - lower)), for a
 * parameter whose prior fills a box with hard walls (metallicity, A_V, SFH quantiles): a Gaussian
 * mixture fits a flat, walled marginal badly in x (its tails spill over the walls and are cut off,
 * leaving intervals too narrow) but well in y, which runs over the whole real line.
 * Percentiles commute with a monotone map; densities pick up the Jacobian {@link #logJacobian}.
 */
public enum ParameterTransform {
    IDENTITY("identity"),
    LOGIT("logit");

    /**
     * Fractions of the box closer than this to a wall are moved onto it before the logit (|y| at
     * most 16.1): values on the walls themselves (a prior draw can hit one in float arithmetic)
     * stay finite, and float32 network outputs resolve nothing finer.
     */
    public static final double LOGIT_EDGE_FRACTION = 1e-7;

    private final String jsonName;

    ParameterTransform(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in manifest.json. */
    public String jsonName() {
        return jsonName;
    }

    /** The transform named {@code name} in a manifest; unknown names are refused with the known ones. */
    public static ParameterTransform byName(String name) {
        for (ParameterTransform t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new InvalidModelBundleException("unknown parameter transform '" + name + "' (known: identity, logit)");
    }

    /** y for a physical value x of a parameter on [lower, upper]. */
    public double toNetwork(double x, double lower, double upper) {
        if (this == IDENTITY) {
            return x;
        }
        double f = (x - lower) / (upper - lower);
        f = Math.min(1.0 - LOGIT_EDGE_FRACTION, Math.max(LOGIT_EDGE_FRACTION, f));
        return Math.log(f / (1.0 - f));
    }

    /** The physical value for a network variable y: the inverse of {@link #toNetwork}. */
    public double toPhysical(double y, double lower, double upper) {
        if (this == IDENTITY) {
            return y;
        }
        // lower + width * 1.0 can round one ulp past upper: the physical value never leaves the box.
        return Math.min(upper, Math.max(lower, lower + (upper - lower) * sigmoid(y)));
    }

    /**
     * log |dy/dx| at physical x: what a density in y needs added to become a density in x.
     * For the logit, dy/dx = 1 / ((upper - lower) f (1 - f)); outside the open box the density in x
     * is zero, and this returns -infinity there.
     */
    public double logJacobian(double x, double lower, double upper) {
        if (this == IDENTITY) {
            return 0.0;
        }
        if (!(x > lower && x < upper)) {
            return Double.NEGATIVE_INFINITY;
        }
        double width = upper - lower;
        return -Math.log(x - lower) - Math.log(upper - x) + Math.log(width);
    }

    /** 1 / (1 + e^-y), without overflow for either sign. */
    public static double sigmoid(double y) {
        if (y >= 0) {
            return 1.0 / (1.0 + Math.exp(-y));
        }
        double e = Math.exp(y);
        return e / (1.0 + e);
    }

    @Override
    public String toString() {
        return jsonName.toLowerCase(Locale.ROOT);
    }
}
