package io.sedstream.trainer.nested;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NestedSamplerTest {

    private static final double BOX = 5.0;

    private static void assertEvidenceWithin3Sigma(double expected, NestedSamplingResult r) {
        double pull = (r.logZ() - expected) / r.logZError();
        System.out.printf("logZ %.3f +- %.3f analytic %.3f pull %.2f calls %d iterations %d%n",
                r.logZ(), r.logZError(), expected, pull, r.likelihoodCalls(), r.iterations());
        assertTrue(Math.abs(pull) < 3.0, () -> String.format(
                "logZ %.3f +- %.3f vs analytic %.3f (pull %.2f sigma)", r.logZ(), r.logZError(), expected, pull));
    }

    @ParameterizedTest
    @EnumSource(SamplingMethod.class)
    void twoDimensionalGaussianEvidenceAndMoments(SamplingMethod method) {
        double[] mu = {1.0, -2.0};
        double[][] cov = {{0.25, 0.12}, {0.12, 0.09}}; // sigmas 0.5, 0.3, correlation 0.8
        for (long seed = 1; seed <= 3; seed++) {
            NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(seed).withNLive(400).withMethod(method))
                    .run(AnalyticProblems.box(2, BOX), AnalyticProblems.gaussian(mu, cov));
            assertTrue(r.converged());
            assertEvidenceWithin3Sigma(AnalyticProblems.logEvidenceInBox(2, BOX), r);
            assertEquals(mu[0], r.mean(0), 0.05);
            assertEquals(mu[1], r.mean(1), 0.03);
            assertEquals(0.5, r.standardDeviation(0), 0.05);
            assertEquals(0.3, r.standardDeviation(1), 0.03);
        }
    }

    @Test
    void tenDimensionalCorrelatedGaussianEvidenceAndMoments() {
        int d = 10;
        double[] mu = new double[d];
        double[] sigmas = new double[d];
        for (int i = 0; i < d; i++) {
            mu[i] = -1.0 + 0.2 * i;
            sigmas[i] = 0.1 + 0.04 * i; // 0.1 .. 0.46: strongly anisotropic
        }
        double[][] cov = AnalyticProblems.ar1Covariance(sigmas, 0.7);
        NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(11).withNLive(500))
                .run(AnalyticProblems.box(d, BOX), AnalyticProblems.gaussian(mu, cov));
        assertTrue(r.converged());
        assertEvidenceWithin3Sigma(AnalyticProblems.logEvidenceInBox(d, BOX), r);
        for (int i = 0; i < d; i++) {
            int k = i;
            assertEquals(mu[i], r.mean(i), 0.15 * sigmas[i], () -> "mean of dimension " + k);
            assertEquals(sigmas[i], r.standardDeviation(i), 0.12 * sigmas[i], () -> "std of dimension " + k);
        }
    }

    /** The quoted error must be the scatter: over 8 seeds the pulls have rms ~ 1 and mean ~ 0. */
    @Test
    void evidenceErrorIsCalibratedOverSeeds() {
        int d = 6;
        double[] mu = new double[d];
        double[] sigmas = new double[d];
        for (int i = 0; i < d; i++) {
            mu[i] = 0.5 - 0.3 * i;
            sigmas[i] = 0.15 + 0.05 * i;
        }
        LogLikelihood likelihood = AnalyticProblems.gaussian(mu, AnalyticProblems.ar1Covariance(sigmas, 0.6));
        double expected = AnalyticProblems.logEvidenceInBox(d, BOX);
        int seeds = 8;
        double sum = 0;
        double sumSquares = 0;
        for (int seed = 0; seed < seeds; seed++) {
            NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(1000 + seed).withNLive(100))
                    .run(AnalyticProblems.box(d, BOX), likelihood);
            double pull = (r.logZ() - expected) / r.logZError();
            sum += pull;
            sumSquares += pull * pull;
        }
        double meanPull = sum / seeds;
        double rmsPull = Math.sqrt(sumSquares / seeds);
        System.out.printf("calibration over %d seeds: mean pull %.2f, rms pull %.2f%n", seeds, meanPull, rmsPull);
        assertTrue(Math.abs(meanPull) < 1.2, "mean pull " + meanPull);
        assertTrue(rmsPull > 0.4 && rmsPull < 1.7, "rms pull " + rmsPull);
    }

    @ParameterizedTest
    @EnumSource(SamplingMethod.class)
    void bimodalFindsBothModesWithTheRightMass(SamplingMethod method) {
        double[] mu1 = {-2.5, -2.0};
        double[] mu2 = {2.0, 2.5};
        double w1 = 0.3;
        NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(5).withNLive(500).withMethod(method))
                .run(AnalyticProblems.box(2, BOX), AnalyticProblems.twoGaussians(mu1, mu2, 0.2, w1));
        assertEvidenceWithin3Sigma(AnalyticProblems.logEvidenceInBox(2, BOX), r);
        assertEquals(w1, massWithNegativeFirstCoordinate(r), 0.04);
    }

    @Test
    void bimodalInFiveDimensionsWithSlices() {
        int d = 5;
        double[] mu1 = new double[d];
        double[] mu2 = new double[d];
        java.util.Arrays.fill(mu1, -2.0);
        java.util.Arrays.fill(mu2, 2.0);
        double w1 = 0.25;
        NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(8).withNLive(500))
                .run(AnalyticProblems.box(d, BOX), AnalyticProblems.twoGaussians(mu1, mu2, 0.3, w1));
        assertEvidenceWithin3Sigma(AnalyticProblems.logEvidenceInBox(d, BOX), r);
        assertEquals(w1, massWithNegativeFirstCoordinate(r), 0.04);
    }

    private static double massWithNegativeFirstCoordinate(NestedSamplingResult r) {
        double[][] s = r.samples();
        double[] w = r.weights();
        double mass = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i][0] < 0) {
                mass += w[i];
            }
        }
        return mass;
    }

    @Test
    void rosenbrockBananaEvidenceMatchesQuadrature() {
        var likelihood = AnalyticProblems.banana(20.0);
        var exact = AnalyticProblems.quadrature2d(likelihood, -BOX, BOX, -BOX, BOX, 2000);
        NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(3).withNLive(500))
                .run(AnalyticProblems.box(2, BOX), likelihood);
        assertEvidenceWithin3Sigma(exact.logZ(), r);
        // the box truncates the banana's arms (y <= 5 means |x| <~ 2.2), pulling <x> below 1 to ~0.8
        assertEquals(exact.meanX(), r.mean(0), 0.05);
        assertEquals(exact.meanY(), r.mean(1), 0.1);
    }

    @Test
    void sameSeedGivesTheSameRunAndAnotherSeedDoesNot() {
        double[] mu = {0.3, -0.4, 0.5};
        double[][] cov = AnalyticProblems.ar1Covariance(new double[] {0.2, 0.3, 0.4}, 0.5);
        NestedSamplerConfig config = NestedSamplerConfig.defaults(42).withNLive(100);
        NestedSamplingResult a = new NestedSampler(config).run(AnalyticProblems.box(3, BOX), AnalyticProblems.gaussian(mu, cov));
        NestedSamplingResult b = new NestedSampler(config).run(AnalyticProblems.box(3, BOX), AnalyticProblems.gaussian(mu, cov));
        NestedSamplingResult c = new NestedSampler(config.withSeed(43)).run(AnalyticProblems.box(3, BOX), AnalyticProblems.gaussian(mu, cov));
        assertEquals(a.logZ(), b.logZ(), 0.0);
        assertEquals(a.likelihoodCalls(), b.likelihoodCalls());
        assertArrayEquals(a.logWeights(), b.logWeights(), 0.0);
        assertNotEquals(a.logZ(), c.logZ());
    }

    @Test
    void equalWeightResamplingReproducesTheWeightedMoments() {
        double[] mu = {0.7, -1.1};
        double[][] cov = {{0.04, 0.0}, {0.0, 0.09}};
        NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(9).withNLive(300))
                .run(AnalyticProblems.box(2, BOX), AnalyticProblems.gaussian(mu, cov));
        double[][] eq = r.equalWeightSamples(4000, 1);
        for (int k = 0; k < 2; k++) {
            double m = 0;
            for (double[] s : eq) {
                m += s[k];
            }
            m /= eq.length;
            assertEquals(r.mean(k), m, 0.02);
        }
        assertEquals(r.mean(0), r.quantile(0, 0.5), 0.03);
        // 68% interval of a normal is +-1 sigma
        assertEquals(0.6, r.quantile(1, 0.8413) - r.quantile(1, 0.1587), 0.05);
        assertTrue(r.effectiveSampleSize() > 300, "ESS " + r.effectiveSampleSize());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
    void aBadLikelihoodValueIsAnErrorNamingThePoint(double bad) {
        NestedSampler sampler = new NestedSampler(NestedSamplerConfig.defaults(1).withNLive(10));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sampler.run(AnalyticProblems.box(2, 1.0), t -> bad));
        assertTrue(e.getMessage().contains("unit-cube point"), e.getMessage());
    }

    @Test
    void invalidConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> NestedSamplerConfig.defaults(1).withNLive(1));
        assertThrows(IllegalArgumentException.class, () -> NestedSamplerConfig.defaults(1).withDlogZ(0));
        assertThrows(IllegalArgumentException.class, () -> NestedSamplerConfig.defaults(1).withEnlargement(0.9));
    }
}
