package io.sedstream.trainer.nested;

import java.util.SplittableRandom;

/**
 * Output of one nested-sampling run: log-evidence with its error, and every retired point with
 * its normalised posterior weight (the live points at termination included).
 *
 * @param logZ              natural log of the evidence
 * @param logZError         sqrt(H / nLive) (Skilling 2006, sect. 9)
 * @param information       H in nats
 * @param unitSamples       samples in the unit cube, [n][D]
 * @param samples           physical samples, [n][physicalDimension]
 * @param logLikelihoods    log L of each sample
 * @param logWeights        log of the normalised posterior weight of each sample (sum of exp = 1)
 * @param nLive             live points used
 * @param iterations        nested-sampling iterations (retired points before the final live set)
 * @param likelihoodCalls   total likelihood evaluations
 * @param converged         whether the dlogZ criterion stopped the run (false: a cap did)
 */
public record NestedSamplingResult(
        double logZ,
        double logZError,
        double information,
        double[][] unitSamples,
        double[][] samples,
        double[] logLikelihoods,
        double[] logWeights,
        int nLive,
        long iterations,
        long likelihoodCalls,
        boolean converged) {

    public NestedSamplingResult {
        int n = logWeights.length;
        if (unitSamples.length != n || samples.length != n || logLikelihoods.length != n) {
            throw new IllegalArgumentException("sample arrays differ in length");
        }
        unitSamples = deepCopy(unitSamples);
        samples = deepCopy(samples);
        logLikelihoods = logLikelihoods.clone();
        logWeights = logWeights.clone();
    }

    @Override
    public double[][] unitSamples() {
        return deepCopy(unitSamples);
    }

    @Override
    public double[][] samples() {
        return deepCopy(samples);
    }

    @Override
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    @Override
    public double[] logWeights() {
        return logWeights.clone();
    }

    public int size() {
        return logWeights.length;
    }

    /** Normalised posterior weights. */
    public double[] weights() {
        double[] w = new double[logWeights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i]);
        }
        return w;
    }

    /** Kish effective sample size, (sum w)^2 / sum w^2. */
    public double effectiveSampleSize() {
        double s = 0;
        double s2 = 0;
        for (double lw : logWeights) {
            double w = Math.exp(lw);
            s += w;
            s2 += w * w;
        }
        return s2 > 0 ? s * s / s2 : 0;
    }

    /** Physical column {@code k} of every sample. */
    public double[] column(int k) {
        double[] c = new double[samples.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = samples[i][k];
        }
        return c;
    }

    /** Weighted posterior mean of physical column {@code k}. */
    public double mean(int k) {
        return WeightedStatistics.mean(column(k), weights());
    }

    /** Weighted posterior standard deviation of physical column {@code k}. */
    public double standardDeviation(int k) {
        return WeightedStatistics.standardDeviation(column(k), weights());
    }

    /** Weighted quantile (0 <= q <= 1) of physical column {@code k}. */
    public double quantile(int k, double q) {
        return WeightedStatistics.quantile(column(k), weights(), q);
    }

    /**
     * {@code count} equally weighted physical samples by systematic resampling (one uniform
     * offset, count evenly spaced positions on the cumulative weights; low variance and
     * deterministic given the seed).
     */
    public double[][] equalWeightSamples(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        double[] cumulative = new double[logWeights.length];
        double s = 0;
        for (int i = 0; i < cumulative.length; i++) {
            s += Math.exp(logWeights[i]);
            cumulative[i] = s;
        }
        double offset = new SplittableRandom(seed).nextDouble();
        double[][] out = new double[count][];
        int i = 0;
        for (int k = 0; k < count; k++) {
            double position = (k + offset) / count * s;
            while (i < cumulative.length - 1 && cumulative[i] < position) {
                i++;
            }
            out[k] = samples[i].clone();
        }
        return out;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
