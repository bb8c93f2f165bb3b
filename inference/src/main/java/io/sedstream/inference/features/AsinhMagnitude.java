package io.sedstream.inference.features;

/**
 * Asinh ("luptitude") magnitudes of fluxes in nJy: Lupton, Gunn &amp; Szalay 1999, AJ 118, 1406, eq. 2,
 * m = -2.5/ln10 * [asinh(f / 2b) + ln(b / f0)], written for f and b in nJy with the AB zero point
 * f0 = 10^(31.4/2.5) nJy, i.e. m = -2.5/ln10 * [asinh(f / 2b) + ln b] + 31.4. Well defined for zero
 * and negative fluxes; equals the AB magnitude 31.4 - 2.5 log10 f for f &gt;&gt; b.
 */
public final class AsinhMagnitude {
    /** AB magnitude of 1 nJy: m_AB = 31.4 - 2.5 log10(f / nJy) (Oke &amp; Gunn 1983 AB system, 3631 Jy zero point). */
    public static final double AB_ZERO_POINT_NJY = 31.4;
    /** Pogson's ratio 2.5 / ln 10. */
    public static final double POGSON = 2.5 / Math.log(10.0);

    private AsinhMagnitude() {
    }

    /** Asinh magnitude of a flux (nJy) with softening b (nJy). */
    public static double magnitude(double fluxNJy, double softeningNJy) {
        return -POGSON * (asinh(fluxNJy / (2.0 * softeningNJy)) + Math.log(softeningNJy)) + AB_ZERO_POINT_NJY;
    }

    /** 1-sigma error of the asinh magnitude, first-order propagation: 2.5/ln10 * sigma_f / sqrt(f^2 + 4 b^2). */
    public static double magnitudeError(double fluxNJy, double fluxErrNJy, double softeningNJy) {
        return POGSON * fluxErrNJy / Math.sqrt(fluxNJy * fluxNJy + 4.0 * softeningNJy * softeningNJy);
    }

    /** Inverse of {@link #magnitude}: f = 2b sinh((31.4 - m) ln10 / 2.5 - ln b). */
    public static double fluxNJy(double magnitude, double softeningNJy) {
        return 2.0 * softeningNJy * Math.sinh((AB_ZERO_POINT_NJY - magnitude) / POGSON - Math.log(softeningNJy));
    }

    /** Inverse of {@link #magnitudeError} given the flux. */
    public static double fluxErrNJy(double fluxNJy, double magnitudeError, double softeningNJy) {
        return magnitudeError * Math.sqrt(fluxNJy * fluxNJy + 4.0 * softeningNJy * softeningNJy) / POGSON;
    }

    /** Inverse hyperbolic sine, accurate for small and huge arguments (the JDK has none). */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r;
        if (a > 1e8) {
            r = Math.log(a) + Math.log(2.0);
        } else {
            // log1p form keeps full relative precision near zero.
            r = Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
        }
        return Math.copySign(r, x);
    }
}
