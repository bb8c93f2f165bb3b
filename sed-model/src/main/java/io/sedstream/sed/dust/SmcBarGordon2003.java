package io.sedstream.sed.dust;

/**
 * Average SMC Bar extinction curve of Gordon et al. (2003, ApJ 594, 279), as A_lambda / A_V, lambda in Angstrom.
 *
 * <p>Ultraviolet (x = 1/lambda &gt;= 1/0.27 um^-1): the Fitzpatrick &amp; Massa (1990) form with the paper's
 * SMC Bar parameters (no 2175 A bump to speak of, steep far-UV rise). Optical and near-IR: the paper's anchor
 * points A/A_V at 2.198 - 0.37 um, joined linearly in x to the UV form at 0.27 um. Redward of 2.198 um the
 * curve falls linearly in x towards zero (A proportional to 1/lambda), an extrapolation the paper does not
 * cover; blueward of 0.1 um (x &gt; 10) the FM90 form is extrapolated to the Lyman limit. Numbers as listed in
 * ../shared/reference/physics-facts.md section 3b.
 */
public final class SmcBarGordon2003 {
    private SmcBarGordon2003() {
    }

    /** R_V = A_V / E(B-V) of the SMC Bar average (Gordon et al. 2003). */
    public static final double R_V = 2.74;

    // FM90 parameters of the SMC Bar average (Gordon et al. 2003, table 3).
    private static final double C1 = -4.959;
    private static final double C2 = 2.264;
    private static final double C3 = 0.389;
    private static final double C4 = 0.461;
    private static final double X0_PER_MICRON = 4.6;
    private static final double GAMMA_PER_MICRON = 1.0;

    /** Where the UV form takes over, in um^-1 (0.27 um). */
    static final double UV_START_PER_MICRON = 1.0 / 0.27;

    /** Optical/near-IR anchors (Gordon et al. 2003; 2.198 and 1.25 um as revised by Gordon et al. 2016). */
    private static final double[] ANCHOR_MICRON = {2.198, 1.65, 1.25, 0.81, 0.65, 0.55, 0.44, 0.37};
    private static final double[] ANCHOR_A_OVER_AV = {0.110, 0.169, 0.250, 0.567, 0.801, 1.000, 1.374, 1.672};

    /** A_lambda / A_V, dimensionless, &gt;= 0. */
    public static double relativeAttenuation(double lambdaAngstrom) {
        double x = 1e4 / Math.max(lambdaAngstrom, 912.0); // um^-1
        if (x >= UV_START_PER_MICRON) {
            return ultraviolet(x);
        }
        int n = ANCHOR_MICRON.length;
        double xFirst = 1.0 / ANCHOR_MICRON[0];
        if (x <= xFirst) {
            return ANCHOR_A_OVER_AV[0] * x / xFirst;
        }
        for (int i = 0; i < n - 1; i++) {
            double xa = 1.0 / ANCHOR_MICRON[i];
            double xb = 1.0 / ANCHOR_MICRON[i + 1];
            if (x <= xb) {
                return lerp(x, xa, xb, ANCHOR_A_OVER_AV[i], ANCHOR_A_OVER_AV[i + 1]);
            }
        }
        double xLast = 1.0 / ANCHOR_MICRON[n - 1];
        return lerp(x, xLast, UV_START_PER_MICRON, ANCHOR_A_OVER_AV[n - 1], ultraviolet(UV_START_PER_MICRON));
    }

    /** FM90: A/E(B-V) = C1 + C2 x + C3 D(x) + C4 F(x), as E(lambda - V)/E(B-V). */
    static double ultraviolet(double xPerMicron) {
        double x2 = xPerMicron * xPerMicron;
        double drude = x2 / ((x2 - X0_PER_MICRON * X0_PER_MICRON) * (x2 - X0_PER_MICRON * X0_PER_MICRON)
                + x2 * GAMMA_PER_MICRON * GAMMA_PER_MICRON);
        double farUv = 0.0;
        if (xPerMicron >= 5.9) {
            double y = xPerMicron - 5.9;
            farUv = 0.5392 * y * y + 0.05644 * y * y * y;
        }
        // FM90 gives E(lambda - V)/E(B-V); A/A_V = E(lambda - V)/(R_V E(B-V)) + 1.
        return (C1 + C2 * xPerMicron + C3 * drude + C4 * farUv) / R_V + 1.0;
    }

    private static double lerp(double x, double xa, double xb, double ya, double yb) {
        return ya + (yb - ya) * (x - xa) / (xb - xa);
    }
}
