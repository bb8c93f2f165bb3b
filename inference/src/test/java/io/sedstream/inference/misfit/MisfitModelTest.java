package io.sedstream.inference.misfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The misfit density and its p-values against direct computations. */
class MisfitModelTest {
    @TempDir
    Path dir;

    /** Three bands, two correlated components. */
    static MisfitModel model(double[][] tables, long[] counts) {
        double[] w = {0.3, 0.7};
        double[][] mu = {{0.0, 0.5, -0.2}, {1.0, -0.4, 0.6}};
        double[][] cov = {
                {1.0, 0.6, 0.2, 0.6, 0.8, -0.1, 0.2, -0.1, 0.5},
                {0.4, -0.1, 0.05, -0.1, 0.3, 0.1, 0.05, 0.1, 0.9}};
        return new MisfitModel(List.of("a", "b", "c"), w, mu, cov, tables, counts);
    }

    static MisfitModel model() {
        return model(new double[][] {null, null, {0, 1, 2, 3, 4}}, new long[] {0, 0, 99});
    }

    /** Direct Gaussian density in 3-D (the inverse and determinant by cofactors). */
    static double density3(MisfitModel m, double[] x) {
        double p = 0;
        for (int c = 0; c < 2; c++) {
            double[] s = m.covariances()[c];
            double a = s[0], b = s[1], cc = s[2], d = s[4], e = s[5], f = s[8];
            double det = a * (d * f - e * e) - b * (b * f - e * cc) + cc * (b * e - d * cc);
            double[] inv = {d * f - e * e, cc * e - b * f, b * e - cc * d, cc * e - b * f, a * f - cc * cc, b * cc - a * e,
                    b * e - cc * d, b * cc - a * e, a * d - b * b};
            double q = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    q += (x[i] - m.means()[c][i]) * inv[i * 3 + j] / det * (x[j] - m.means()[c][j]);
                }
            }
            p += m.weights()[c] * Math.exp(-0.5 * q) / Math.sqrt(Math.pow(2 * Math.PI, 3) * det);
        }
        return p;
    }

    @Test
    void allBandsScoreIsMinusTheLogDensity() {
        MisfitModel m = model();
        double[] x = {0.3, 0.1, 0.4};
        assertEquals(-Math.log(density3(m, x)), m.score(x, 0, new boolean[] {true, true, true}), 1e-12);
    }

    @Test
    void aMaskedBandIsMarginalisedExactly() {
        MisfitModel m = model();
        // Brute force: integrate the 3-D density over the masked band on a fine grid (Simpson).
        double[] x = {0.7, 0.0, -0.3};
        int steps = 20000;
        double lo = -12;
        double hi = 12;
        double h = (hi - lo) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            x[1] = lo + i * h;
            double wgt = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += wgt * density3(m, x);
        }
        double marginal = sum * h / 3;
        assertEquals(-Math.log(marginal), m.score(x, 0, new boolean[] {true, false, true}), 1e-9);
        // Two bands masked: a 1-D mixture of the components' marginals.
        double direct = 0;
        for (int c = 0; c < 2; c++) {
            double var = m.covariances()[c][8];
            double z = x[2] - m.means()[c][2];
            direct += m.weights()[c] * Math.exp(-0.5 * z * z / var) / Math.sqrt(2 * Math.PI * var);
        }
        assertEquals(-Math.log(direct), m.score(x, 0, new boolean[] {false, false, true}), 1e-12);
        assertTrue(Double.isNaN(m.score(x, 0, new boolean[3])));
    }

    @Test
    void pValuesAreTheUpperTailOfTheCalibrationScores() {
        // Quantiles 0, 1, 2, 3, 4 at levels 0, 1/4, ..., 1 of 99 calibration galaxies with 3 bands.
        MisfitModel m = model();
        assertEquals(1.0, m.pValue(-1, 3), 0.0);
        assertEquals(0.75, m.pValue(1.0, 3), 1e-12);
        assertEquals(0.5, m.pValue(2.0, 3), 1e-12);
        assertEquals(0.375, m.pValue(2.5, 3), 1e-12);
        assertEquals(0.01, m.pValue(4.0, 3), 1e-12, "at or beyond the largest calibration score: 1/(N + 1)");
        assertEquals(0.01, m.pValue(1e6, 3), 1e-12);
        // Counts without a table use the nearest that has one.
        assertEquals(0.5, m.pValue(2.0, 1), 1e-12);
        double previous = 1;
        for (double s = -1; s < 5; s += 0.01) {
            double p = m.pValue(s, 3);
            assertTrue(p <= previous && p > 0, "p-values fall with the score");
            previous = p;
        }
    }

    @Test
    void jsonRoundTripsAndMalformedFilesAreRefusedWithTheReason() throws Exception {
        MisfitModel m = model();
        Path file = dir.resolve("misfit.json");
        MisfitJson.write(m, Map.of("fit", "test"), file);
        MisfitModel back = MisfitJson.read(file, List.of("a", "b", "c"));
        double[] x = {0.3, -0.2, 0.9};
        boolean[] all = {true, true, true};
        assertEquals(m.score(x, 0, all), back.score(x, 0, all), 1e-12);
        assertEquals(m.pValue(2.5, 3), back.pValue(2.5, 3), 1e-7);

        InvalidModelBundleException bands = assertThrows(InvalidModelBundleException.class, () -> MisfitJson.read(file, List.of("a", "b")));
        assertTrue(bands.getMessage().contains("differ from the bundle's"), bands.getMessage());
        String good = Files.readString(file);
        Map<String, String> broken = Map.of(
                "not valid JSON", "{",
                "weights sum to", good.replaceFirst("\"weight\" : 0.3", "\"weight\" : 0.9"),
                "not symmetric positive definite", good.replaceFirst("\"covariance\" : \\[ 1.0", "\"covariance\" : [ -1.0"),
                "formatVersion must be 1", good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"),
                "not ascending", good.replaceFirst("\"scores\" : \\[ 0.0, 1.0", "\"scores\" : [ 0.0, -1.0"));
        for (Map.Entry<String, String> e : broken.entrySet()) {
            Files.writeString(file, e.getValue());
            InvalidModelBundleException ex = assertThrows(InvalidModelBundleException.class, () -> MisfitJson.read(file, List.of("a", "b", "c")),
                    e.getKey());
            assertTrue(ex.getMessage().contains(e.getKey()), e.getKey() + " -> " + ex.getMessage());
            assertTrue(ex.getMessage().contains(file.toString()), "names the file");
        }
        Files.delete(file);
        InvalidModelBundleException missing = assertThrows(InvalidModelBundleException.class, () -> MisfitJson.read(file, List.of("a", "b", "c")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }
}
