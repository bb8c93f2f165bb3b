package io.sedstream.trainer.validate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics on analytic cases: a posterior that is exactly the distribution the truth was drawn from
 * is calibrated by construction, so its coverage must be nominal, TARP's ECP(0.5) must be 0.5 and
 * SBC ranks uniform; an over-confident posterior must fail in the predicted direction.
 */
class CalibrationMetricsTest {

    private static final int OBJECTS = 20_000;
    private static final int DIMS = 3;

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }

    /** Standard normal CDF via erf-free complement (Abramowitz & Stegun 26.2.17 is not needed: use symmetry + series). */
    private static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2.0));
    }

    // Numerical Recipes erfc (Chebyshev), relative error < 1.2e-7.
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    @Test
    void calibratedGaussianPosteriorHasNominalCoverageAndTarp() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] levels = new double[OBJECTS];
        double[] tarp = new double[OBJECTS];
        int[] ranks = new int[OBJECTS];
        int draws = 99;
        double[] samples = new double[draws * DIMS];
        double[] truth = new double[DIMS];
        double[] ref = new double[DIMS];
        for (int i = 0; i < OBJECTS; i++) {
            // Posterior N(mu, sigma^2 I); truth drawn from that very posterior.
            double sigma = 0.2 + rng.nextDouble();
            double[] mu = {gaussian(rng), gaussian(rng), gaussian(rng)};
            for (int d = 0; d < DIMS; d++) {
                truth[d] = mu[d] + sigma * gaussian(rng);
                ref[d] = mu[d] + 2 * (rng.nextDouble() - 0.5) * 3 * sigma;
            }
            for (int s = 0; s < draws; s++) {
                for (int d = 0; d < DIMS; d++) {
                    samples[s * DIMS + d] = mu[d] + sigma * gaussian(rng);
                }
            }
            levels[i] = Coverage.centralLevel(normalCdf((truth[0] - mu[0]) / sigma));
            tarp[i] = Tarp.coverageFraction(samples, draws, DIMS, truth, ref);
            ranks[i] = Sbc.rank(samples, draws, DIMS, 0, truth[0]);
        }
        // Binomial standard error at n = 20000 is <= 0.0035; allow ~4 sigma.
        assertEquals(0.68, Coverage.at(levels, OBJECTS, 0.68), 0.015);
        assertEquals(0.95, Coverage.at(levels, OBJECTS, 0.95), 0.01);
        assertTrue(Tarp.ecp50Error(tarp, OBJECTS) < 0.015, "TARP |ECP(0.5)-0.5| = " + Tarp.ecp50Error(tarp, OBJECTS));
        Sbc.UniformityTest test = Sbc.uniformity(Sbc.histogram(ranks, OBJECTS, draws, 20));
        assertEquals(19, test.degreesOfFreedom());
        assertTrue(test.pValue() > 1e-4, "uniform ranks rejected: chi2 " + test.chiSquare() + ", p " + test.pValue());
    }

    @Test
    void overconfidentPosteriorUndercoversByTheGaussianAmount() {
        SplittableRandom rng = new SplittableRandom(12);
        double[] levels = new double[OBJECTS];
        int[] ranks = new int[OBJECTS];
        int draws = 99;
        double[] samples = new double[draws];
        for (int i = 0; i < OBJECTS; i++) {
            double truth = gaussian(rng);
            // Posterior claims sigma = 0.5 around 0 while the truth has sigma = 1.
            levels[i] = Coverage.centralLevel(normalCdf(truth / 0.5));
            for (int s = 0; s < draws; s++) {
                samples[s] = 0.5 * gaussian(rng);
            }
            ranks[i] = Sbc.rank(samples, draws, 1, 0, truth);
        }
        // A 68% interval of half the true width holds the truth with probability 2 Phi(0.4945) - 1 = 0.379.
        assertEquals(2 * normalCdf(0.994458 * 0.5) - 1, Coverage.at(levels, OBJECTS, 0.68), 0.015);
        Sbc.UniformityTest test = Sbc.uniformity(Sbc.histogram(ranks, OBJECTS, draws, 20));
        assertTrue(test.pValue() < 1e-10, "over-confident ranks look uniform: p " + test.pValue());
    }

    @Test
    void tarpDetectsBiasedPosterior() {
        SplittableRandom rng = new SplittableRandom(13);
        int n = 5000;
        int draws = 50;
        double[] f = new double[n];
        double[] samples = new double[draws];
        for (int i = 0; i < n; i++) {
            double truth = gaussian(rng);
            for (int s = 0; s < draws; s++) {
                samples[s] = 2.0 + 0.3 * gaussian(rng);
            }
            f[i] = Tarp.coverageFraction(samples, draws, 1, new double[]{truth}, new double[]{4 * rng.nextDouble() - 2});
        }
        assertTrue(Tarp.ecp50Error(f, n) > 0.1, "TARP missed a 2-sigma bias: " + Tarp.ecp50Error(f, n));
    }

    @Test
    void uniformityTestMatchesClosedFormTails() {
        // {10, 30}: expected 20 each, chi2 = 10 with 1 dof, P(chi2_1 > 10) = erfc(sqrt(5)).
        Sbc.UniformityTest one = Sbc.uniformity(new long[] {10, 30});
        assertEquals(10.0, one.chiSquare(), 1e-12);
        assertEquals(1, one.degreesOfFreedom());
        assertEquals(0.0015654022580025488, one.pValue(), 1e-12);
        // {10, 20, 30}: chi2 = 10 with 2 dof, whose tail is exp(-x / 2).
        Sbc.UniformityTest two = Sbc.uniformity(new long[] {10, 20, 30});
        assertEquals(10.0, two.chiSquare(), 1e-12);
        assertEquals(Math.exp(-5.0), two.pValue(), 1e-12);
        // A perfectly flat histogram: chi2 = 0, p = 1; an empty one has no test.
        assertEquals(1.0, Sbc.uniformity(new long[] {7, 7, 7, 7}).pValue(), 1e-12);
        assertTrue(Double.isNaN(Sbc.uniformity(new long[] {0, 0}).pValue()));
    }

    @Test
    void photoZMetricsFollowTheirDefinitions() {
        SplittableRandom rng = new SplittableRandom(14);
        int n = 40_000;
        double[] zt = new double[n];
        double[] ze = new double[n];
        for (int i = 0; i < n; i++) {
            zt[i] = 0.5 + 6 * rng.nextDouble();
            double dz = i % 50 == 0 ? 0.5 : 0.01 + 0.03 * gaussian(rng);
            ze[i] = zt[i] + dz * (1 + zt[i]);
        }
        PhotoZMetrics m = PhotoZMetrics.of(ze, zt, n);
        assertEquals(0.02, m.outlierFraction(), 0.002);
        assertEquals(0.01, m.bias(), 0.002);
        // NMAD of a Gaussian is its sigma; 2% outliers inflate it by ~1.6%.
        assertEquals(0.03, m.nmad(), 0.0015);
    }

    @Test
    void photoZMetricsOfAnEvenCountAverageTheCentralPair() {
        // dz = {0.1, -0.02, 0.04, 0.3}: median (0.04 + 0.1) / 2 = 0.07; |dz - 0.07| = {0.03, 0.09, 0.03, 0.23} -> 0.06.
        PhotoZMetrics m = PhotoZMetrics.of(new double[] {0.1, -0.02, 0.04, 0.3}, new double[] {0, 0, 0, 0}, 4);
        assertEquals(0.07, m.bias(), 1e-12);
        assertEquals(1.4826 * 0.06, m.nmad(), 1e-12);
        assertEquals(0.25, m.outlierFraction(), 0.0);
    }

    @Test
    void photoZOutliersAreSplitByTrueRedshiftWithTheLymanBalmerConfusionCounted() {
        // true z: 0.5 (good), 2.5 -> 0.3 (Lyman read as Balmer), 2.5 (good), 3.5 -> 5.5 (outlier, not to low z), 5 (good).
        double[] zt = {0.5, 2.5, 2.5, 3.5, 5};
        double[] ze = {0.52, 0.3, 2.51, 5.5, 5.02};
        PhotoZMetrics m = PhotoZMetrics.of(ze, zt, 5);
        assertEquals(5, m.byTrueRedshift().size());
        PhotoZMetrics.TrueRedshiftBin z0 = m.byTrueRedshift().get(0);
        assertEquals(1, z0.count());
        assertEquals(0.0, z0.outlierFraction(), 0.0);
        assertTrue(Double.isNaN(m.byTrueRedshift().get(1).outlierFraction()), "empty bin 1-2 is NaN, not 0");
        PhotoZMetrics.TrueRedshiftBin z2 = m.byTrueRedshift().get(2);
        assertEquals(2, z2.count());
        assertEquals(0.5, z2.outlierFraction(), 0.0);
        assertEquals(0.5, z2.lowZConfusionFraction(), 0.0);
        PhotoZMetrics.TrueRedshiftBin z3 = m.byTrueRedshift().get(3);
        assertEquals(1.0, z3.outlierFraction(), 0.0);
        assertEquals(0.0, z3.lowZConfusionFraction(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, m.byTrueRedshift().get(4).zTrueMax());
        assertEquals(1, m.byTrueRedshift().get(4).count());
    }

    @Test
    void pointMetricsOfPerfectAndShiftedEstimates() {
        double[] truth = {1, 2, 3, 4, 5};
        PointMetrics perfect = PointMetrics.of(truth, truth, 5);
        assertEquals(1.0, perfect.r2(), 1e-12);
        assertEquals(0.0, perfect.rmse(), 1e-12);
        PointMetrics shifted = PointMetrics.of(new double[]{2, 3, 4, 5, 6}, truth, 5);
        assertEquals(1.0, shifted.bias(), 1e-12);
        assertEquals(1.0, shifted.rmse(), 1e-12);
        assertEquals(1.0 - 5.0 / 10.0, shifted.r2(), 1e-12);
    }
}
