package io.sedstream.sed.prior;

import java.util.SplittableRandom;

/** Random variates needed by the priors and noise models (deterministic for a given stream). */
public final class Distributions {
    private Distributions() {
    }

    /** Uniform on [lo, hi). */
    public static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Standard normal (Java 17 RandomGenerator's ziggurat, deterministic for the stream). */
    public static double normal(SplittableRandom rng) {
        return rng.nextGaussian();
    }

    /**
     * Gamma(shape, 1) variate: exponential for shape = 1; Marsaglia &amp; Tsang (2000, ACM TOMS 26, 363)
     * for shape &gt;= 1; the boost U^(1/shape) for shape &lt; 1.
     */
    public static double gamma(SplittableRandom rng, double shape) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("gamma shape must be positive, got " + shape);
        }
        if (shape == 1.0) {
            return -Math.log(1.0 - rng.nextDouble());
        }
        if (shape < 1.0) {
            double u = rng.nextDouble();
            return gamma(rng, shape + 1.0) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * The first {@code n} partial sums of a Dirichlet(alpha, ..., alpha) vector of length n+1: the Dense
     * Basis quantile times t_1 &lt; ... &lt; t_n in (0, 1) (Iyer et al. 2019). Written into out[offset..].
     */
    public static void dirichletCumulative(SplittableRandom rng, double alpha, int n, double[] out, int offset) {
        double total = 0;
        double[] g = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            g[i] = gamma(rng, alpha);
            total += g[i];
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += g[i];
            out[offset + i] = s / total;
        }
    }
}
