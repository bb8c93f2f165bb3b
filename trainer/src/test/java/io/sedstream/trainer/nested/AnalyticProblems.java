package io.sedstream.trainer.nested;

/** Likelihoods and priors whose evidence and posterior are known in closed form. */
final class AnalyticProblems {

    private AnalyticProblems() {
    }

    /** Uniform prior on [-halfWidth, halfWidth]^D. */
    static PriorTransform box(int dimension, double halfWidth) {
        return new PriorTransform() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public void toPhysical(double[] u, double[] out) {
                for (int i = 0; i < dimension; i++) {
                    out[i] = -halfWidth + 2 * halfWidth * u[i];
                }
            }
        };
    }

    /** log of the evidence of a normalised likelihood fully inside a box of that half-width: -D log(2a). */
    static double logEvidenceInBox(int dimension, double halfWidth) {
        return -dimension * Math.log(2 * halfWidth);
    }

    /** Normalised multivariate normal log density with mean mu and covariance sigma. */
    static LogLikelihood gaussian(double[] mu, double[][] sigma) {
        int d = mu.length;
        double[][] l = DenseLinearAlgebra.choleskyWithRidge(sigma);
        double logNorm = -0.5 * d * Math.log(2 * Math.PI) - 0.5 * DenseLinearAlgebra.logDeterminantFromCholesky(l);
        return theta -> {
            double[] work = new double[d];
            return logNorm - 0.5 * DenseLinearAlgebra.mahalanobisSquared(l, mu, theta, work);
        };
    }

    /** AR(1)-correlated covariance: sigma_i sigma_j rho^|i-j| (positive definite for |rho| < 1). */
    static double[][] ar1Covariance(double[] sigmas, double rho) {
        int d = sigmas.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = sigmas[i] * sigmas[j] * Math.pow(rho, Math.abs(i - j));
            }
        }
        return c;
    }

    /** Mixture w1 N(mu1, s^2 I) + (1 - w1) N(mu2, s^2 I): normalised, so Z = (2a)^-D in a wide box. */
    static LogLikelihood twoGaussians(double[] mu1, double[] mu2, double sigma, double w1) {
        int d = mu1.length;
        double logNorm = -0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
        return theta -> {
            double r1 = 0;
            double r2 = 0;
            for (int i = 0; i < d; i++) {
                r1 += (theta[i] - mu1[i]) * (theta[i] - mu1[i]);
                r2 += (theta[i] - mu2[i]) * (theta[i] - mu2[i]);
            }
            double a = Math.log(w1) + logNorm - 0.5 * r1 / (sigma * sigma);
            double b = Math.log(1 - w1) + logNorm - 0.5 * r2 / (sigma * sigma);
            return MultiEllipsoid.logAddExp(a, b);
        };
    }

    /** Rosenbrock-type banana: log L = -[(1 - x)^2 + b (y - x^2)^2] / 2, unnormalised. */
    static LogLikelihood banana(double b) {
        return t -> -0.5 * ((1 - t[0]) * (1 - t[0]) + b * (t[1] - t[0] * t[0]) * (t[1] - t[0] * t[0]));
    }

    /** Evidence and posterior means of a 2-D problem under a uniform prior on a box, by quadrature. */
    record Quadrature2d(double logZ, double meanX, double meanY) {
    }

    /** Midpoint rule on an n x n grid over the box (the prior density cancels the cell area). */
    static Quadrature2d quadrature2d(LogLikelihood logL, double xLo, double xHi, double yLo, double yHi, int n) {
        double dx = (xHi - xLo) / n;
        double dy = (yHi - yLo) / n;
        double[] t = new double[2];
        double max = Double.NEGATIVE_INFINITY;
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[0] = xLo + (i + 0.5) * dx;
                t[1] = yLo + (j + 0.5) * dy;
                values[i * n + j] = logL.logLikelihood(t);
                max = Math.max(max, values[i * n + j]);
            }
        }
        double s = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = Math.exp(values[i * n + j] - max);
                s += w;
                sx += w * (xLo + (i + 0.5) * dx);
                sy += w * (yLo + (j + 0.5) * dy);
            }
        }
        return new Quadrature2d(max + Math.log(s / ((double) n * n)), sx / s, sy / s);
    }
}
