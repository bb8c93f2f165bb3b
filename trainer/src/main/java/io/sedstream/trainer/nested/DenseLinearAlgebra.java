package io.sedstream.trainer.nested;

import org.hipparchus.special.Gamma;

/** The few dense symmetric-matrix operations the bounds need (D is at most a few tens). */
final class DenseLinearAlgebra {

    private DenseLinearAlgebra() {
    }

    static double[] mean(double[][] points, int[] rows) {
        int d = points[rows[0]].length;
        double[] m = new double[d];
        for (int r : rows) {
            double[] p = points[r];
            for (int j = 0; j < d; j++) {
                m[j] += p[j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= rows.length;
        }
        return m;
    }

    /** Sample covariance (divisor n - 1) of the selected rows about {@code mean}. */
    static double[][] covariance(double[][] points, int[] rows, double[] mean) {
        int d = mean.length;
        double[][] c = new double[d][d];
        double[] diff = new double[d];
        for (int r : rows) {
            double[] p = points[r];
            for (int j = 0; j < d; j++) {
                diff[j] = p[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    c[a][b] += diff[a] * diff[b];
                }
            }
        }
        double norm = 1.0 / Math.max(1, rows.length - 1);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] *= norm;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /**
     * Lower Cholesky factor L of a symmetric matrix (A = L L^T). A matrix that is not numerically
     * positive definite gets a growing ridge on its diagonal, so degenerate live-point clouds (all
     * points on a line, say) still give a usable, slightly fattened ellipsoid.
     */
    static double[][] choleskyWithRidge(double[][] a) {
        int d = a.length;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += a[i][i];
        }
        double scale = trace > 0 ? trace / d : 1.0;
        double ridge = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            double[][] l = cholesky(a, ridge);
            if (l != null) {
                return l;
            }
            ridge = ridge == 0 ? 1e-12 * scale : ridge * 10;
        }
        throw new IllegalStateException("covariance of the live points is not positive definite even"
                + " with a ridge of " + ridge + " (are the live points all identical?)");
    }

    private static double[][] cholesky(double[][] a, double ridge) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves L y = b for lower-triangular L (forward substitution) into {@code y}. */
    static void forwardSolve(double[][] l, double[] b, double[] y) {
        int d = b.length;
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
    }

    /** Squared Mahalanobis distance (x - c)^T (L L^T)^-1 (x - c); {@code work} has length D. */
    static double mahalanobisSquared(double[][] l, double[] center, double[] x, double[] work) {
        int d = center.length;
        double r2 = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - center[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * work[k];
            }
            work[i] = s / l[i][i];
            r2 += work[i] * work[i];
        }
        return r2;
    }

    /** y = L v for lower-triangular L. */
    static void lowerTimes(double[][] l, double[] v, double[] y) {
        int d = v.length;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += l[i][k] * v[k];
            }
            y[i] = s;
        }
    }

    static double logDeterminantFromCholesky(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }

    /** log of the volume of the unit D-ball: (D/2) log(pi) - log Gamma(D/2 + 1). */
    static double logUnitBallVolume(int d) {
        return 0.5 * d * Math.log(Math.PI) - Gamma.logGamma(0.5 * d + 1);
    }
}
