package io.sedstream.sed.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelErrorNoiseTest {
    /** Two bands, 10 nJy background sigma, no depth scatter, no floor. */
    private static final DepthNoiseModel SURVEY = new DepthNoiseModel("t", List.of("a", "b"),
            new double[] {io.sedstream.sed.units.PhysicalConstants.abMagnitude(50.0), io.sedstream.sed.units.PhysicalConstants.abMagnitude(50.0)},
            5, 0, 0, false);

    @Test
    void templateErrorAddsFractionalScatterInQuadratureButNotToTheReportedError() {
        NoiseModel m = ModelErrorNoise.wrap(SURVEY, new ModelErrorSettings(0.1, 0, 0));
        double[] flux = {1000, 1000};
        double[] obs = new double[2];
        double[] err = new double[2];
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40000;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            m.apply(flux, rng, obs, err);
            sum2 += (obs[0] - flux[0]) * (obs[0] - flux[0]);
            assertEquals(10.0, err[0], 1e-9, "reported error is the survey's");
        }
        double expected = 10.0 * 10.0 + 100.0 * 100.0;
        assertEquals(expected, sum2 / n, 0.03 * expected, "residual variance sigma^2 + (0.1 f)^2");
    }

    @Test
    void zeroPointJitterScattersMagnitudesAndOffsetsAlternateByBand() {
        NoiseModel m = ModelErrorNoise.wrap(SURVEY, new ModelErrorSettings(0, 0.04, 0.05));
        double[] flux = {1e7, 1e7}; // S/N 10^6: the survey noise is negligible against the zero points
        double[] obs = new double[2];
        double[] err = new double[2];
        SplittableRandom rng = new SplittableRandom(4);
        int n = 40000;
        double[] sum = new double[2];
        double[] sum2 = new double[2];
        for (int i = 0; i < n; i++) {
            m.apply(flux, rng, obs, err);
            for (int b = 0; b < 2; b++) {
                double dm = -2.5 * Math.log10(obs[b] / flux[b]);
                sum[b] += dm;
                sum2[b] += dm * dm;
                assertEquals(obs[b] / flux[b], err[b] / 10.0, 1e-3, "the error scales with the calibrated flux");
            }
        }
        assertEquals(0.05, sum[0] / n, 0.001, "band 0 offset +0.05 mag");
        assertEquals(-0.05, sum[1] / n, 0.001, "band 1 offset -0.05 mag");
        for (int b = 0; b < 2; b++) {
            double var = sum2[b] / n - (sum[b] / n) * (sum[b] / n);
            assertEquals(0.04 * 0.04, var, 0.03 * 0.04 * 0.04, "jitter variance in band " + b);
        }
    }

    @Test
    void noTermsIsTheSurveyModelItselfAndBadValuesAreRefused() {
        assertSame(SURVEY, ModelErrorNoise.wrap(SURVEY, ModelErrorSettings.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelErrorSettings(0.8, 0, 0));
        assertTrue(e.getMessage().contains("noise.template_error_fraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelErrorSettings(0, -0.1, 0));
        assertTrue(e.getMessage().contains("noise.zero_point_jitter_mag"), e.getMessage());
    }
}
