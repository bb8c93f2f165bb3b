package io.sedstream.trainer.misfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EM recovers a known two-component mixture; blackbody colours follow Planck's law. */
class GaussianMixtureFitTest {

    @Test
    void emRecoversTheWeightsMeansAndCovariancesOfAKnownMixture() {
        int rows = 40_000;
        double[] x = new double[rows * 2];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < rows; i++) {
            boolean first = rng.nextDouble() < 0.3;
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            if (first) {
                // mean (-3, 1), sd 0.5 and 1.0, correlation 0.6
                x[2 * i] = -3 + 0.5 * a;
                x[2 * i + 1] = 1 + 1.0 * (0.6 * a + 0.8 * b);
            } else {
                x[2 * i] = 2 + 1.0 * a;
                x[2 * i + 1] = -1 + 0.7 * b;
            }
        }
        GaussianMixtureFit.Result r = GaussianMixtureFit.fit(x, rows, 2, 2, 1e-9, 500, 1e-9, 1, null);
        int first = r.means()[0][0] < r.means()[1][0] ? 0 : 1;
        int second = 1 - first;
        // Tolerances: several standard errors for 12,000 and 28,000 points.
        assertEquals(0.3, r.weights()[first], 0.01);
        assertEquals(-3, r.means()[first][0], 0.02);
        assertEquals(1, r.means()[first][1], 0.04);
        assertEquals(0.25, r.covariances()[first][0], 0.01);
        assertEquals(0.3, r.covariances()[first][1], 0.02);
        assertEquals(1.0, r.covariances()[first][3], 0.04);
        assertEquals(2, r.means()[second][0], 0.03);
        assertEquals(-1, r.means()[second][1], 0.02);
        assertEquals(0.49, r.covariances()[second][3], 0.02);
        assertEquals(0.0, r.covariances()[second][1], 0.02);
    }

    @Test
    void blackbodiesAreBlueWhenHotAndRedWhenCool() {
        // Planck: B_nu rises as nu^3 ... nu^2 on the Rayleigh-Jeans side; Wien's law puts the peak of B_nu at h nu = 2.821 k T.
        double t = 5800;
        double peakNuLambda = io.sedstream.sed.units.PhysicalConstants.C_ANGSTROM_PER_S
                / (2.821439 * io.sedstream.sed.units.PhysicalConstants.K_ERG_PER_K * t / io.sedstream.sed.units.PhysicalConstants.H_ERG_S);
        double atPeak = BlackbodyStars.planckNu(peakNuLambda, t);
        assertTrue(atPeak > BlackbodyStars.planckNu(peakNuLambda * 1.01, t) && atPeak > BlackbodyStars.planckNu(peakNuLambda * 0.99, t));
        // Rayleigh-Jeans: B_nu ~ nu^2 far to the red, so doubling lambda quarters it.
        double rj = BlackbodyStars.planckNu(4e7, t) / BlackbodyStars.planckNu(8e7, t);
        assertEquals(4.0, rj, 0.01);
    }
}
