package io.sedstream.trainer.validate;

import java.util.Arrays;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Simulation-based calibration (Talts et al. 2018, arXiv:1804.06788): the rank of the true value
 * among L posterior draws is uniform on {0, ..., L} for a calibrated posterior. Ranks are binned
 * into a histogram and tested for uniformity with Pearson's chi-square.
 */
public final class Sbc {

    private Sbc() {
    }

    /** Number of draws strictly below the truth for parameter {@code dim} (draws row-major [count][dims]). */
    public static int rank(double[] draws, int count, int dims, int dim, double truth) {
        int below = 0;
        for (int s = 0; s < count; s++) {
            if (draws[s * dims + dim] < truth) {
                below++;
            }
        }
        return below;
    }

    /** Histogram of ranks in 0..draws into {@code bins} equal bins ((draws + 1) must be divisible by bins). */
    public static long[] histogram(int[] ranks, int count, int draws, int bins) {
        if ((draws + 1) % bins != 0) {
            throw new IllegalArgumentException("(draws + 1) = " + (draws + 1) + " is not divisible by " + bins + " bins");
        }
        int perBin = (draws + 1) / bins;
        long[] h = new long[bins];
        for (int i = 0; i < count; i++) {
            if (ranks[i] >= 0) {
                h[ranks[i] / perBin]++;
            }
        }
        return h;
    }

    /** Result of Pearson's chi-square test of a histogram against uniform. */
    public record UniformityTest(double chiSquare, int degreesOfFreedom, double pValue) {
    }

    public static UniformityTest uniformity(long[] histogram) {
        long total = 0;
        for (long c : histogram) {
            total += c;
        }
        if (total == 0) {
            return new UniformityTest(Double.NaN, histogram.length - 1, Double.NaN);
        }
        double[] expected = new double[histogram.length];
        Arrays.fill(expected, (double) total / histogram.length);
        ChiSquareTest test = new ChiSquareTest();
        return new UniformityTest(test.chiSquare(expected, histogram), histogram.length - 1, test.chiSquareTest(expected, histogram));
    }
}
