package io.sedstream.inference.misfit;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import java.util.Arrays;
import java.util.List;

/**
 * How unlike the model's simulated galaxies a record's photometry is: a full-covariance Gaussian
 * mixture density of the standardised asinh magnitudes (the first n entries of the bundle's
 * features), fitted by the trainer on simulated galaxies. A masked band is marginalised out exactly
 * (a Gaussian mixture's marginal drops the band's row and column), so any subset of bands is scored.
 *
 * <p>Score = -ln p(observed magnitudes), in nats; p-value = the fraction of held-out simulated
 * galaxies, with the same number of observed bands, that score at least as high (calibration
 * tables of score quantiles per observed-band count, written by the trainer). A small p-value says
 * no galaxy of the model looks like this. Immutable and thread-safe (scratch per call).
 *
 * @param bandNames   the bundle's bands, in feature order
 * @param weights     component weights (sum 1)
 * @param means       [K][n] component means (standardised magnitudes)
 * @param covariances [K][n*n] component covariances, row-major
 * @param calibration per observed-band count c = 1..n (index c - 1): the calibration scores'
 *                    quantiles at equally spaced levels 0..1 (ascending), or null when no
 *                    calibration galaxy had c bands; and how many galaxies each table summarises
 * @param calibrationCounts galaxies behind each table
 */
public record MisfitModel(List<String> bandNames, double[] weights, double[][] means, double[][] covariances,
                          double[][] calibration, long[] calibrationCounts) {

    public MisfitModel {
        bandNames = List.copyOf(bandNames);
        int n = bandNames.size();
        int k = weights.length;
        if (n < 1 || k < 1 || means.length != k || covariances.length != k) {
            throw new InvalidModelBundleException("misfit model needs at least one band and one component, with a mean and a covariance per component");
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0) || !Double.isFinite(weights[c])) {
                throw new InvalidModelBundleException("misfit component " + c + " has weight " + weights[c]);
            }
            sum += weights[c];
            if (means[c].length != n || covariances[c].length != n * n) {
                throw new InvalidModelBundleException("misfit component " + c + " needs a mean of " + n + " values and a covariance of "
                        + n * n + ", has " + means[c].length + " and " + covariances[c].length);
            }
            for (double v : means[c]) {
                requireFinite(v, "mean of component " + c);
            }
            for (double v : covariances[c]) {
                requireFinite(v, "covariance of component " + c);
            }
            if (Double.isNaN(cholesky(covariances[c], n, allBands(n), new double[n * n]))) {
                throw new InvalidModelBundleException("misfit component " + c + "'s covariance is not symmetric positive definite");
            }
        }
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new InvalidModelBundleException("misfit component weights sum to " + sum + ", not 1");
        }
        if (calibration.length != n || calibrationCounts.length != n) {
            throw new InvalidModelBundleException("misfit calibration needs one table per observed-band count 1.." + n + ", has "
                    + calibration.length);
        }
        boolean any = false;
        for (int c = 0; c < n; c++) {
            double[] q = calibration[c];
            if (q == null) {
                continue;
            }
            any = true;
            if (q.length < 2 || calibrationCounts[c] < 1) {
                throw new InvalidModelBundleException("misfit calibration table for " + (c + 1) + " bands needs at least 2 quantiles and a count");
            }
            for (int i = 0; i < q.length; i++) {
                requireFinite(q[i], "calibration quantile for " + (c + 1) + " bands");
                if (i > 0 && q[i] < q[i - 1]) {
                    throw new InvalidModelBundleException("misfit calibration quantiles for " + (c + 1) + " bands are not ascending at index " + i);
                }
            }
        }
        if (!any) {
            throw new InvalidModelBundleException("misfit calibration has no table");
        }
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new InvalidModelBundleException("misfit model has a non-finite " + what + ": " + v);
        }
    }

    private static boolean[] allBands(int n) {
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return all;
    }

    public int bandCount() {
        return bandNames.size();
    }

    public int componentCount() {
        return weights.length;
    }

    /**
     * -ln p of the observed standardised magnitudes, the masked bands marginalised out.
     *
     * @param magnitudes standardised asinh magnitudes in band order (masked entries ignored), from {@code offset}
     * @param observed   which bands are observed
     * @return the score in nats; NaN when no band is observed
     */
    public double score(double[] magnitudes, int offset, boolean[] observed) {
        return score(magnitudes, offset, factors(observed));
    }

    /**
     * The components' Cholesky factors of one band mask, reusable for every record with that mask
     * (the costly part of a score).
     *
     * @param observed      the mask
     * @param count         observed bands
     * @param lower         per component, the lower Cholesky factor [count][count] of the covariance's observed sub-block
     * @param logDeterminant per component, ln det of that sub-block
     */
    public record Factors(boolean[] observed, int count, double[][] lower, double[] logDeterminant) {
    }

    /** The factors of the mask {@code observed}. */
    public Factors factors(boolean[] observed) {
        int n = bandCount();
        int m = 0;
        for (int b = 0; b < n; b++) {
            if (observed[b]) {
                m++;
            }
        }
        double[][] lower = new double[componentCount()][m * m];
        double[] logDet = new double[componentCount()];
        for (int c = 0; c < componentCount() && m > 0; c++) {
            logDet[c] = cholesky(covariances[c], n, observed, lower[c]);
        }
        return new Factors(observed.clone(), m, lower, logDet);
    }

    /** The score with precomputed factors of the record's mask. */
    public double score(double[] magnitudes, int offset, Factors factors) {
        int n = bandCount();
        int m = factors.count();
        boolean[] observed = factors.observed();
        if (m == 0) {
            return Double.NaN;
        }
        double[] r = new double[m];
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[componentCount()];
        for (int c = 0; c < componentCount(); c++) {
            double[] l = factors.lower()[c];
            // r = L^-1 (x - mu) over the observed bands.
            for (int b = 0, i = 0; b < n; b++) {
                if (!observed[b]) {
                    continue;
                }
                double s = magnitudes[offset + b] - means[c][b];
                for (int j = 0; j < i; j++) {
                    s -= l[i * m + j] * r[j];
                }
                r[i] = s / l[i * m + i];
                i++;
            }
            double q = 0;
            for (int i = 0; i < m; i++) {
                q += r[i] * r[i];
            }
            terms[c] = weights[c] > 0 ? Math.log(weights[c]) - 0.5 * (m * Math.log(2 * Math.PI) + q) - 0.5 * factors.logDeterminant()[c]
                    : Double.NEGATIVE_INFINITY;
            max = Math.max(max, terms[c]);
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return -(max + Math.log(s));
    }

    /**
     * Lower Cholesky factor of the covariance's observed sub-block into {@code l} ([m][m]); returns
     * ln det of the sub-block, or NaN when it is not symmetric positive definite (never for a validated model).
     */
    private static double cholesky(double[] cov, int n, boolean[] observed, double[] l) {
        int m = 0;
        int[] idx = new int[n];
        for (int b = 0; b < n; b++) {
            if (observed[b]) {
                idx[m++] = b;
            }
        }
        double logDet = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[idx[i] * n + idx[j]];
                if (Math.abs(s - cov[idx[j] * n + idx[i]]) > 1e-9 * (Math.abs(s) + 1e-300)) {
                    return Double.NaN;
                }
                for (int p = 0; p < j; p++) {
                    s -= l[i * m + p] * l[j * m + p];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return Double.NaN;
                    }
                    l[i * m + i] = Math.sqrt(s);
                    logDet += Math.log(s);
                } else {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        return logDet;
    }

    /**
     * The calibrated p-value of a score with {@code observedBands} bands observed: the fraction of
     * held-out simulated galaxies with as many bands that score at least as high (linear between
     * tabulated quantiles). Beyond the largest calibration score it is 1/(N + 1), the resolution of
     * N calibration galaxies. A count without its own table uses the nearest count that has one.
     */
    public double pValue(double score, int observedBands) {
        if (Double.isNaN(score)) {
            return Double.NaN;
        }
        int n = bandCount();
        int wanted = Math.max(1, Math.min(n, observedBands)) - 1;
        int c = -1;
        for (int delta = 0; delta < n && c < 0; delta++) {
            if (wanted + delta < n && calibration[wanted + delta] != null) {
                c = wanted + delta;
            } else if (wanted - delta >= 0 && calibration[wanted - delta] != null) {
                c = wanted - delta;
            }
        }
        double[] q = calibration[c];
        double floor = 1.0 / (calibrationCounts[c] + 1.0);
        if (score < q[0]) {
            return 1.0;
        }
        if (score >= q[q.length - 1]) {
            return floor;
        }
        // The last i with q[i] <= score (i < length - 1 here), then linear inside [q[i], q[i + 1]).
        int lo = 0;
        int hi = q.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] <= score) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double level = (lo + (score - q[lo]) / (q[lo + 1] - q[lo])) / (q.length - 1);
        return Math.max(floor, 1.0 - level);
    }
}
