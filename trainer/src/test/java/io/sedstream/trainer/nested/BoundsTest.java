package io.sedstream.trainer.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundsTest {

    private static double[][] blob(SplittableRandom rng, int n, double[] center, double sigma) {
        double[][] p = new double[n][center.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < center.length; j++) {
                p[i][j] = center[j] + sigma * rng.nextGaussian();
            }
        }
        return p;
    }

    @Test
    void boundingEllipsoidHoldsEveryPoint() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] p = blob(rng, 200, new double[] {0.5, 0.5, 0.5, 0.5}, 0.05);
        int[] rows = new int[p.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Ellipsoid e = Ellipsoid.bounding(p, rows, 1.0);
        double[] work = new double[4];
        for (double[] x : p) {
            assertTrue(e.contains(x, work));
        }
    }

    @Test
    void uniformDrawsFillTheEllipsoidWithTheRightVolume() {
        // a circle of radius 0.5 inside the unit square: the fraction of its draws that land in
        // the inscribed square of half-side 0.5/sqrt(2) is (area square)/(area circle) = 2/pi
        SplittableRandom rng = new SplittableRandom(2);
        double[][] ring = new double[400][];
        for (int i = 0; i < ring.length; i++) {
            double a = 2 * Math.PI * i / ring.length;
            ring[i] = new double[] {0.5 + 0.5 * Math.cos(a), 0.5 + 0.5 * Math.sin(a)};
        }
        MultiEllipsoid bound = MultiEllipsoid.build(ring, 1.0, false);
        assertEquals(Math.log(Math.PI * 0.25), bound.logTotalVolume(), 1e-3);
        double half = 0.5 / Math.sqrt(2);
        int in = 0;
        int n = 200_000;
        double[] x = new double[2];
        double[] work = new double[2];
        for (int i = 0; i < n; i++) {
            bound.sampleUniform(rng, x, work);
            if (Math.abs(x[0] - 0.5) < half && Math.abs(x[1] - 0.5) < half) {
                in++;
            }
        }
        assertEquals(2 / Math.PI, in / (double) n, 0.005);
    }

    @Test
    void twoSeparatedClustersAreSplitAndOneBlobIsNot() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] a = blob(rng, 150, new double[] {0.2, 0.2, 0.3}, 0.02);
        double[][] b = blob(rng, 150, new double[] {0.8, 0.7, 0.6}, 0.02);
        double[][] both = new double[300][];
        System.arraycopy(a, 0, both, 0, 150);
        System.arraycopy(b, 0, both, 150, 150);
        assertEquals(2, MultiEllipsoid.build(both, 1.2, true).size());
        assertEquals(1, MultiEllipsoid.build(blob(rng, 300, new double[] {0.5, 0.5, 0.5}, 0.05), 1.2, true).size());
    }

    @Test
    void unitBallVolumesMatchTheirClosedForms() {
        // pi in 2-D, 4 pi / 3 in 3-D, pi^2 / 2 in 4-D, 8 pi^2 / 15 in 5-D (odd D: log Gamma at half-integers)
        assertEquals(Math.log(Math.PI), DenseLinearAlgebra.logUnitBallVolume(2), 1e-12);
        assertEquals(Math.log(4 * Math.PI / 3), DenseLinearAlgebra.logUnitBallVolume(3), 1e-12);
        assertEquals(Math.log(Math.PI * Math.PI / 2), DenseLinearAlgebra.logUnitBallVolume(4), 1e-12);
        assertEquals(Math.log(8 * Math.PI * Math.PI / 15), DenseLinearAlgebra.logUnitBallVolume(5), 1e-12);
    }
}
