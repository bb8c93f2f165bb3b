package io.sedstream.trainer.nested;

import java.util.List;

/**
 * Nested-sampling fit of one galaxy: log-evidence with its error and weighted posterior samples of
 * the model's output parameters (the 12 of the default model, derived ones computed per sample).
 *
 * @param parameterNames   output parameter names, in sample column order
 * @param samples          [n][parameters] posterior samples (points of negligible weight dropped)
 * @param weights          normalised posterior weights of the samples
 * @param logZ             natural log of the evidence p(fluxes | model)
 * @param logZError        its error, sqrt(H / nLive)
 * @param information      H in nats
 * @param likelihoodCalls  forward-model evaluations used by the sampler
 * @param iterations       nested-sampling iterations
 * @param converged        whether the dlogZ criterion stopped the run
 * @param samplerSeconds   wall time of the nested sampling itself
 * @param derivedSeconds   wall time spent computing the derived parameters of the kept samples
 */
public record SedFit(
        List<String> parameterNames,
        double[][] samples,
        double[] weights,
        double logZ,
        double logZError,
        double information,
        long likelihoodCalls,
        long iterations,
        boolean converged,
        double samplerSeconds,
        double derivedSeconds) {

    public SedFit {
        parameterNames = List.copyOf(parameterNames);
        if (samples.length != weights.length) {
            throw new IllegalArgumentException("samples and weights differ in length");
        }
        double[][] copy = new double[samples.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = samples[i].clone();
        }
        samples = copy;
        weights = weights.clone();
    }

    @Override
    public double[][] samples() {
        double[][] copy = new double[samples.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = samples[i].clone();
        }
        return copy;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public int indexOf(String name) {
        int i = parameterNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + parameterNames);
        }
        return i;
    }

    public double[] column(int k) {
        double[] c = new double[samples.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = samples[i][k];
        }
        return c;
    }

    public double quantile(int k, double q) {
        return WeightedStatistics.quantile(column(k), weights, q);
    }

    public double median(int k) {
        return quantile(k, 0.5);
    }

    /** Half the central 68% interval, (p84 - p16) / 2: the posterior sigma used for comparisons. */
    public double sigma68(int k) {
        return 0.5 * (quantile(k, 0.8413447) - quantile(k, 0.1586553));
    }

    public double mean(int k) {
        return WeightedStatistics.mean(column(k), weights);
    }

    /** Kish effective sample size of the weights. */
    public double effectiveSampleSize() {
        double s = 0;
        double s2 = 0;
        for (double w : weights) {
            s += w;
            s2 += w * w;
        }
        return s * s / s2;
    }

    /** Wall time of the whole fit. */
    public double totalSeconds() {
        return samplerSeconds + derivedSeconds;
    }
}
