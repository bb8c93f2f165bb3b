package io.sedstream.sed.dust;

/**
 * Starburst attenuation curve of Calzetti et al. (2000, ApJ 533, 682, eq. 4), extended to the far UV
 * with Leitherer et al. (2002, ApJS 140, 303, eq. 14). Lambda in micron inside the formulas.
 *
 * <p>Ranges: Leitherer below 0.15 um (from 0.0912 um; shorter wavelengths take the 0.0912 um value),
 * Calzetti 0.15 - 0.63 um and 0.63 - 2.2 um, extrapolated beyond 2.2 um and set to 0 where the
 * extrapolation turns negative (as CIGALE's dustatt_calzleit does).
 */
public final class Calzetti2000 {
    private Calzetti2000() {
    }

    /** R'_V = A_V / E_s(B-V) (Calzetti et al. 2000). */
    public static final double R_V = 4.05;
    /** E_s(B-V) = 0.44 E_g(B-V): stellar continuum vs ionised gas colour excess (Calzetti et al. 2000). */
    public static final double STELLAR_TO_GAS_EXCESS = 0.44;

    /** k'(lambda) = A_lambda / E_s(B-V), dimensionless, &gt;= 0. */
    public static double k(double lambdaAngstrom) {
        double l = Math.max(lambdaAngstrom, 912.0) * 1e-4; // micron
        double k;
        if (l < 0.15) {
            // Leitherer et al. 2002, eq. 14
            k = 5.472 + 0.671 / l - 9.218e-3 / (l * l) + 2.620e-3 / (l * l * l);
        } else if (l < 0.63) {
            // Calzetti et al. 2000, eq. 4, 0.12 <= lambda < 0.63 um
            k = 2.659 * (-2.156 + 1.509 / l - 0.198 / (l * l) + 0.011 / (l * l * l)) + R_V;
        } else {
            // Calzetti et al. 2000, eq. 4, 0.63 <= lambda <= 2.20 um (extrapolated beyond)
            k = 2.659 * (-1.857 + 1.040 / l) + R_V;
        }
        return Math.max(0.0, k);
    }

    /** A_lambda / A_V = k'(lambda) / R'_V. */
    public static double relativeAttenuation(double lambdaAngstrom) {
        return k(lambdaAngstrom) / R_V;
    }

    /** Transmitted fraction 10^(-0.4 A_V k'/R'_V) for a V-band attenuation {@code avMag}. */
    public static double transmission(double lambdaAngstrom, double avMag) {
        return Math.pow(10.0, -0.4 * avMag * relativeAttenuation(lambdaAngstrom));
    }
}
