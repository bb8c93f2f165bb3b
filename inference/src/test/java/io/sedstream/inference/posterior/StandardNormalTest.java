package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandardNormalTest {
    /** Independent reference: Phi(z) = 1/2 + phi(z) * sum z^(2n+1) / (1*3*...*(2n+1)), good for |z| &lt;= 5. */
    private static double seriesCdf(double z) {
        double term = z;
        double sum = z;
        for (int n = 1; n < 300; n++) {
            term *= z * z / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
                break;
            }
        }
        return 0.5 + Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * sum;
    }

    /** Independent reference for the far tail: Laplace continued fraction for the Mills ratio (Lentz). */
    private static double tailContinuedFraction(double z) {
        // 1 - Phi(z) = phi(z) / (z + 1/(z + 2/(z + 3/(z + ...)))) evaluated backwards from deep.
        double f = z;
        for (int n = 400; n >= 1; n--) {
            f = z + n / f;
        }
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / f;
    }

    @Test
    void cdfMatchesSeriesInTheBody() {
        for (double z = -5; z <= 5; z += 0.01) {
            assertEquals(seriesCdf(z), StandardNormal.cdf(z), 2e-15, "z = " + z);
        }
    }

    @Test
    void tailsKeepRelativePrecision() {
        for (double z = 5; z <= 37; z += 0.25) {
            double ref = tailContinuedFraction(z);
            assertEquals(1.0, StandardNormal.complementaryCdf(z) / ref, 1e-8, "z = " + z);
            assertEquals(1.0, StandardNormal.cdf(-z) / ref, 1e-8, "z = " + z);
            assertEquals(ref, StandardNormal.complementaryCdf(z), 1e-16, "z = " + z);
        }
    }

    @Test
    void publishedValues() {
        // Two-sided 95% and 68% points of the normal distribution.
        assertEquals(0.975, StandardNormal.cdf(1.959963984540054), 1e-15);
        assertEquals(0.84, StandardNormal.cdf(0.994457883209753), 1e-15);
        assertEquals(0.75, StandardNormal.cdf(0.6744897501960817), 1e-15);
        assertEquals(1.959963984540054, StandardNormal.quantile(0.975), 1e-13);
        assertEquals(-0.994457883209753, StandardNormal.quantile(0.16), 1e-13);
    }

    @Test
    void quantileInvertsCdf() {
        for (double p : new double[] {1e-300, 1e-20, 1e-8, 0.001, 0.1, 0.3, 0.5, 0.77, 0.9, 0.999999}) {
            double z = StandardNormal.quantile(p);
            double back = p < 0.5 ? StandardNormal.cdf(z) : 1 - StandardNormal.complementaryCdf(z);
            assertEquals(1.0, back / p, p < 1e-6 ? 1e-8 : 1e-12, "p = " + p);
        }
    }

    @Test
    void tailTableHoldsItsStatedErrorBounds() {
        double worstAbsolute = 0;
        double worstRelative = 0;
        double worstDensity = 0;
        for (int k = 0; k < 2_000_000; k++) {
            double u = k * (StandardNormal.TABLE_LIMIT / 2_000_000) + 1.3e-7;
            double e = Math.exp(-0.5 * u * u);
            double exact = StandardNormal.upperTailAbs(u, e);
            double table = StandardNormal.tableTail(u);
            worstAbsolute = Math.max(worstAbsolute, Math.abs(table - exact));
            worstRelative = Math.max(worstRelative, Math.abs(table - exact) / exact);
            double phi = StandardNormal.INV_SQRT_2PI * e;
            worstDensity = Math.max(worstDensity, Math.abs(StandardNormal.tableDensity(u) - phi) / phi);
        }
        assertTrue(worstAbsolute < 5e-14, "absolute error " + worstAbsolute);
        assertTrue(worstRelative < 1e-8, "relative error " + worstRelative);
        assertTrue(worstDensity < 1e-7, "density relative error " + worstDensity);
        // Beyond the table: 0 (the tail is below 1e-17 there), NaN stays NaN.
        assertTrue(StandardNormal.tableTail(StandardNormal.TABLE_LIMIT) == 0.0);
        assertTrue(StandardNormal.tableTail(40.0) == 0.0);
        assertTrue(StandardNormal.tableDensity(Double.POSITIVE_INFINITY) == 0.0);
        assertTrue(Double.isNaN(StandardNormal.tableTail(Double.NaN)));
        assertTrue(StandardNormal.upperTailAbs(StandardNormal.TABLE_LIMIT, Math.exp(-0.5 * 8.5 * 8.5)) < 1e-17);
    }
}
