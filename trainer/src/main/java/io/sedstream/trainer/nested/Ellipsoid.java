package io.sedstream.trainer.nested;

import java.util.random.RandomGenerator;

/**
 * The ellipsoid {x : (x - c)^T A^-1 (x - c) <= 1} with A = L L^T, built to bound a set of points:
 * A is their covariance scaled so that the farthest point lies on the surface (Feroz et al. 2009,
 * sect. 5.1.1), then multiplied by enlargement^2.
 */
final class Ellipsoid {

    private final double[] center;
    private final double[][] choleskyLower;
    private final double logVolume;

    private Ellipsoid(double[] center, double[][] choleskyLower) {
        this.center = center;
        this.choleskyLower = choleskyLower;
        int d = center.length;
        this.logVolume = DenseLinearAlgebra.logUnitBallVolume(d)
                + 0.5 * DenseLinearAlgebra.logDeterminantFromCholesky(choleskyLower);
    }

    /** Smallest covariance-shaped ellipsoid around {@code rows} of {@code points}, times {@code enlargement}. */
    static Ellipsoid bounding(double[][] points, int[] rows, double enlargement) {
        double[] c = DenseLinearAlgebra.mean(points, rows);
        double[][] cov = DenseLinearAlgebra.covariance(points, rows, c);
        double[][] l = DenseLinearAlgebra.choleskyWithRidge(cov);
        double[] work = new double[c.length];
        double maxR2 = 0;
        for (int r : rows) {
            maxR2 = Math.max(maxR2, DenseLinearAlgebra.mahalanobisSquared(l, c, points[r], work));
        }
        // a tiny margin keeps the farthest point strictly inside despite rounding
        double factor = Math.sqrt(maxR2 * (1 + 1e-9)) * enlargement;
        if (!(factor > 0)) {
            factor = enlargement;
        }
        for (double[] row : l) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
        return new Ellipsoid(c, l);
    }

    /** The same ellipsoid with every axis multiplied by {@code factor}. */
    Ellipsoid scaled(double factor) {
        int d = center.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                l[i][j] = choleskyLower[i][j] * factor;
            }
        }
        return new Ellipsoid(center.clone(), l);
    }

    int dimension() {
        return center.length;
    }

    double logVolume() {
        return logVolume;
    }

    double[] center() {
        return center.clone();
    }

    /** Squared scaled distance: <= 1 inside. */
    double scaledDistanceSquared(double[] x, double[] work) {
        return DenseLinearAlgebra.mahalanobisSquared(choleskyLower, center, x, work);
    }

    boolean contains(double[] x, double[] work) {
        return scaledDistanceSquared(x, work) <= 1.0;
    }

    /** Writes L v (a vector in the ellipsoid's frame) into {@code out}. */
    void axisTimes(double[] v, double[] out) {
        DenseLinearAlgebra.lowerTimes(choleskyLower, v, out);
    }

    /** Uniform draw inside the ellipsoid: a uniform point of the unit ball mapped by L. */
    void sampleUniform(RandomGenerator rng, double[] out, double[] work) {
        int d = center.length;
        double norm2 = 0;
        for (int i = 0; i < d; i++) {
            work[i] = rng.nextGaussian();
            norm2 += work[i] * work[i];
        }
        double radius = Math.pow(rng.nextDouble(), 1.0 / d) / Math.sqrt(norm2);
        for (int i = 0; i < d; i++) {
            work[i] *= radius;
        }
        DenseLinearAlgebra.lowerTimes(choleskyLower, work, out);
        for (int i = 0; i < d; i++) {
            out[i] += center[i];
        }
    }

    /** End points c +- a of the longest principal axis, by power iteration on A = L L^T. */
    double[][] majorAxisEnds() {
        int d = center.length;
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 1.0 / Math.sqrt(d) * (1 + 0.01 * i); // deterministic start, not orthogonal to the top axis in practice
        }
        double[] tmp = new double[d];
        double[] av = new double[d];
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            // A v = L (L^T v)
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int k = i; k < d; k++) {
                    s += choleskyLower[k][i] * v[k];
                }
                tmp[i] = s;
            }
            DenseLinearAlgebra.lowerTimes(choleskyLower, tmp, av);
            double norm = 0;
            for (double a : av) {
                norm += a * a;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                break;
            }
            double change = 0;
            for (int i = 0; i < d; i++) {
                double nv = av[i] / norm;
                change += Math.abs(nv - v[i]);
                v[i] = nv;
            }
            lambda = norm;
            if (change < 1e-10) {
                break;
            }
        }
        double halfLength = Math.sqrt(lambda);
        double[] a = new double[d];
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = center[i] + halfLength * v[i];
            b[i] = center[i] - halfLength * v[i];
        }
        return new double[][] {a, b};
    }
}
