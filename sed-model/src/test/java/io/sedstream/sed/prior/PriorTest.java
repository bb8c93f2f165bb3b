package io.sedstream.sed.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PriorTest {
    private final Prior prior = TestModels.defaultModel().prior();

    @Test
    void defaultPriorIsThePublishedOne() {
        assertEquals(List.of("redshift", "log10_formed_mass", "log10_metallicity", "log10_av", "log10_ssfr", "t25", "t50", "t75"),
                prior.names());
        assertArrayEquals(new double[] {0.01, 4, Math.log10(0.004), -3, -12, 0, 0, 0},
                java.util.stream.IntStream.range(0, 8).mapToDouble(prior::lower).toArray(), 1e-9);
        assertArrayEquals(new double[] {14, 12, Math.log10(0.02), 0.7, -7, 1, 1, 1},
                java.util.stream.IntStream.range(0, 8).mapToDouble(prior::upper).toArray(), 1e-9);
    }

    @Test
    void samplesStayInBoundsAndQuantilesFollowAFlatDirichlet() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] sum = new double[8];
        int n = 40000;
        for (int i = 0; i < n; i++) {
            double[] p = prior.sample(rng);
            for (int k = 0; k < 8; k++) {
                assertTrue(p[k] >= prior.lower(k) && p[k] <= prior.upper(k), prior.names().get(k) + " = " + p[k]);
                sum[k] += p[k];
            }
            assertTrue(p[5] < p[6] && p[6] < p[7]);
        }
        // flat Dirichlet(1,1,1,1): E[t25] = 1/4, E[t50] = 1/2, E[t75] = 3/4; uniform means mid-range
        assertEquals(0.25, sum[5] / n, 0.01);
        assertEquals(0.50, sum[6] / n, 0.01);
        assertEquals(0.75, sum[7] / n, 0.01);
        assertEquals(7.005, sum[0] / n, 0.1);
    }

    @Test
    void gammaVariatesHaveTheRightMean() {
        SplittableRandom rng = new SplittableRandom(9);
        for (double shape : new double[] {0.5, 1, 5}) {
            double s = 0;
            int n = 40000;
            for (int i = 0; i < n; i++) {
                s += Distributions.gamma(rng, shape);
            }
            assertEquals(shape, s / n, 0.03 * shape + 0.01, "shape " + shape);
        }
    }

    @Test
    void badPriorLinesNameTheKey() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("redshift", "uniform 3 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelPrior(lines, -2, -1));
        assertTrue(e.getMessage().contains("prior.redshift"), e.getMessage());
        lines.put("redshift", "gaussian 0 1");
        e = assertThrows(IllegalArgumentException.class, () -> new ModelPrior(lines, -2, -1));
        assertTrue(e.getMessage().contains("gaussian"), e.getMessage());
    }
}
