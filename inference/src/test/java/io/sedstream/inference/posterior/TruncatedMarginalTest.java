package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TruncatedMarginalTest {
    private static double density(double x, double[] w, double[] m, double[] s) {
        double f = 0;
        for (int i = 0; i < w.length; i++) {
            f += w[i] / s[i] * Math.exp(-0.5 * Math.pow((x - m[i]) / s[i], 2));
        }
        return f;
    }

    private static double cdfByQuadrature(double x, double a, double[] w, double[] m, double[] s, double total) {
        // Composite Simpson on [a, x] with 400 steps per narrowest sd: error far below 1e-9.
        double minSd = Double.POSITIVE_INFINITY;
        for (double si : s) {
            minSd = Math.min(minSd, si);
        }
        int n = 2 * (int) Math.max(500, 200 * (x - a) / minSd);
        double h = (x - a) / n;
        double sum = density(a, w, m, s) + density(x, w, m, s);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(a + i * h, w, m, s);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI) / total;
    }

    @Test
    void multimodalMarginalAgainstQuadratureAndGridSearch() {
        SplittableRandom r = new SplittableRandom(17);
        for (int trial = 0; trial < 250; trial++) {
            int n = 1 + r.nextInt(8);
            double[] w = new double[n];
            double[] m = new double[n];
            double[] s = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                w[i] = 0.1 + r.nextDouble();
                norm += w[i];
                m[i] = 10 * r.nextDouble() - 5;
                s[i] = 0.1 + 1.5 * r.nextDouble();
            }
            double a = -4 + r.nextDouble();
            double b = 3 + r.nextDouble();
            TruncatedMarginal t = new TruncatedMarginal(8);
            t.reset(a, b);
            for (int i = 0; i < n; i++) {
                w[i] /= norm;
                t.add(w[i], m[i], 1 / s[i]);
            }
            double inside = cdfByQuadrature(b, a, w, m, s, 1.0);
            assertEquals(1 - inside, t.massOutside(), 1e-9);
            double[] out = new double[8];
            t.summarise(out);
            double[] levels = {0.025, 0.16, 0.5, 0.84, 0.975};
            for (int l = 0; l < 5; l++) {
                double x = out[2 + l];
                assertEquals(levels[l], cdfByQuadrature(x, a, w, m, s, inside), 5e-9, "trial " + trial + " level " + levels[l]);
            }
            // Mode: a grid search over the interval, refined around its best cell.
            double best = a;
            double bestF = -1;
            int cells = 20_000;
            for (int i = 0; i <= cells; i++) {
                double x = a + (b - a) * i / cells;
                double f = density(x, w, m, s);
                if (f > bestF) {
                    bestF = f;
                    best = x;
                }
            }
            for (int i = 0; i < 100; i++) {
                double x = Math.min(b, Math.max(a, best + (i - 50) * (b - a) / cells / 50));
                if (density(x, w, m, s) > bestF) {
                    bestF = density(x, w, m, s);
                }
            }
            double modeF = density(out[7], w, m, s);
            assertTrue(modeF >= bestF * (1 - 1e-9), "trial " + trial + ": mode " + out[7] + " (f=" + modeF + ") vs grid " + best + " (f=" + bestF + ")");
        }
    }

    @Test
    void narrowPosteriorInsideTheBoxIsGaussian() {
        // A trained-like narrow component far from the bounds: textbook Gaussian percentiles.
        TruncatedMarginal t = new TruncatedMarginal(1);
        t.reset(4.0, 12.0);
        t.add(1.0, 9.3, 1 / 0.05);
        double[] out = new double[8];
        t.summarise(out);
        assertEquals(9.3, out[0], 1e-12);
        assertEquals(0.05, out[1], 1e-12);
        assertEquals(9.3 - 1.959963984540054 * 0.05, out[2], 1e-10);
        assertEquals(9.3 + 0.994457883209753 * 0.05, out[5], 1e-10);
        assertEquals(9.3, out[7], 1e-10);
    }

    @Test
    void roughExpIsGoodEnoughForRanking() {
        for (double x = -700; x <= 0; x += 0.01) {
            double e = Math.exp(x);
            assertEquals(e, TruncatedMarginal.roughExp(x), 3.5e-3 * e, "x = " + x);
        }
        assertEquals(0.0, TruncatedMarginal.roughExp(-800));
    }

    @Test
    void refusesEmptyInterval() {
        assertThrows(IllegalArgumentException.class, () -> new TruncatedMarginal(1).reset(1.0, 1.0));
    }
}
