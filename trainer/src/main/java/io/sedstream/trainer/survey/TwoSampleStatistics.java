package io.sedstream.trainer.survey;

import java.util.Arrays;

/** Quantiles and the two-sample Kolmogorov-Smirnov test, on sorted samples. */
public final class TwoSampleStatistics {
    /** The quantile levels every table of the survey report shows. */
    public static final double[] LEVELS = {0.05, 0.25, 0.50, 0.75, 0.95};

    private TwoSampleStatistics() {
    }

    /** Sorted copy without NaNs. */
    public static double[] sortedFinite(double[] values, int count) {
        double[] out = new double[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isFinite(values[i])) {
                out[n++] = values[i];
            }
        }
        double[] s = Arrays.copyOf(out, n);
        Arrays.sort(s);
        return s;
    }

    /** Quantile at level p of a sorted sample by linear interpolation between order statistics (R's type 7); NaN when empty. */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The quantiles at {@link #LEVELS}. */
    public static double[] quantiles(double[] sorted) {
        double[] q = new double[LEVELS.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = quantile(sorted, LEVELS[i]);
        }
        return q;
    }

    /** The KS statistic D = sup |F_a - F_b| of two sorted samples (NaN when either is empty); ties handled by stepping past equal values. */
    public static double ksStatistic(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /**
     * Asymptotic p-value of D for sample sizes na and nb: the Kolmogorov distribution's tail
     * Q(lambda) = 2 sum_k (-1)^(k-1) exp(-2 k^2 lambda^2) at lambda = (sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) D,
     * ne = na nb / (na + nb) (Stephens' small-sample correction, as in Press et al., Numerical Recipes, 14.3).
     */
    public static double ksPValue(double d, long na, long nb) {
        if (!Double.isFinite(d) || na == 0 || nb == 0) {
            return Double.NaN;
        }
        double ne = (double) na * nb / (na + nb);
        double sq = Math.sqrt(ne);
        double lambda = (sq + 0.12 + 0.11 / sq) * d;
        if (lambda < 0.2) {
            return 1.0; // the series converges slowly here and its value is 1 to 1e-12
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k <= 200; k++) {
            double term = sign * Math.exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-16) {
                break;
            }
            sign = -sign;
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }

    /** Fraction of {@code values} (sorted) outside [lo, hi]; NaN when empty. */
    public static double fractionOutside(double[] values, double lo, double hi) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long out = 0;
        for (double v : values) {
            if (v < lo || v > hi) {
                out++;
            }
        }
        return (double) out / values.length;
    }
}
