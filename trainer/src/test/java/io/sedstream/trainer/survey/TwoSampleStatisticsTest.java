package io.sedstream.trainer.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoSampleStatisticsTest {

    @Test
    void ksStatisticOnKnownCases() {
        assertEquals(0.0, TwoSampleStatistics.ksStatistic(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
        assertEquals(1.0, TwoSampleStatistics.ksStatistic(new double[] {1, 2}, new double[] {3, 4}));
        // Ties across samples: F_a(1) = 2/3, F_b(1) = 1/3.
        assertEquals(1.0 / 3, TwoSampleStatistics.ksStatistic(new double[] {1, 1, 2}, new double[] {1, 2, 2}), 1e-15);
        assertTrue(Double.isNaN(TwoSampleStatistics.ksStatistic(new double[0], new double[] {1})));
    }

    @Test
    void theKolmogorovTailGivesTheTabulatedCriticalValue() {
        // lambda = 1.3581 is the 5% point of the Kolmogorov distribution; 1.6276 the 1% point.
        long n = 1_000_000;
        double sq = Math.sqrt(n / 2.0);
        double scale = sq + 0.12 + 0.11 / sq;
        assertEquals(0.05, TwoSampleStatistics.ksPValue(1.3581 / scale, n, n), 2e-4);
        assertEquals(0.01, TwoSampleStatistics.ksPValue(1.6276 / scale, n, n), 1e-4);
        assertEquals(1.0, TwoSampleStatistics.ksPValue(0, 10, 10));
    }

    @Test
    void samplesFromOneDistributionGiveUniformPValues() {
        // Under the null, p < 0.05 in about 5% of repetitions (binomial SE over 400 draws: 1.1%).
        SplittableRandom rng = new SplittableRandom(5);
        int below = 0;
        for (int rep = 0; rep < 400; rep++) {
            double[] a = new double[300];
            double[] b = new double[500];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextGaussian();
            }
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            below += TwoSampleStatistics.ksPValue(TwoSampleStatistics.ksStatistic(a, b), a.length, b.length) < 0.05 ? 1 : 0;
        }
        assertTrue(below >= 8 && below <= 36, below + " of 400 below 0.05");
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] s = {1, 2, 3, 4};
        assertEquals(1.75, TwoSampleStatistics.quantile(s, 0.25), 1e-15);
        assertEquals(2.5, TwoSampleStatistics.quantile(s, 0.5), 1e-15);
        assertEquals(4.0, TwoSampleStatistics.quantile(s, 1.0), 1e-15);
        double[] finite = TwoSampleStatistics.sortedFinite(new double[] {3, Double.NaN, 1, 2}, 4);
        assertEquals(3, finite.length);
        assertEquals(0.5, TwoSampleStatistics.fractionOutside(new double[] {0, 1, 2, 5}, 1, 2), 1e-15);
    }
}
