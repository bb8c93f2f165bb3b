package io.sedstream.trainer.nested;

import java.util.Arrays;
import java.util.Comparator;

/** Moments and quantiles of weighted samples (weights need not be normalised). */
public final class WeightedStatistics {

    private WeightedStatistics() {
    }

    public static double mean(double[] values, double[] weights) {
        double m = 0;
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            m += weights[i] * values[i];
            s += weights[i];
        }
        return m / s;
    }

    public static double standardDeviation(double[] values, double[] weights) {
        double m = mean(values, weights);
        double v = 0;
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - m;
            v += weights[i] * d * d;
            s += weights[i];
        }
        return Math.sqrt(v / s);
    }

    /**
     * Weighted quantile, 0 <= q <= 1: each sample's weight is centred on its value and the
     * cumulative weight is interpolated linearly between neighbouring values.
     */
    public static double quantile(double[] values, double[] weights, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (values.length == 0 || values.length != weights.length) {
            throw new IllegalArgumentException("need equally long, non-empty values and weights, got "
                    + values.length + " and " + weights.length);
        }
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = q * total;
        double cumulative = 0;
        double previousValue = values[order[0]];
        double previousMid = 0;
        for (Integer i : order) {
            double w = weights[i];
            double mid = cumulative + 0.5 * w;
            if (mid >= target) {
                if (mid == previousMid) {
                    return values[i];
                }
                double f = (target - previousMid) / (mid - previousMid);
                return previousValue + Math.max(0, Math.min(1, f)) * (values[i] - previousValue);
            }
            cumulative += w;
            previousValue = values[i];
            previousMid = mid;
        }
        return previousValue;
    }
}
