package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The regimes an out-of-distribution network output produces (issue 13): components thousands to
 * 1e12 times wider than the prior interval, and components whose mean lies 3 to 35 sds outside it.
 * The textbook truncated-normal formulas lose every digit there (they returned means outside the
 * box, variances of 0 or 1e14 and CDFs that jump from 0 to 1). The reference here never subtracts
 * tails: it integrates exp(log density - max log density) over the interval by Simpson's rule on
 * 400,000 panels, in double precision, which is exact to ~1e-12 for these smooth integrands.
 */
class TruncatedMarginalRegimesTest {
    private static final double A = 0.01;
    private static final double B = 14.0;

    /** {weights, means, sds} triples for the regimes. */
    static Object[][] regimes() {
        return new Object[][] {
            {"one component 1e9 box widths wide", new double[] {1}, new double[] {-3e8}, new double[] {1.4e10}},
            {"one component 1e12 box widths wide, centred", new double[] {1}, new double[] {7}, new double[] {1e13}},
            {"wide and tilted: mean 2 sds below", new double[] {1}, new double[] {-2 * 5e3}, new double[] {5e3}},
            {"far below: 8 sds", new double[] {1}, new double[] {A - 8 * 0.5}, new double[] {0.5}},
            {"far above: 25 sds", new double[] {1}, new double[] {B + 25 * 2.0}, new double[] {2.0}},
            {"far below: 35 sds, narrow", new double[] {1}, new double[] {A - 35 * 0.05}, new double[] {0.05}},
            {"mixture of wide, far and ordinary", new double[] {0.5, 0.3, 0.2}, new double[] {679, -20, 4}, new double[] {1e6, 3, 0.5}},
            {"far on both sides", new double[] {0.5, 0.5}, new double[] {A - 5, B + 6}, new double[] {1, 1.2}},
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regimes")
    void summariesMatchDirectQuadrature(String name, double[] w, double[] m, double[] s) {
        TruncatedMarginal t = new TruncatedMarginal(w.length);
        t.reset(A, B);
        for (int i = 0; i < w.length; i++) {
            t.add(w[i], m[i], 1 / s[i]);
        }
        double[] out = new double[8];
        t.summarise(out);
        Reference ref = new Reference(w, m, s);
        double width = B - A;
        assertEquals(ref.mean, out[0], 1e-7 * width, name + ": mean");
        assertEquals(ref.sd, out[1], 1e-6 * ref.sd + 1e-9 * width, name + ": std");
        double[] levels = {0.025, 0.16, 0.5, 0.84, 0.975};
        for (int l = 0; l < levels.length; l++) {
            assertEquals(levels[l], ref.cdf(out[2 + l]), 1e-6, name + ": level " + levels[l]);
        }
        for (int l = 1; l < levels.length; l++) {
            assertTrue(out[1 + l] <= out[2 + l], name + ": percentiles ordered");
        }
        assertTrue(out[7] >= A && out[7] <= B, name + ": mode inside");
        assertTrue(ref.density(out[7]) >= ref.maxDensity * (1 - 1e-6), name + ": mode at the highest density");
        for (double x : new double[] {A + 1e-3, 1, 7, 13.9}) {
            assertEquals(ref.cdf(x), t.cdf(x), 1e-7, name + ": cdf at " + x);
        }
    }

    @Test
    void intervalMassKeepsRelativePrecisionForNarrowGaps() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            double lo = r.nextDouble(-35, 35);
            double gap = Math.pow(10, r.nextDouble(-14, 0.3)); // hi stays within |z| <= 37, where the tails are good to 1e-8
            double hi = lo + gap;
            gap = hi - lo; // the gap the code sees
            // Reference: Simpson in t = x - lo on exp(-(x^2 - anchor^2)/2), written without cancellation.
            double anchor = Math.abs(lo) < Math.abs(hi) ? lo : hi;
            if (lo < 0 && hi > 0) {
                anchor = 0;
            }
            double offset = anchor == lo ? 0 : anchor == hi ? -gap * (lo + hi) : lo * lo;   // lo^2 - anchor^2
            int n = 2000;
            double h = gap / n;
            double sum = 0;
            for (int i = 0; i <= n; i++) {
                double t = i * h;
                double f = Math.exp(-0.5 * (offset + 2 * lo * t + t * t));
                sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
            }
            double expected = sum * h / 3;
            double tLo = StandardNormal.upperTailAbs(Math.abs(lo), Math.exp(-0.5 * lo * lo));
            double tHi = StandardNormal.upperTailAbs(Math.abs(hi), Math.exp(-0.5 * hi * hi));
            double got = StandardNormal.intervalMass(lo, hi, tLo, tHi, StandardNormal.pdf(lo), StandardNormal.pdf(hi))
                    / StandardNormal.pdf(anchor);
            assertEquals(expected, got, 1e-7 * expected, "Phi(" + hi + ") - Phi(" + lo + ")");
        }
    }

    @Test
    void millsRatioMatchesTheAsymptoticSeriesFarOut() {
        // Far out the asymptotic series sum_k (-1)^k (2k-1)!! / x^(2k+1), 8 terms, is good to 1e-16 relative at x >= 30.
        for (double x : new double[] {30, 50, 100}) {
            double series = 0;
            double coefficient = 1;
            for (int k = 0; k < 8; k++) {
                series += (k % 2 == 0 ? 1 : -1) * coefficient / Math.pow(x, 2 * k + 1);
                coefficient *= 2 * k + 1;
            }
            assertEquals(series, StandardNormal.millsRatio(x), 1e-15 * series);
        }
        // Near its lower limit it agrees with the (absolute 1e-16) tail approximation divided by the density.
        double x = 3.0;
        double viaTail = StandardNormal.upperTailAbs(x, Math.exp(-0.5 * x * x)) / StandardNormal.pdf(x);
        assertEquals(viaTail, StandardNormal.millsRatio(x), 1e-12);
    }

    /** Direct quadrature of the mixture density on [A, B], scaled by its largest log density. */
    private static final class Reference {
        final double[] w;
        final double[] m;
        final double[] s;
        final double logScale;
        final double[] grid;
        final double[] cumulative;
        final double mean;
        final double sd;
        final double maxDensity;

        Reference(double[] w, double[] m, double[] s) {
            this.w = w;
            this.m = m;
            this.s = s;
            int n = 400_000;
            double h = (B - A) / n;
            double maxLog = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= n; j++) {
                maxLog = Math.max(maxLog, logDensityUnscaled(A + j * h));
            }
            logScale = maxLog;
            grid = new double[n + 1];
            cumulative = new double[n + 1];
            double max = 0;
            for (int j = 0; j <= n; j++) {
                grid[j] = density(A + j * h);
                max = Math.max(max, grid[j]);
            }
            maxDensity = max;
            // Simpson on each pair of panels for the cumulative integral at even nodes, trapezoid-corrected at odd ones.
            double total = 0;
            double first = 0;
            cumulative[0] = 0;
            for (int j = 0; j < n; j += 2) {
                double x0 = A + j * h;
                double piece = h / 3 * (grid[j] + 4 * grid[j + 1] + grid[j + 2]);
                first += h / 3 * (x0 * grid[j] + 4 * (x0 + h) * grid[j + 1] + (x0 + 2 * h) * grid[j + 2]);
                cumulative[j + 1] = total + h / 12 * (5 * grid[j] + 8 * grid[j + 1] - grid[j + 2]);
                total += piece;
                cumulative[j + 2] = total;
            }
            for (int j = 0; j <= n; j++) {
                cumulative[j] /= total;
            }
            mean = first / total;
            double second = 0;
            for (int j = 0; j < n; j += 2) {
                double x0 = A + j * h;
                second += h / 3 * (sq(x0 - mean) * grid[j] + 4 * sq(x0 + h - mean) * grid[j + 1] + sq(x0 + 2 * h - mean) * grid[j + 2]);
            }
            sd = Math.sqrt(second / total);
        }

        private static double sq(double x) {
            return x * x;
        }

        private double logDensityUnscaled(double x) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < w.length; i++) {
                double z = (x - m[i]) / s[i];
                max = Math.max(max, Math.log(w[i] / s[i]) - 0.5 * z * z);
            }
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                double z = (x - m[i]) / s[i];
                sum += Math.exp(Math.log(w[i] / s[i]) - 0.5 * z * z - max);
            }
            return max + Math.log(sum);
        }

        double density(double x) {
            return Math.exp(logDensityUnscaled(x) - logScale);
        }

        /** CDF by linear interpolation of the cumulative table (the table step is 3.5e-4 of the box). */
        double cdf(double x) {
            double pos = (x - A) / (B - A) * (grid.length - 1);
            int j = (int) Math.min(grid.length - 2, Math.max(0, Math.floor(pos)));
            double f = pos - j;
            // Integrate the density exactly over the partial panel with the trapezoid rule on a fine sub-grid.
            double h = (B - A) / (grid.length - 1);
            double x0 = A + j * h;
            int sub = 200;
            double part = 0;
            for (int k = 0; k < sub; k++) {
                double xa = x0 + f * h * k / sub;
                double xb = x0 + f * h * (k + 1) / sub;
                part += 0.5 * (density(xa) + density(xb)) * (xb - xa);
            }
            double total = totalMass();
            return cumulative[j] + part / total;
        }

        private double totalMassCache = Double.NaN;

        private double totalMass() {
            if (Double.isNaN(totalMassCache)) {
                double h = (B - A) / (grid.length - 1);
                double total = 0;
                for (int j = 0; j < grid.length - 1; j += 2) {
                    total += h / 3 * (grid[j] + 4 * grid[j + 1] + grid[j + 2]);
                }
                totalMassCache = total;
            }
            return totalMassCache;
        }
    }
}
