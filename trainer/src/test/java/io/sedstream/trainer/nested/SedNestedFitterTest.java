package io.sedstream.trainer.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.sed.model.SimulatedSed;
import io.sedstream.sed.noise.DepthNoiseModel;
import io.sedstream.sed.prior.Prior;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The nested sampler on the real default forward model and prior (reads ../shared/data). */
class SedNestedFitterTest {

    private static ForwardModel model;

    @BeforeAll
    static void loadModel() {
        model = ForwardModel.load("default", "jades-gs-14", DataRoot.resolve());
    }

    @Test
    void unitCubeTransformReproducesThePriorsOwnDraws() {
        Prior prior = model.prior();
        SedPriorTransform transform = SedPriorTransform.of(prior);
        assertEquals(prior.size(), transform.dimension());
        assertEquals(java.util.List.of("t25", "t50", "t75"), transform.sortedUniformParameters());
        int d = prior.size();
        int n = 100_000;
        SplittableRandom rng = new SplittableRandom(3);
        double[] u = new double[d];
        double[] x = new double[d];
        double[][] moments = new double[2][2 * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                u[j] = rng.nextDouble();
            }
            transform.toPhysical(u, x);
            double[] y = prior.sample(rng);
            for (int j = 0; j < d; j++) {
                moments[0][j] += x[j] / n;
                moments[0][d + j] += x[j] * x[j] / n;
                moments[1][j] += y[j] / n;
                moments[1][d + j] += y[j] * y[j] / n;
            }
        }
        for (int j = 0; j < d; j++) {
            double width = prior.upper(j) - prior.lower(j);
            String name = prior.names().get(j);
            assertEquals(moments[1][j], moments[0][j], 0.01 * width, "mean of " + name);
            double varX = moments[0][d + j] - moments[0][j] * moments[0][j];
            double varY = moments[1][d + j] - moments[1][j] * moments[1][j];
            assertEquals(varY, varX, 0.03 * varY, "variance of " + name);
        }
    }

    @Test
    void recoversABrightSimulatedGalaxy() {
        SplittableRandom rng = new SplittableRandom(2026);
        DepthNoiseModel noise = DepthNoiseModel.load("deep", model.bandNames());
        int f444w = model.bandNames().indexOf("jwst.nircam.f444w");
        double[] observed = new double[model.bandNames().size()];
        double[] err = new double[observed.length];
        SimulatedSed truth;
        do {
            double[] free = model.prior().sample(rng);
            // a bright galaxy, so the posterior is narrow and the test is sharp
            free[model.formedMassIndex()] = 10.0;
            truth = model.simulate(free);
            noise.apply(truth.fluxNJy(), rng, observed, err);
        } while (observed[f444w] / err[f444w] < 15); // the deep tier's 5% error floor caps S/N at 20
        observed[0] = Double.NaN; // one missing band is skipped by the likelihood
        SedFit fit = new SedNestedFitter(model, NestedSamplerConfig.defaults(1).withNLive(100)).fit(observed, err, 7);
        System.out.printf("SED fit: logZ %.2f +- %.2f, %d calls, %.1f s (%.1f us/call), ESS %.0f%n", fit.logZ(),
                fit.logZError(), fit.likelihoodCalls(), fit.samplerSeconds(),
                1e6 * fit.samplerSeconds() / fit.likelihoodCalls(), fit.effectiveSampleSize());
        assertTrue(fit.converged());
        assertTrue(Double.isFinite(fit.logZ()) && fit.logZError() > 0);
        assertEquals(ParameterNames.OUTPUTS, fit.parameterNames());
        for (String name : new String[] {ParameterNames.REDSHIFT, ParameterNames.LOG10_SURVIVING_MASS}) {
            int k = fit.indexOf(name);
            double t = truth.outputParameters()[k];
            double pull = (fit.median(k) - t) / fit.sigma68(k);
            System.out.printf("  %s truth %.3f median %.3f sigma %.3f pull %.2f%n", name, t, fit.median(k), fit.sigma68(k), pull);
            assertTrue(Math.abs(pull) < 4, name + ": truth " + t + " vs median " + fit.median(k) + " +- " + fit.sigma68(k));
        }
        // the posterior must be far narrower than the prior on redshift
        assertTrue(fit.sigma68(fit.indexOf(ParameterNames.REDSHIFT)) < 1.0);
    }

    @Test
    void wrongNumberOfBandsIsRejected() {
        SedNestedFitter fitter = new SedNestedFitter(model, NestedSamplerConfig.defaults(1));
        assertThrows(IllegalArgumentException.class, () -> fitter.likelihood(new double[3], new double[3]));
    }
}
