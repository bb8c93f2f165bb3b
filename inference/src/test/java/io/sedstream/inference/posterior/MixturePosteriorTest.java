package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixturePosteriorTest {
    private static final double Z_975 = 1.959963984540054;
    private static final double Z_84 = 0.994457883209753;

    private static List<ParameterSpec> wideParameters(int d) {
        List<ParameterSpec> out = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            out.add(new ParameterSpec("p" + i, "u", -1e3, 1e3, 0.0, 1.0));
        }
        return out;
    }

    /** One component, D = 2, with precision factor U = [[u00, u01], [0, u11]]. */
    private static float[] singleComponent(double mean0, double mean1, double u00, double u01, double u11) {
        MixtureLayout layout = new MixtureLayout(1, 2);
        float[] row = new float[layout.width()];
        row[layout.meanOffset(0, 0)] = (float) mean0;
        row[layout.meanOffset(0, 1)] = (float) mean1;
        row[layout.logDiagonalOffset(0, 0)] = (float) Math.log(u00);
        row[layout.logDiagonalOffset(0, 1)] = (float) Math.log(u11);
        row[layout.upperOffset(0, 0, 1)] = (float) u01;
        return row;
    }

    @Test
    void singleGaussianSummariesAreTheTextbookOnes() {
        // U = [[2, 1], [0, 0.5]] -> Sigma = U^-1 U^-T: Sigma_00 = 0.25 + 1 = 1.25, Sigma_11 = 4.
        MixturePosterior p = new MixturePosterior(new MixtureLayout(1, 2), 1, wideParameters(2));
        float[] row = singleComponent(1.5, -3.0, 2.0, 1.0, 0.5);
        p.set(row, 0);
        // The network row is float: take U's diagonal as the floats encode it (exp of a rounded log).
        MixtureLayout layout = new MixtureLayout(1, 2);
        double u00 = Math.exp(row[layout.logDiagonalOffset(0, 0)]);
        double u11 = Math.exp(row[layout.logDiagonalOffset(0, 1)]);
        // Sigma = U^-1 U^-T with U^-1 = [[1/u00, -u01/(u00 u11)], [0, 1/u11]].
        double[] sd = {Math.sqrt(1 / (u00 * u00) + 1 / (u00 * u00 * u11 * u11)), 1 / u11};
        assertEquals(Math.sqrt(1.25), sd[0], 1e-7);
        double[] mu = {1.5, -3.0};
        for (int i = 0; i < 2; i++) {
            ParameterSummary s = p.summarise(i);
            assertEquals(mu[i], s.mean(), 1e-12);
            assertEquals(sd[i], s.std(), 1e-12);
            assertEquals(mu[i], s.median(), 1e-9);
            assertEquals(mu[i], s.mode(), 1e-9);
            assertEquals(mu[i] - Z_84 * sd[i], s.p16(), 1e-9);
            assertEquals(mu[i] + Z_84 * sd[i], s.p84(), 1e-9);
            assertEquals(mu[i] - Z_975 * sd[i], s.p2_5(), 1e-9);
            assertEquals(mu[i] + Z_975 * sd[i], s.p97_5(), 1e-9);
            assertEquals(0.0, s.massOutsidePrior(), 1e-15);
            assertEquals(0.84, p.marginalCdf(i, mu[i] + Z_84 * sd[i]), 1e-12);
        }
    }

    @Test
    void halfNormalTruncation() {
        // N(0, 1) truncated to [0, 40] is the half-normal: mean sqrt(2/pi), variance 1 - 2/pi,
        // median Phi^-1(3/4) = 0.6744897501960817, mode 0, and half the mass lies outside.
        List<ParameterSpec> params = List.of(new ParameterSpec("x", "", 0.0, 40.0, 0.0, 1.0), new ParameterSpec("y", "", -40, 40, 0, 1));
        MixturePosterior p = new MixturePosterior(new MixtureLayout(1, 2), 1, params);
        p.set(singleComponent(0, 0, 1, 0, 1), 0);
        ParameterSummary s = p.summarise(0);
        assertEquals(Math.sqrt(2 / Math.PI), s.mean(), 1e-12);
        assertEquals(Math.sqrt(1 - 2 / Math.PI), s.std(), 1e-12);
        assertEquals(0.6744897501960817, s.median(), 1e-9);
        assertEquals(StandardNormal.quantile(0.5 + 0.84 / 2), s.p84(), 1e-9);
        assertEquals(StandardNormal.quantile(0.5 + 0.16 / 2), s.p16(), 1e-9);
        assertEquals(StandardNormal.quantile(0.5 + 0.975 / 2), s.p97_5(), 1e-9);
        assertEquals(StandardNormal.quantile(0.5 + 0.025 / 2), s.p2_5(), 1e-9);
        assertEquals(0.0, s.mode(), 1e-12);
        assertEquals(0.5, s.massOutsidePrior(), 1e-15);
        assertEquals(0.5, p.marginalCdf(0, 0.6744897501960817), 1e-12);
        assertEquals(0.0, p.marginalCdf(0, -1.0));
        assertEquals(1.0, p.marginalCdf(0, 41.0));
    }

    @Test
    void percentilesMeansAndVariancesAgreeWithMonteCarlo() {
        // Fixture-shaped posterior: 2 members x K = 20, D = 12, physical units and prior box of the
        // default model; components wide enough that several marginals lose mass to the box.
        List<ParameterSpec> params = FixtureBundleWriter.defaultParameters();
        ReferenceMixture ref = new ReferenceMixture(20, params, new double[] {0.3, 0.7}, 42L, 0.9, Math.log(1.6), 0.4);
        MixturePosterior p = ref.posterior();
        int d = params.size();
        double[] levels = {0.025, 0.16, 0.5, 0.84, 0.975};
        ParameterSummary[] s = new ParameterSummary[d];
        double[][] q = new double[d][];
        for (int i = 0; i < d; i++) {
            s[i] = p.summarise(i);
            q[i] = new double[] {s[i].p2_5(), s[i].p16(), s[i].median(), s[i].p84(), s[i].p97_5()};
        }
        // 4 x 10^6 joint draws from the reference sampler (its own Cholesky factors); each marginal
        // truncated to its own interval. Streaming counts, no storage.
        int draws = 5_000_000;
        long[] inside = new long[d];
        long[][] below = new long[d][levels.length];
        double[] sum = new double[d];
        double[] sum2 = new double[d];
        double[] sum4 = new double[d];
        SplittableRandom r = new SplittableRandom(2024);
        double[] z = new double[d];
        double[] x = new double[d];
        for (int n = 0; n < draws; n++) {
            ref.draw(r, z, x);
            for (int i = 0; i < d; i++) {
                ParameterSpec ps = params.get(i);
                double v = x[i];
                if (v < ps.lower() || v > ps.upper()) {
                    continue;
                }
                inside[i]++;
                double c = v - s[i].mean();
                sum[i] += c;
                sum2[i] += c * c;
                sum4[i] += c * c * c * c;
                for (int l = 0; l < levels.length; l++) {
                    if (v <= q[i][l]) {
                        below[i][l]++;
                    }
                }
            }
        }
        boolean someTruncation = false;
        for (int i = 0; i < d; i++) {
            String name = params.get(i).name();
            double n = inside[i];
            double outside = 1 - n / draws;
            someTruncation |= outside > 0.05;
            assertEquals(outside, s[i].massOutsidePrior(), 5 * Math.sqrt(outside * (1 - outside) / draws) + 1e-12, name + " mass outside");
            for (int l = 0; l < levels.length; l++) {
                // Percentile checked in quantile level: the empirical CDF at our percentile. Tolerance 1e-3
                // is at least 3.5 Monte-Carlo standard errors here (SE <= 0.5 / sqrt(n)).
                double ecdf = below[i][l] / n;
                assertTrue(0.5 / Math.sqrt(n) <= 1e-3 / 3.5, "enough draws inside for " + name + ": " + n);
                assertEquals(levels[l], ecdf, 1e-3, name + " level " + levels[l]);
            }
            double var = s[i].std() * s[i].std();
            double mcMeanOffset = sum[i] / n;
            assertEquals(0.0, mcMeanOffset, 5 * s[i].std() / Math.sqrt(n), name + " mean");
            double mcVar = sum2[i] / n - mcMeanOffset * mcMeanOffset;
            double varSe = Math.sqrt((sum4[i] / n - var * var) / n);
            assertEquals(var, mcVar, 5 * varSe, name + " variance");
        }
        assertTrue(someTruncation, "the test mixture must put visible mass outside the prior box");
    }

    @Test
    void marginalCdfAndQuantileAreInverse() {
        ReferenceMixture ref = new ReferenceMixture(7, FixtureBundleWriter.defaultParameters(), new double[] {1.0}, 5L, 1.0, Math.log(2), 0.3);
        MixturePosterior p = ref.posterior();
        for (int i = 0; i < 12; i++) {
            double previous = 0;
            for (double level : new double[] {1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-6}) {
                double x = p.marginalQuantile(i, level);
                double cdf = p.marginalCdf(i, x);
                assertEquals(level, cdf, 1e-9 * Math.min(level, 1 - level) + 1e-13, "dim " + i + " level " + level);
                assertTrue(x >= previous || level == 1e-6);
                previous = x;
            }
        }
    }

    @Test
    void marginalVariancesComeFromTheInversePrecision() {
        ReferenceMixture ref = new ReferenceMixture(5, FixtureBundleWriter.defaultParameters(), new double[] {0.25, 0.75}, 8L, 1.0, 0.5, 0.6);
        MixturePosterior p = ref.posterior();
        for (int c = 0; c < 10; c++) {
            assertEquals(ref.weights[c], p.componentWeight(c), 1e-12);
            for (int i = 0; i < 12; i++) {
                assertEquals(ref.means[c][i], p.componentMarginalMean(c, i), 1e-9 * (1 + Math.abs(ref.means[c][i])));
                assertEquals(Math.sqrt(ref.covariances[c][i][i]), p.componentMarginalStd(c, i), 1e-9 * Math.sqrt(ref.covariances[c][i][i]));
            }
        }
    }

    @Test
    void logDensityOfTheEnsemble() {
        List<ParameterSpec> params = FixtureBundleWriter.defaultParameters();
        ReferenceMixture ref = new ReferenceMixture(4, params, new double[] {0.6, 0.4}, 13L, 0.8, Math.log(1.5), 0.3);
        MixturePosterior p = ref.posterior();
        SplittableRandom r = new SplittableRandom(1);
        double[] z = new double[12];
        double[] x = new double[12];
        for (int n = 0; n < 50; n++) {
            ref.draw(r, z, x);
            assertEquals(ref.logDensity(x), p.logDensity(x), 1e-8 * Math.max(1, Math.abs(ref.logDensity(x))));
        }
    }

    @Test
    void samplesRespectTheBoxAndAreReproducible() {
        List<ParameterSpec> params = FixtureBundleWriter.defaultParameters();
        ReferenceMixture ref = new ReferenceMixture(6, params, new double[] {1.0}, 21L, 1.0, Math.log(1.8), 0.3);
        MixturePosterior p = ref.posterior();
        int count = 20_000;
        double[] a = new double[count * 12];
        int accepted = p.sample(count, new SplittableRandom(5), a, 10_000_000L);
        assertEquals(count, accepted);
        double rate = (double) accepted / p.lastAttempts();
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < 12; i++) {
                double v = a[n * 12 + i];
                assertTrue(v >= params.get(i).lower() && v <= params.get(i).upper());
            }
        }
        double[] b = new double[count * 12];
        p.sample(count, new SplittableRandom(5), b, 10_000_000L);
        assertEquals(java.util.Arrays.toString(a).hashCode(), java.util.Arrays.toString(b).hashCode());
        // The acceptance rate estimates the joint mass inside the box: compare with the reference sampler.
        SplittableRandom r = new SplittableRandom(6);
        double[] z = new double[12];
        double[] x = new double[12];
        int in = 0;
        int n = 200_000;
        for (int t = 0; t < n; t++) {
            ref.draw(r, z, x);
            boolean ok = true;
            for (int i = 0; i < 12; i++) {
                ok &= x[i] >= params.get(i).lower() && x[i] <= params.get(i).upper();
            }
            in += ok ? 1 : 0;
        }
        double ri = (double) in / n;
        assertEquals(ri, rate, 5 * Math.sqrt(ri * (1 - ri) / n) + 5 * Math.sqrt(rate * (1 - rate) / p.lastAttempts()));
    }

    @Test
    void modeIsTheHighestPeak() {
        // Two well separated components: the taller (narrower, heavier) one holds the mode.
        MixtureLayout layout = new MixtureLayout(2, 1);
        float[] row = new float[layout.width()];
        row[layout.logitOffset(0)] = 0f;
        row[layout.logitOffset(1)] = (float) Math.log(0.6 / 0.4);
        row[layout.meanOffset(0, 0)] = -2f;
        row[layout.meanOffset(1, 0)] = 3f;
        row[layout.logDiagonalOffset(0, 0)] = (float) Math.log(1 / 0.5);
        row[layout.logDiagonalOffset(1, 0)] = (float) Math.log(1 / 0.4);
        List<ParameterSpec> params = List.of(new ParameterSpec("x", "", -10, 10, 0, 1));
        MixturePosterior p = new MixturePosterior(layout, 1, params);
        p.set(row, 0);
        // Reference: a fine grid search of the density, refined.
        double best = Double.NaN;
        double bestF = -1;
        for (double x = -10; x <= 10; x += 1e-5) {
            double f = 0.4 / 0.5 * Math.exp(-0.5 * Math.pow((x + 2) / 0.5, 2)) + 0.6 / 0.4 * Math.exp(-0.5 * Math.pow((x - 3) / 0.4, 2));
            if (f > bestF) {
                bestF = f;
                best = x;
            }
        }
        assertEquals(best, p.summarise(0).mode(), 2e-5);
    }

    @Test
    void allMassOutsideIsDegenerateNotNaN() {
        List<ParameterSpec> params = List.of(new ParameterSpec("x", "", 0, 1, 0, 1));
        MixtureLayout layout = new MixtureLayout(1, 1);
        float[] row = new float[layout.width()];
        row[layout.meanOffset(0, 0)] = 200f;
        row[layout.logDiagonalOffset(0, 0)] = 0f;
        MixturePosterior p = new MixturePosterior(layout, 1, params);
        p.set(row, 0);
        ParameterSummary s = p.summarise(0);
        assertEquals(1.0, s.massOutsidePrior());
        assertEquals(1.0, s.median());
        assertEquals(0.0, s.std());
    }

    @Test
    void nonFiniteNetworkOutputIsRefused() {
        MixtureLayout layout = new MixtureLayout(2, 3);
        float[] row = new float[layout.width()];
        row[layout.meanOffset(1, 2)] = Float.NaN;
        MixturePosterior p = new MixturePosterior(layout, 1, wideParameters(3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.set(row, 0));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.summarise(0), "an unset posterior cannot be summarised");
    }
}
