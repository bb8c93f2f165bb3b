package io.sedstream.trainer.validate;

/**
 * Frequentist coverage of central credible intervals. For each object the smallest central
 * interval that contains the truth has credibility c = |2 F(truth) - 1|, F the marginal posterior
 * CDF; the interval at nominal level a covers the truth iff c <= a. A calibrated posterior gives
 * coverage(a) = a for every a.
 */
public final class Coverage {

    private Coverage() {
    }

    /** Credibility level of the smallest central interval containing the truth. */
    public static double centralLevel(double cdfAtTruth) {
        return Math.abs(2.0 * cdfAtTruth - 1.0);
    }

    /** Fraction of objects whose central interval at {@code nominal} contains the truth. */
    public static double at(double[] centralLevels, int count, double nominal) {
        if (count == 0) {
            return Double.NaN;
        }
        int covered = 0;
        for (int i = 0; i < count; i++) {
            if (centralLevels[i] <= nominal) {
                covered++;
            }
        }
        return (double) covered / count;
    }

    /** Coverage at each of {@code levels}. */
    public static double[] curve(double[] centralLevels, int count, double[] levels) {
        double[] out = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = at(centralLevels, count, levels[i]);
        }
        return out;
    }

    /** {@code n + 1} evenly spaced levels 0, 1/n, ..., 1. */
    public static double[] levels(int n) {
        double[] l = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            l[i] = (double) i / n;
        }
        return l;
    }
}
