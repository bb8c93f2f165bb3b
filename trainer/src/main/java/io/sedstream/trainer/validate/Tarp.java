package io.sedstream.trainer.validate;

/**
 * Tests of Accuracy with Random Points (Lemos et al. 2023, ICML, "Sampling-based accuracy testing
 * of posterior estimators for general inference", Algorithm 2). Per object, with a random reference
 * point theta_ref, f = fraction of posterior samples closer to theta_ref than the truth is; the
 * expected coverage probability ECP(a) = fraction of objects with f < a. A calibrated estimator
 * has ECP(a) = a; the scalar summary is |ECP(0.5) - 0.5|.
 */
public final class Tarp {

    private Tarp() {
    }

    /**
     * @param samples   row-major [count][dims] posterior samples of one object, in the same
     *                  normalised units as truth and reference (e.g. scaled to the unit prior box)
     * @return fraction of samples strictly closer to {@code reference} than {@code truth}
     */
    public static double coverageFraction(double[] samples, int count, int dims, double[] truth, double[] reference) {
        if (count == 0) {
            return Double.NaN;
        }
        double truthDistance = squaredDistance(truth, 0, reference, dims);
        int closer = 0;
        for (int s = 0; s < count; s++) {
            if (squaredDistance(samples, s * dims, reference, dims) < truthDistance) {
                closer++;
            }
        }
        return (double) closer / count;
    }

    private static double squaredDistance(double[] a, int offset, double[] b, int dims) {
        double sum = 0;
        for (int i = 0; i < dims; i++) {
            double d = a[offset + i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** ECP at each level: fraction of the (finite) fractions below the level. */
    public static double[] expectedCoverage(double[] fractions, int count, double[] levels) {
        double[] ecp = new double[levels.length];
        int finite = 0;
        for (int i = 0; i < count; i++) {
            if (!Double.isNaN(fractions[i])) {
                finite++;
            }
        }
        for (int l = 0; l < levels.length; l++) {
            int below = 0;
            for (int i = 0; i < count; i++) {
                if (fractions[i] < levels[l]) {
                    below++;
                }
            }
            ecp[l] = finite == 0 ? Double.NaN : (double) below / finite;
        }
        return ecp;
    }

    /** |ECP(0.5) - 0.5|. */
    public static double ecp50Error(double[] fractions, int count) {
        return Math.abs(expectedCoverage(fractions, count, new double[]{0.5})[0] - 0.5);
    }
}
