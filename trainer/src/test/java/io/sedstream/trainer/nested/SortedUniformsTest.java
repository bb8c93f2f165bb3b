package io.sedstream.trainer.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortedUniformsTest {

    @Test
    void spacingsAreFlatDirichlet() {
        // flat Dirichlet on 4 spacings: each spacing is Beta(1, 3), mean 1/4, variance 3/80;
        // the sorted values have means 1/4, 1/2, 3/4
        SplittableRandom rng = new SplittableRandom(7);
        int n = 400_000;
        double[] u = new double[3];
        double[] t = new double[3];
        double[] sum = new double[3];
        double[] spacingSum = new double[4];
        double[] spacingSquares = new double[4];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                u[k] = rng.nextDouble();
            }
            SortedUniforms.transform(u, 0, 3, t, 0);
            assertTrue(t[0] <= t[1] && t[1] <= t[2] && t[2] <= 1.0);
            double[] spacing = {t[0], t[1] - t[0], t[2] - t[1], 1 - t[2]};
            for (int k = 0; k < 3; k++) {
                sum[k] += t[k];
            }
            for (int k = 0; k < 4; k++) {
                spacingSum[k] += spacing[k];
                spacingSquares[k] += spacing[k] * spacing[k];
            }
        }
        for (int k = 0; k < 3; k++) {
            assertEquals((k + 1) / 4.0, sum[k] / n, 2e-3);
        }
        for (int k = 0; k < 4; k++) {
            double mean = spacingSum[k] / n;
            assertEquals(0.25, mean, 2e-3);
            assertEquals(3.0 / 80.0, spacingSquares[k] / n - mean * mean, 1e-3);
        }
    }

    @Test
    void isMonotoneInEachCoordinate() {
        double[] a = new double[3];
        double[] b = new double[3];
        SortedUniforms.transform(new double[] {0.2, 0.5, 0.7}, 0, 3, a, 0);
        SortedUniforms.transform(new double[] {0.2, 0.5, 0.8}, 0, 3, b, 0);
        assertTrue(b[2] > a[2] && b[1] > a[1] && b[0] > a[0]);
    }
}
