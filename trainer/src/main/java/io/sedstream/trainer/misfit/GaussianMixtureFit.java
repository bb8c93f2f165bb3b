package io.sedstream.trainer.misfit;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Maximum-likelihood full-covariance Gaussian mixture by expectation-maximisation (Dempster, Laird
 * &amp; Rubin 1977), seeded by k-means++ (Arthur &amp; Vassilvitskii 2007) means. A ridge of
 * {@code ridge} is added to every covariance's diagonal so no component collapses onto a few points.
 */
public final class GaussianMixtureFit {

    /** The fitted mixture: weights [K], means [K][n], covariances [K][n*n] row-major, and the mean log-likelihood per point. */
    public record Result(double[] weights, double[][] means, double[][] covariances, double meanLogLikelihood, int iterations) {
    }

    private GaussianMixtureFit() {
    }

    /**
     * @param x          points, row-major [rows][n]
     * @param maxIter    EM iterations at most
     * @param tolerance  stop when the mean log-likelihood improves by less than this (nats per point)
     */
    public static Result fit(double[] x, int rows, int n, int k, double ridge, int maxIter, double tolerance, long seed,
                             Consumer<String> progress) {
        if (rows < k * (n + 1)) {
            throw new IllegalArgumentException(rows + " points are too few for " + k + " components in " + n + " dimensions");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] means = kMeansPlusPlus(x, rows, n, k, rng);
        double[] global = covariance(x, rows, n);
        double[][] covs = new double[k][];
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            covs[c] = global.clone();
            weights[c] = 1.0 / k;
        }
        double[][] chol = new double[k][n * n];
        double[] logNorm = new double[k];
        double[] resp = new double[k];
        double[] diff = new double[n];
        double[] r = new double[n];
        double previous = Double.NEGATIVE_INFINITY;
        double meanLl = Double.NaN;
        int iter = 0;
        while (iter < maxIter) {
            iter++;
            for (int c = 0; c < k; c++) {
                logNorm[c] = Math.log(weights[c]) - 0.5 * n * Math.log(2 * Math.PI) - 0.5 * cholesky(covs[c], n, chol[c]);
            }
            double[] sumW = new double[k];
            double[][] sumX = new double[k][n];
            double[][] sumXX = new double[k][n * n];
            double ll = 0;
            for (int i = 0; i < rows; i++) {
                int base = i * n;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    for (int a = 0; a < n; a++) {
                        diff[a] = x[base + a] - means[c][a];
                    }
                    double q = mahalanobis(chol[c], n, diff, r);
                    resp[c] = logNorm[c] - 0.5 * q;
                    max = Math.max(max, resp[c]);
                }
                double s = 0;
                for (int c = 0; c < k; c++) {
                    resp[c] = Math.exp(resp[c] - max);
                    s += resp[c];
                }
                ll += max + Math.log(s);
                for (int c = 0; c < k; c++) {
                    double w = resp[c] / s;
                    if (w < 1e-10) {
                        continue;
                    }
                    sumW[c] += w;
                    double[] sx = sumX[c];
                    double[] sxx = sumXX[c];
                    for (int a = 0; a < n; a++) {
                        double wa = w * x[base + a];
                        sx[a] += wa;
                        for (int b = a; b < n; b++) {
                            sxx[a * n + b] += wa * x[base + b];
                        }
                    }
                }
            }
            meanLl = ll / rows;
            // M step.
            for (int c = 0; c < k; c++) {
                double wc = Math.max(sumW[c], 1e-300);
                weights[c] = sumW[c] / rows;
                for (int a = 0; a < n; a++) {
                    means[c][a] = sumX[c][a] / wc;
                }
                for (int a = 0; a < n; a++) {
                    for (int b = a; b < n; b++) {
                        double v = sumXX[c][a * n + b] / wc - means[c][a] * means[c][b];
                        if (a == b) {
                            v += ridge;
                        }
                        covs[c][a * n + b] = v;
                        covs[c][b * n + a] = v;
                    }
                }
                if (sumW[c] < n + 1) {
                    // An emptied component: restart it at a random point with the global covariance.
                    int p = rng.nextInt(rows);
                    means[c] = Arrays.copyOfRange(x, p * n, p * n + n);
                    covs[c] = global.clone();
                    weights[c] = 1.0 / rows;
                }
            }
            double total = Arrays.stream(weights).sum();
            for (int c = 0; c < k; c++) {
                weights[c] /= total;
            }
            if (progress != null && (iter % 10 == 0 || iter == 1)) {
                progress.accept(String.format(java.util.Locale.ROOT, "EM iteration %d: mean log-likelihood %.5f", iter, meanLl));
            }
            if (meanLl - previous < tolerance && iter > 5) {
                break;
            }
            previous = meanLl;
        }
        return new Result(weights, means, covs, meanLl, iter);
    }

    private static double[][] kMeansPlusPlus(double[] x, int rows, int n, int k, SplittableRandom rng) {
        double[][] centres = new double[k][];
        double[] d2 = new double[rows];
        int first = rng.nextInt(rows);
        centres[0] = Arrays.copyOfRange(x, first * n, first * n + n);
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int a = 0; a < n; a++) {
                    double v = x[i * n + a] - centres[c - 1][a];
                    s += v * v;
                }
                d2[i] = Math.min(d2[i], s);
                total += d2[i];
            }
            double pick = rng.nextDouble() * total;
            int chosen = rows - 1;
            for (int i = 0; i < rows; i++) {
                pick -= d2[i];
                if (pick <= 0) {
                    chosen = i;
                    break;
                }
            }
            centres[c] = Arrays.copyOfRange(x, chosen * n, chosen * n + n);
        }
        return centres;
    }

    private static double[] covariance(double[] x, int rows, int n) {
        double[] mean = new double[n];
        for (int i = 0; i < rows; i++) {
            for (int a = 0; a < n; a++) {
                mean[a] += x[i * n + a] / rows;
            }
        }
        double[] cov = new double[n * n];
        for (int i = 0; i < rows; i++) {
            for (int a = 0; a < n; a++) {
                double va = x[i * n + a] - mean[a];
                for (int b = 0; b < n; b++) {
                    cov[a * n + b] += va * (x[i * n + b] - mean[b]) / rows;
                }
            }
        }
        return cov;
    }

    /** Lower Cholesky factor into {@code l}; returns ln det. */
    static double cholesky(double[] cov, int n, double[] l) {
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[i * n + j];
                for (int p = 0; p < j; p++) {
                    s -= l[i * n + p] * l[j * n + p];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("covariance not positive definite at " + i);
                    }
                    l[i * n + i] = Math.sqrt(s);
                    logDet += Math.log(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return logDet;
    }

    /** ||L^-1 diff||^2. */
    static double mahalanobis(double[] l, int n, double[] diff, double[] r) {
        double q = 0;
        for (int i = 0; i < n; i++) {
            double s = diff[i];
            for (int j = 0; j < i; j++) {
                s -= l[i * n + j] * r[j];
            }
            r[i] = s / l[i * n + i];
            q += r[i] * r[i];
        }
        return q;
    }
}
