package io.sedstream.trainer.evidence;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classification and calibration metrics on cases whose answers are known without the code. */
class EvidenceMetricsTest {

    @Test
    void separationAccuracyAndAuc() {
        double[] lnK = {3, 2, 1, -1, -2, -3};
        boolean[] m1 = {true, true, true, false, false, false};
        EvidenceMetrics perfect = EvidenceMetrics.of(lnK, m1);
        assertEquals(1.0, perfect.accuracy());
        assertEquals(1.0, perfect.rocAuc());
        boolean[] reversed = {false, false, false, true, true, true};
        assertEquals(0.0, EvidenceMetrics.of(lnK, reversed).rocAuc());
        assertEquals(0.0, EvidenceMetrics.of(lnK, reversed).accuracy());
        // All ln K equal: every pair is a tie, AUC one half; ln K = 0 calls model 2, log-loss is ln 2.
        EvidenceMetrics coin = EvidenceMetrics.of(new double[] {0, 0, 0, 0}, new boolean[] {true, false, true, false});
        assertEquals(0.5, coin.rocAuc());
        assertEquals(0.5, coin.accuracy());
        assertEquals(0.0, coin.accuracyModel1());
        assertEquals(1.0, coin.accuracyModel2());
        assertEquals(Math.log(2), coin.logLoss(), 1e-15);
        assertEquals(0.25, coin.brier(), 1e-15);
        // Model-1 values {2, -0.5} against model-2 values {-1, 1}: 3 of the 4 pairs ordered right, AUC 3/4.
        assertEquals(0.75, EvidenceMetrics.rocAuc(new double[] {2, -0.5, -1, 1}, new boolean[] {true, true, false, false}), 1e-15);
        // No object of one class (or none at all): no AUC.
        assertTrue(Double.isNaN(EvidenceMetrics.rocAuc(new double[] {1, 2}, new boolean[] {true, true})));
        assertTrue(Double.isNaN(EvidenceMetrics.rocAuc(new double[0], new boolean[0])));
        // Ties across the classes count one half: {1, 1} vs {1, 0} -> pairs (1>0, 1=1, 1>0, 1=1) -> 3/4.
        assertEquals(0.75, EvidenceMetrics.rocAuc(new double[] {1, 1, 1, 0}, new boolean[] {true, true, false, false}), 1e-15);
    }

    @Test
    void log10KPercentilesInterpolateLinearly() {
        // True-M1 log10 K = {4, 0, 3, 1, 2} (unsorted): 16th/50th/84th percentiles at positions 0.64, 2, 3.36 of the sorted values.
        double ln10 = Math.log(10);
        double[] lnK = {4 * ln10, 0, 3 * ln10, ln10, 2 * ln10, -ln10};
        EvidenceMetrics m = EvidenceMetrics.of(lnK, new boolean[] {true, true, true, true, true, false});
        assertEquals(0.64, m.log10KModel1()[0], 1e-12);
        assertEquals(2.0, m.log10KModel1()[1], 1e-12);
        assertEquals(3.36, m.log10KModel1()[2], 1e-12);
        assertEquals(-1.0, m.log10KModel2()[1], 1e-12);
    }

    @Test
    void calibratedProbabilitiesHaveSmallEceAndOverconfidentOnesDoNot() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 200_000;
        double[] lnK = new double[n];
        double[] overconfident = new double[n];
        boolean[] m1 = new boolean[n];
        for (int i = 0; i < n; i++) {
            lnK[i] = 3 * r.nextGaussian();
            double p = 1 / (1 + Math.exp(-lnK[i]));
            m1[i] = r.nextDouble() < p; // labels drawn from the stated probabilities: calibrated by construction
            overconfident[i] = 3 * lnK[i];
        }
        EvidenceMetrics good = EvidenceMetrics.of(lnK, m1);
        EvidenceMetrics bad = EvidenceMetrics.of(overconfident, m1);
        assertTrue(good.ece() < 0.005, "ECE " + good.ece());
        assertTrue(bad.ece() > 0.05, "ECE " + bad.ece());
        for (EvidenceMetrics.ReliabilityBin b : good.reliability()) {
            double binomialSe = Math.sqrt(b.meanPredicted() * (1 - b.meanPredicted()) / b.count());
            assertEquals(b.meanPredicted(), b.observedModel1(), 4 * binomialSe, "bin " + b);
        }
        assertEquals(good.rocAuc(), bad.rocAuc(), 1e-12, "AUC depends on the ordering only");
        assertTrue(bad.logLoss() > good.logLoss());
        long total = 0;
        for (int i = 0; i < good.histogramModel1().length; i++) {
            total += good.histogramModel1()[i] + good.histogramModel2()[i];
        }
        assertEquals(n, total, "every object lands in a histogram bin (end bins take the tails)");
        assertTrue(good.log10KModel1()[1] > 0 && good.log10KModel2()[1] < 0);
    }
}
