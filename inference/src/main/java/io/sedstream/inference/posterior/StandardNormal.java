package io.sedstream.inference.posterior;

/**
 * Standard normal density and tail probabilities in double precision. The tail uses Hart's
 * (1968) rational approximation 5666 as given by West (2005, Wilmott Magazine, "Better approximations
 * to cumulative normal functions"): absolute error below 1e-16, relative error of the small tail
 * below 1e-8 out to z = 37 (measured against a deep continued fraction in the tests). Its
 * exp(-z^2/2) is shared with the density, so one exp gives both (the summary's hot loop).
 * Kept hand-written on purpose: Hipparchus's erfc evaluates the regularised incomplete gamma function
 * (an iterated series or continued fraction per call) and the density would need its own exp; on the
 * per-record path that is slower, and the serving classpath stays free of statistics jars.
 */
public final class StandardNormal {
    /** 1 / sqrt(2 pi). */
    public static final double INV_SQRT_2PI = 0.3989422804014327;
    /** sqrt(2 pi). */
    public static final double SQRT_2PI = 2.5066282746310002;
    /** Where West switches from the rational form to the continued fraction: 10 / sqrt(2). */
    private static final double RATIONAL_LIMIT = 7.07106781186547;

    // Hart (1968) 5666 coefficients, numerator P (degree 6) and denominator Q (degree 7), as in West (2005).
    private static final double P0 = 220.206867912376;
    private static final double P1 = 221.213596169931;
    private static final double P2 = 112.079291497871;
    private static final double P3 = 33.912866078383;
    private static final double P4 = 6.37396220353165;
    private static final double P5 = 0.700383064443688;
    private static final double P6 = 3.52624965998911e-02;
    private static final double Q0 = 440.413735824752;
    private static final double Q1 = 793.826512519948;
    private static final double Q2 = 637.333633378831;
    private static final double Q3 = 296.564248779674;
    private static final double Q4 = 86.7807322029461;
    private static final double Q5 = 16.064177579207;
    private static final double Q6 = 1.75566716318264;
    private static final double Q7 = 8.83883476483184e-02;

    /**
     * The tail table covers 0 &lt;= u &lt; {@value #TABLE_LIMIT}; beyond it Phi(-u) &lt; 1e-17 and
     * phi(u) &lt; 2e-16, which {@link #tableTail} and {@link #tableDensity} return as 0.
     */
    static final double TABLE_LIMIT = 8.5;
    /** Table intervals per unit of u: the interpolant's error grows like (u / (2 x this))^6 relative. */
    static final double TABLE_STEPS_PER_UNIT = 32.0;
    static final int TABLE_INTERVALS = (int) Math.round(TABLE_LIMIT * TABLE_STEPS_PER_UNIT);
    /**
     * Per interval [j h, (j + 1) h) of u (h = 1/32), the coefficients c0..c5 of the quintic in
     * t = u / h - j that matches Phi(-u) and its first two derivatives (-phi(u), u phi(u)) at both
     * ends (Hermite interpolation). Its error is f^(6)(xi) (h/2)^6 / 6! at most: below 5e-14
     * absolute and about (u h / 2)^6 / 720 relative (1e-8 at u = 8.5), measured in
     * StandardNormalTest; no exp and no division per call, unlike {@link #upperTailAbs}.
     */
    static final double[] TAIL_TABLE = tailTable();

    private StandardNormal() {
    }

    private static double[] tailTable() {
        double h = 1.0 / TABLE_STEPS_PER_UNIT;
        double[] table = new double[6 * (TABLE_INTERVALS + 1)]; // the last interval stays 0: u beyond the limit
        for (int j = 0; j < TABLE_INTERVALS; j++) {
            double u0 = j * h;
            double u1 = (j + 1) * h;
            double e0 = Math.exp(-0.5 * u0 * u0);
            double e1 = Math.exp(-0.5 * u1 * u1);
            double f0 = upperTailAbs(u0, e0);
            double f1 = upperTailAbs(u1, e1);
            // Derivatives in t: d/dt = h d/du.
            double d0 = -h * INV_SQRT_2PI * e0;
            double d1 = -h * INV_SQRT_2PI * e1;
            double s0 = h * h * u0 * INV_SQRT_2PI * e0;
            double s1 = h * h * u1 * INV_SQRT_2PI * e1;
            double c2 = 0.5 * s0;
            double a = f1 - (f0 + d0 + c2);
            double b = d1 - (d0 + 2 * c2);
            double c = s1 - 2 * c2;
            int base = 6 * j;
            table[base] = f0;
            table[base + 1] = d0;
            table[base + 2] = c2;
            table[base + 3] = 10 * a - 4 * b + 0.5 * c;
            table[base + 4] = -15 * a + 7 * b - c;
            table[base + 5] = 6 * a - 3 * b + 0.5 * c;
        }
        return table;
    }

    /**
     * Phi(-u) for u &gt;= 0 from the table (0 beyond {@link #TABLE_LIMIT}): absolute error below
     * 5e-14, for sums whose total is not small (a fast path; {@link #upperTailAbs} is the exact one).
     * Branch-free: u at or beyond the limit lands on a last, all-zero interval; NaN stays NaN.
     */
    static double tableTail(double u) {
        double s = Math.min(u * TABLE_STEPS_PER_UNIT, TABLE_INTERVALS);
        int j = (int) s;
        double t = s - j;
        int b = 6 * j;
        double[] c = TAIL_TABLE;
        // Estrin's scheme: three short independent chains instead of Horner's one long one.
        double t2 = t * t;
        return (c[b] + t * c[b + 1]) + t2 * ((c[b + 2] + t * c[b + 3]) + t2 * (c[b + 4] + t * c[b + 5]));
    }

    /** phi(u) for u &gt;= 0 as minus the derivative of {@link #tableTail}'s interpolant (0 beyond {@link #TABLE_LIMIT}). */
    static double tableDensity(double u) {
        double s = Math.min(u * TABLE_STEPS_PER_UNIT, TABLE_INTERVALS);
        int j = (int) s;
        double t = s - j;
        int b = 6 * j;
        double[] c = TAIL_TABLE;
        double t2 = t * t;
        double derivative = (c[b + 1] + t * 2 * c[b + 2]) + t2 * ((3 * c[b + 3] + t * 4 * c[b + 4]) + t2 * 5 * c[b + 5]);
        return -TABLE_STEPS_PER_UNIT * derivative;
    }

    /** Density phi(z). */
    public static double pdf(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /** Lower tail Phi(z). */
    public static double cdf(double z) {
        double t = upperTailAbs(Math.abs(z), Math.exp(-0.5 * z * z));
        return z < 0 ? t : 1.0 - t;
    }

    /** Upper tail 1 - Phi(z), accurate for large z. */
    public static double complementaryCdf(double z) {
        return cdf(-z);
    }

    /**
     * Upper tail Phi(-|z|) = 1 - Phi(|z|) given |z| and the precomputed factor exp(-z^2/2).
     * NaN in gives NaN out.
     */
    static double upperTailAbs(double absZ, double expHalfZ2) {
        if (absZ < RATIONAL_LIMIT) {
            double p = ((((((P6 * absZ + P5) * absZ + P4) * absZ + P3) * absZ + P2) * absZ + P1) * absZ + P0);
            double q = (((((((Q7 * absZ + Q6) * absZ + Q5) * absZ + Q4) * absZ + Q3) * absZ + Q2) * absZ + Q1) * absZ + Q0);
            return expHalfZ2 * p / q;
        }
        // Continued fraction for the Mills ratio, valid far in the tail.
        double cf = absZ + 1.0 / (absZ + 2.0 / (absZ + 3.0 / (absZ + 4.0 / (absZ + 0.65))));
        return expHalfZ2 / (cf * SQRT_2PI);
    }

    /**
     * Phi(hi) - Phi(lo) for lo &lt;= hi, to about 1e-8 relative however close lo and hi are, given
     * their small tails Phi(-|lo|), Phi(-|hi|) and densities phi(lo), phi(hi). Where the density
     * changes by less than a factor e across [lo, hi] the difference of the two nearly equal tails
     * would lose every digit (the tails themselves are good to 1e-8 relative, Hart 5666): there the
     * integral is a Taylor series from the end nearer zero ({@link #gaussianSegment}); elsewhere the
     * difference of the tails loses at most a factor 1 / (1 - 1/e).
     */
    static double intervalMass(double lo, double hi, double tailLo, double tailHi, double phiLo, double phiHi) {
        if (!(hi > lo)) {
            return 0.0;
        }
        double gap = hi - lo;
        if (lo >= 0) {
            return needsSeries(lo, gap) ? phiLo * gap * gaussianSegment(lo, gap, 0) : Math.max(0.0, tailLo - tailHi);
        }
        if (hi <= 0) {
            return needsSeries(-hi, gap) ? phiHi * gap * gaussianSegment(-hi, gap, 0) : Math.max(0.0, tailHi - tailLo);
        }
        return needsSeries(-lo, gap) ? phiLo * gap * gaussianSegment(lo, gap, 0) : Math.max(0.0, 1.0 - tailLo - tailHi);
    }

    /**
     * Whether the difference of tails would lose digits: the density changes by less than a factor e
     * over the gap, and either the near end lies in the far tail (|z| &gt; 3, where the tails are good
     * only to 1e-8 relative) or the gap is below 1e-4 (within 3 of zero the tails are good to 1e-16
     * absolute, so a difference of mass &gt;= 0.004 gap keeps 5e-14 / gap relative: 5e-10 at 1e-4).
     */
    private static boolean needsSeries(double nearAbs, double gap) {
        return (nearAbs + gap) * gap <= 1.0 && (nearAbs > 3.0 || gap < 1e-4);
    }

    /**
     * The moment integral int_0^gap t^power exp(-kappa t - t^2/2) dt / gap^(power+1) (power 0, 1
     * or 2), for (|kappa| + gap) gap &lt;= 1, by the Taylor series of the integrand: with
     * d_n = c_n gap^n, (n+1) d_(n+1) = -(kappa gap d_n + gap^2 d_(n-1)) (from f' = -(kappa + t) f),
     * and the result is sum_n d_n / (n + power + 1). Under the bound |d_n| falls at least like
     * 2^n / n!, so 30 terms reach double precision.
     */
    static double gaussianSegment(double kappa, double gap, int power) {
        double a = kappa * gap;
        double b = gap * gap;
        double previous = 0.0;
        double current = 1.0;
        double sum = 1.0 / (power + 1);
        for (int n = 0; n < 60; n++) {
            double next = -(a * current + b * previous) / (n + 1);
            previous = current;
            current = next;
            double term = current / (n + power + 2);
            sum += term;
            if (n >= 2 && Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs(previous) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return sum;
    }

    /**
     * The Mills ratio (1 - Phi(x)) / phi(x) for x &gt;= 3 to double precision: Laplace's continued
     * fraction 1 / (x + 1 / (x + 2 / (x + 3 / ...))) evaluated backwards from 450 / x^2 + 8 levels,
     * converged to rounding for every x &gt;= 3 (checked against the series in the tests). Used
     * where a far tail's relative error would be amplified: the moments of a component whose mean
     * lies many sds outside the interval.
     */
    static double millsRatio(double x) {
        if (x < 3.0) {
            throw new IllegalArgumentException("millsRatio needs x >= 3, got " + x);
        }
        // Levels for double precision fall like 1/x^2 (measured: 49 at x = 3, 23 at 5, 12 at 10, 6 at 30);
        // 450 / x^2 + 8 covers them all with a margin, and keeps the far tail cheap.
        int levels = (int) Math.ceil(450.0 / (x * x)) + 8;
        double f = x;
        for (int k = levels; k >= 1; k--) {
            f = x + k / f;
        }
        return 1.0 / f;
    }

    /**
     * Quantile to about 1e-9 (one Halley step from the Abramowitz &amp; Stegun start): for starting
     * points and steps whose result is checked by the caller, not for reported numbers.
     */
    static double quantileForStart(double p) {
        double q = Math.min(p, 1 - p);
        double t = Math.sqrt(-2.0 * Math.log(q));
        double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
        z = p < 0.5 ? -z : z;
        // The Halley step needs the smaller tail and the density at |z|; the table gives both without
        // an exp where it holds them to 1e-8 relative or better (|z| < 8), the exact tail beyond.
        double absZ = Math.abs(z);
        double tail = absZ < 8.0 ? tableTail(absZ) : upperTailAbs(absZ, Math.exp(-0.5 * z * z));
        double density = absZ < 8.0 ? tableDensity(absZ) : pdf(z);
        double e = (z < 0) == (p < 0.5) ? tail - q : (1.0 - tail) - q;  // Phi(z) - p below 1/2, (1 - p) - (1 - Phi(z)) above
        double u = (p < 0.5 ? e : -e) / density;
        return z - u / (1.0 + 0.5 * z * u);
    }

    /**
     * Quantile z with Phi(z) = p, for 0 &lt; p &lt; 1: Acklam-style start refined by Halley steps on
     * the accurate {@link #cdf}; |Phi(z) - p| is at the level of double rounding.
     */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + p);
        }
        // Start: logistic-like tail form z ~ sign * sqrt(-2 ln(min(p,1-p))) corrected; Halley converges from it.
        double q = Math.min(p, 1 - p);
        double t = Math.sqrt(-2.0 * Math.log(q));
        // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4): a good enough start.
        double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
        z = p < 0.5 ? -z : z;
        for (int i = 0; i < 6; i++) {
            double e = (p < 0.5 ? cdf(z) - p : (1.0 - p) - complementaryCdf(z));
            double u = e / pdf(z);
            double step = u / (1.0 + 0.5 * z * u);
            z -= step;
            if (Math.abs(step) < 1e-15 * Math.max(1.0, Math.abs(z))) {
                break;
            }
        }
        return z;
    }
}
