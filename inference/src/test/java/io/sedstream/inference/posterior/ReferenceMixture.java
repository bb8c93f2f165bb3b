package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test-side reference for a mixture-density output: builds raw network rows in the
 * {@link MixtureLayout} and, independently of {@link MixturePosterior}, the components' physical
 * means and covariances (precision U^T U inverted by Gauss-Jordan) and Cholesky factors for sampling.
 */
final class ReferenceMixture {
    final int k;
    final int d;
    final List<ParameterSpec> parameters;
    final double[] weights;          // [C], member weight x softmax
    final double[][] means;          // [C][D] physical
    final double[][][] covariances;  // [C][D][D] physical
    final double[][][] choleskys;    // lower L with L L^T = covariance
    final List<float[]> rows = new ArrayList<>();
    final double[] memberWeights;

    /** Random rows for {@code members} members with K components in D dimensions. */
    ReferenceMixture(int k, List<ParameterSpec> parameters, double[] memberWeights, long seed, double meanScale, double logDiagMean, double offDiagScale) {
        this.k = k;
        this.d = parameters.size();
        this.parameters = parameters;
        this.memberWeights = memberWeights;
        MixtureLayout layout = new MixtureLayout(k, d);
        SplittableRandom r = new SplittableRandom(seed);
        for (double ignored : memberWeights) {
            float[] row = new float[layout.width()];
            for (int c = 0; c < k; c++) {
                row[layout.logitOffset(c)] = (float) (1.0 * r.nextGaussian());
                for (int i = 0; i < d; i++) {
                    row[layout.meanOffset(c, i)] = (float) (meanScale * r.nextGaussian());
                    row[layout.logDiagonalOffset(c, i)] = (float) (logDiagMean + 0.3 * r.nextGaussian());
                    for (int j = i + 1; j < d; j++) {
                        row[layout.upperOffset(c, i, j)] = (float) (offDiagScale * r.nextGaussian());
                    }
                }
            }
            rows.add(row);
        }
        int total = k * memberWeights.length;
        weights = new double[total];
        means = new double[total][d];
        covariances = new double[total][][];
        choleskys = new double[total][][];
        for (int m = 0; m < memberWeights.length; m++) {
            fill(layout, rows.get(m), m, memberWeights[m]);
        }
    }

    /** A mixture from explicit rows. */
    ReferenceMixture(int k, List<ParameterSpec> parameters, double[] memberWeights, List<float[]> explicitRows) {
        this.k = k;
        this.d = parameters.size();
        this.parameters = parameters;
        this.memberWeights = memberWeights;
        rows.addAll(explicitRows);
        int total = k * memberWeights.length;
        weights = new double[total];
        means = new double[total][d];
        covariances = new double[total][][];
        choleskys = new double[total][][];
        MixtureLayout layout = new MixtureLayout(k, d);
        for (int m = 0; m < memberWeights.length; m++) {
            fill(layout, rows.get(m), m, memberWeights[m]);
        }
    }

    private void fill(MixtureLayout layout, float[] row, int member, double memberWeight) {
        double norm = 0;
        for (int c = 0; c < k; c++) {
            norm += Math.exp(row[layout.logitOffset(c)]);
        }
        for (int c = 0; c < k; c++) {
            int comp = member * k + c;
            weights[comp] = memberWeight * Math.exp(row[layout.logitOffset(c)]) / norm;
            double[][] u = new double[d][d];
            for (int i = 0; i < d; i++) {
                u[i][i] = Math.exp(row[layout.logDiagonalOffset(c, i)]);
                for (int j = i + 1; j < d; j++) {
                    u[i][j] = row[layout.upperOffset(c, i, j)];
                }
            }
            double[][] precision = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int m = 0; m < d; m++) {
                        s += u[m][i] * u[m][j];
                    }
                    precision[i][j] = s;
                }
            }
            double[][] sigmaStd = gaussJordanInverse(precision);
            double[][] cov = new double[d][d];
            for (int i = 0; i < d; i++) {
                ParameterSpec pi = parameters.get(i);
                means[comp][i] = pi.mean() + pi.std() * row[layout.meanOffset(c, i)];
                for (int j = 0; j < d; j++) {
                    cov[i][j] = pi.std() * parameters.get(j).std() * sigmaStd[i][j];
                }
            }
            covariances[comp] = cov;
            choleskys[comp] = cholesky(cov);
        }
    }

    static double[][] gaussJordanInverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double p = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    /** A posterior loaded with this mixture's rows. */
    MixturePosterior posterior() {
        MixturePosterior p = new MixturePosterior(new MixtureLayout(k, d), memberWeights.length, parameters);
        for (int m = 0; m < memberWeights.length; m++) {
            p.setMember(m, memberWeights[m], rows.get(m), 0);
        }
        return p;
    }

    /** One joint draw from the untruncated mixture into out. */
    void draw(SplittableRandom r, double[] z, double[] out) {
        double u = r.nextDouble();
        int comp = 0;
        double cum = weights[0];
        while (cum < u && comp < weights.length - 1) {
            comp++;
            cum += weights[comp];
        }
        for (int i = 0; i < d; i++) {
            z[i] = r.nextGaussian();
        }
        double[][] l = choleskys[comp];
        for (int i = 0; i < d; i++) {
            double s = means[comp][i];
            for (int j = 0; j <= i; j++) {
                s += l[i][j] * z[j];
            }
            out[i] = s;
        }
    }

    /** Log density of the untruncated mixture at x (physical), from the covariances. */
    double logDensity(double[] x) {
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            double[][] inv = gaussJordanInverse(covariances[c]);
            double[][] l = choleskys[c];
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                logDet += 2 * Math.log(l[i][i]);
            }
            double q = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    q += (x[i] - means[c][i]) * inv[i][j] * (x[j] - means[c][j]);
                }
            }
            sum += weights[c] * Math.exp(-0.5 * q - 0.5 * logDet - 0.5 * d * Math.log(2 * Math.PI));
        }
        return Math.log(sum);
    }
}
