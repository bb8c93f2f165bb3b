package io.sedstream.sed.sfh;

/**
 * Piecewise cubic Hermite interpolation that preserves monotonicity (Fritsch &amp; Carlson 1980,
 * SIAM J. Numer. Anal. 17, 238; interior slopes by the weighted harmonic mean of Fritsch &amp; Butland
 * 1984, end slopes by the shape-preserving three-point formula, as in SciPy's PchipInterpolator).
 * Monotone data give a monotone interpolant, so a cumulative mass curve never yields a negative SFR.
 */
public final class Pchip {
    private final double[] x;
    private final double[] y;
    private final double[] d;

    /** {@code x} strictly increasing, at least 2 points. Arrays are copied. */
    public Pchip(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("PCHIP needs >= 2 points and equal lengths, got " + n + "/" + y.length);
        }
        for (int i = 1; i < n; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("PCHIP abscissae must increase strictly: x[" + i + "]=" + x[i]
                        + " after " + x[i - 1]);
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.d = new double[n];
        double[] h = new double[n - 1];
        double[] delta = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            delta[i] = (y[i + 1] - y[i]) / h[i];
        }
        if (n == 2) {
            d[0] = delta[0];
            d[1] = delta[0];
            return;
        }
        for (int k = 1; k < n - 1; k++) {
            if (delta[k - 1] * delta[k] <= 0) {
                d[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1];
                double w2 = h[k] + 2 * h[k - 1];
                d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k]);
            }
        }
        d[0] = endSlope(h[0], h[1], delta[0], delta[1]);
        d[n - 1] = endSlope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
    }

    private static double endSlope(double h0, double h1, double m0, double m1) {
        double s = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(s) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(s) > Math.abs(3 * m0)) {
            return 3 * m0;
        }
        return s;
    }

    /** Interpolated value; clamped to the end values outside [x0, xn]. */
    public double value(double t) {
        int n = x.length;
        if (t <= x[0]) {
            return y[0];
        }
        if (t >= x[n - 1]) {
            return y[n - 1];
        }
        int i = 0;
        while (t > x[i + 1]) {
            i++;
        }
        double h = x[i + 1] - x[i];
        double s = (t - x[i]) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        double h00 = 2 * s3 - 3 * s2 + 1;
        double h10 = s3 - 2 * s2 + s;
        double h01 = -2 * s3 + 3 * s2;
        double h11 = s3 - s2;
        return h00 * y[i] + h10 * h * d[i] + h01 * y[i + 1] + h11 * h * d[i + 1];
    }

    /** Exact integral of the interpolant over [a, b] (a &lt;= b), constant extension outside the knots. */
    public double integral(double a, double b) {
        if (b < a) {
            throw new IllegalArgumentException("integral bounds reversed: " + a + " > " + b);
        }
        int n = x.length;
        double total = 0;
        if (a < x[0]) {
            total += y[0] * (Math.min(b, x[0]) - a);
            a = Math.min(b, x[0]);
        }
        if (b > x[n - 1]) {
            total += y[n - 1] * (b - Math.max(a, x[n - 1]));
            b = Math.max(a, x[n - 1]);
        }
        if (b <= a) {
            return total;
        }
        int i = 0;
        while (i < n - 2 && a >= x[i + 1]) {
            i++;
        }
        for (; i < n - 1 && x[i] < b; i++) {
            double lo = Math.max(a, x[i]);
            double hi = Math.min(b, x[i + 1]);
            if (hi > lo) {
                double h = x[i + 1] - x[i];
                total += h * (segmentPrimitive(i, (hi - x[i]) / h) - segmentPrimitive(i, (lo - x[i]) / h));
            }
        }
        return total;
    }

    /** int_0^s of the Hermite cubic on segment i in its local variable s in [0, 1] (times h gives x-units). */
    private double segmentPrimitive(int i, double s) {
        double h = x[i + 1] - x[i];
        double s2 = s * s;
        double s3 = s2 * s;
        double s4 = s3 * s;
        double i00 = s4 / 2 - s3 + s;
        double i10 = s4 / 4 - 2 * s3 / 3 + s2 / 2;
        double i01 = -s4 / 2 + s3;
        double i11 = s4 / 4 - s3 / 3;
        return i00 * y[i] + i10 * h * d[i] + i01 * y[i + 1] + i11 * h * d[i + 1];
    }

    /** First derivative of the interpolant. */
    public double derivative(double t) {
        int n = x.length;
        if (t < x[0] || t > x[n - 1]) {
            return 0;
        }
        int i = 0;
        while (i < n - 2 && t > x[i + 1]) {
            i++;
        }
        double h = x[i + 1] - x[i];
        double s = (t - x[i]) / h;
        double s2 = s * s;
        double dh00 = (6 * s2 - 6 * s) / h;
        double dh10 = 3 * s2 - 4 * s + 1;
        double dh01 = (-6 * s2 + 6 * s) / h;
        double dh11 = 3 * s2 - 2 * s;
        return dh00 * y[i] + dh10 * d[i] + dh01 * y[i + 1] + dh11 * d[i + 1];
    }
}
