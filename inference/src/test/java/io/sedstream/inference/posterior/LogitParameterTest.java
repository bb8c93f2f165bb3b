package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A logit-transformed parameter: every summary of {@link MixturePosterior} against brute-force
 * integration of the density in x on a fine grid (in y, where the density is smooth).
 */
class LogitParameterTest {
    // The metallicity box of the default model, and a standardisation of the logit like a trained bundle's.
    private static final double LOWER = -2.3979400086720375;
    private static final double UPPER = -1.6989700043360187;
    private static final double WIDTH = UPPER - LOWER;
    private static final double Y_MEAN = 0.2;
    private static final double Y_STD = 1.7;
    private static final double GRID_STEP_Y = 2e-4;

    /** Components in y: {weight, mean, sd}. */
    static List<double[][]> cases() {
        return List.of(
                new double[][] {{1.0, 0.4, 0.3}},                       // narrow, interior
                new double[][] {{1.0, -0.5, 2.6}},                      // wide: the density in x piles up at both walls
                new double[][] {{0.55, -2.5, 0.6}, {0.45, 1.8, 0.9}},   // bimodal
                new double[][] {{0.7, 7.5, 0.5}, {0.3, 5.0, 1.2}},      // against the upper wall
                new double[][] {{0.2, -1.0, 1.5}, {0.5, 0.0, 0.8}, {0.3, 3.0, 2.0}});
    }

    private static MixturePosterior posterior(double[][] components) {
        MixtureLayout layout = new MixtureLayout(components.length, 1);
        float[] row = new float[layout.width()];
        for (int k = 0; k < components.length; k++) {
            row[layout.logitOffset(k)] = (float) Math.log(components[k][0]);
            row[layout.meanOffset(k, 0)] = (float) ((components[k][1] - Y_MEAN) / Y_STD);
            row[layout.logDiagonalOffset(k, 0)] = (float) -Math.log(components[k][2] / Y_STD);
        }
        ParameterSpec spec = new ParameterSpec("log10_metallicity", "log10 Z", LOWER, UPPER, Y_MEAN, Y_STD, ParameterTransform.LOGIT);
        MixturePosterior p = new MixturePosterior(layout, 1, List.of(spec));
        p.set(row, 0);
        return p;
    }

    /** The components as the float network row encodes them, for an exact reference. */
    private static double[][] encoded(MixturePosterior p, int count) {
        double[][] out = new double[count][3];
        for (int k = 0; k < count; k++) {
            out[k][0] = p.componentWeight(k);
            out[k][1] = p.componentMarginalMean(k, 0);
            out[k][2] = p.componentMarginalStd(k, 0);
        }
        return out;
    }

    private static double densityY(double[][] comps, double y) {
        double s = 0;
        for (double[] c : comps) {
            double u = (y - c[1]) / c[2];
            s += c[0] * Math.exp(-0.5 * u * u) / (c[2] * Math.sqrt(2 * Math.PI));
        }
        return s;
    }

    /** Reference summary by midpoint sums over y in [-40, 40]: {mean, sd, mode, cdf at x} in x. */
    private static final class Reference {
        final double mean;
        final double sd;
        final double mode;
        final double[] ys;
        final double[] cumulative;

        Reference(double[][] comps) {
            int n = (int) Math.round(80 / GRID_STEP_Y);
            ys = new double[n];
            cumulative = new double[n];
            double m0 = 0;
            double m1 = 0;
            double m2 = 0;
            double bestLog = Double.NEGATIVE_INFINITY;
            double bestY = Double.NaN;
            for (int j = 0; j < n; j++) {
                double y = -40 + (j + 0.5) * GRID_STEP_Y;
                double p = densityY(comps, y) * GRID_STEP_Y;
                double x = LOWER + WIDTH * ParameterTransform.sigmoid(y);
                m0 += p;
                m1 += p * x;
                m2 += p * x * x;
                ys[j] = y;
                cumulative[j] = m0;
                // log p_x = log p_y - log f - log(1 - f), the last two as |y| + 2 log(1 + e^-|y|) (f rounds to 1 far out)
                double logPx = Math.log(densityY(comps, y)) + Math.abs(y) + 2 * Math.log1p(Math.exp(-Math.abs(y)));
                if (logPx > bestLog) {
                    bestLog = logPx;
                    bestY = y;
                }
            }
            mean = m1 / m0;
            sd = Math.sqrt(m2 / m0 - mean * mean);
            mode = LOWER + WIDTH * ParameterTransform.sigmoid(bestY);
        }

        double quantile(double level) {
            double target = level * cumulative[cumulative.length - 1];
            int j = 0;
            while (cumulative[j] < target) {
                j++;
            }
            // The midpoint sum reaches cumulative[j] at the cell's upper edge.
            double yUpper = ys[j] + 0.5 * GRID_STEP_Y;
            double before = j == 0 ? 0 : cumulative[j - 1];
            double y = yUpper - GRID_STEP_Y * (cumulative[j] - target) / (cumulative[j] - before);
            return LOWER + WIDTH * ParameterTransform.sigmoid(y);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void summariesMatchBruteForceIntegrationInX(double[][] components) {
        MixturePosterior p = posterior(components);
        Reference ref = new Reference(encoded(p, components.length));
        ParameterSummary s = p.summarise(0);
        // The quadrature's error for the widest component (sd 2.6) is ~1e-8 of the box for the mean, 2e-7 for the sd.
        assertEquals(ref.mean, s.mean(), 1e-7 * WIDTH, "mean");
        assertEquals(ref.sd, s.std(), 1e-6 * WIDTH, "std");
        assertEquals(ref.quantile(0.5), s.median(), 1e-6 * WIDTH, "median");
        assertEquals(ref.quantile(0.16), s.p16(), 1e-6 * WIDTH, "p16");
        assertEquals(ref.quantile(0.84), s.p84(), 1e-6 * WIDTH, "p84");
        assertEquals(ref.quantile(0.025), s.p2_5(), 1e-6 * WIDTH, "p2.5");
        assertEquals(ref.quantile(0.975), s.p97_5(), 1e-6 * WIDTH, "p97.5");
        // The grid resolves the mode to ~GRID_STEP_Y in y, i.e. ~WIDTH * GRID_STEP_Y / 4 in x at most.
        assertEquals(ref.mode, s.mode(), GRID_STEP_Y * WIDTH, "mode");
        assertTrue(s.p2_5() > LOWER && s.p97_5() < UPPER, "percentiles inside the box");
        assertEquals(0.0, s.massOutsidePrior(), 1e-12, "a logit parameter has no mass outside its box");
        for (double level : new double[] {0.025, 0.3, 0.5, 0.9}) {
            assertEquals(level, p.marginalCdf(0, p.marginalQuantile(0, level)), 1e-9, "cdf(quantile)");
        }
        assertEquals(0.0, p.marginalCdf(0, LOWER - 0.01));
        assertEquals(1.0, p.marginalCdf(0, UPPER));
    }

    @Test
    void wideLogitPosteriorHasItsModeAtAWall() {
        // A logit-normal with sd 2.6 > sqrt(2) is U-shaped in x: the density in x is highest near a wall,
        // although in y it peaks in the middle.
        ParameterSummary s = posterior(new double[][] {{1.0, -0.5, 2.6}}).summarise(0);
        double fraction = (s.mode() - LOWER) / WIDTH;
        assertTrue(fraction < 0.01 || fraction > 0.99, "mode at " + fraction + " of the box");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logDensityIsADensityInX(double[][] components) {
        MixturePosterior p = posterior(components);
        // Integrate exp(logDensity(x)) dx over the box, substituting x = x(y): dx = WIDTH f (1 - f) dy.
        double total = 0;
        double step = 1e-3;
        for (double y = -40 + step / 2; y < 40; y += step) {
            double f = ParameterTransform.sigmoid(y);
            double x = LOWER + WIDTH * f;
            if (x <= LOWER || x >= UPPER) {
                continue; // f rounds to 0 or 1 in the far tails: no mass there
            }
            total += Math.exp(p.logDensity(new double[] {x})) * WIDTH * f * (1 - f) * step;
        }
        assertEquals(1.0, total, 1e-6);
        assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(new double[] {UPPER + 1e-3}));
    }

    @Test
    void samplesLieInsideTheBoxAndFollowTheMarginal() {
        MixturePosterior p = posterior(cases().get(3));
        int n = 40_000;
        double[] out = new double[n];
        assertEquals(n, p.sample(n, new SplittableRandom(5), out, 10L * n), "no rejection: y covers the real line");
        double below = 0;
        double median = p.marginalQuantile(0, 0.5);
        for (double x : out) {
            assertTrue(x > LOWER && x < UPPER, "sample " + x + " outside the box");
            if (x < median) {
                below++;
            }
        }
        // Binomial sd of the fraction: 0.0025; 5 sd.
        assertEquals(0.5, below / n, 0.0125);
    }
}
