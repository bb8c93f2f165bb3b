package io.sedstream.inference.posterior;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The posterior of one object over a bundle's D parameters, whatever the estimator kind that
 * produced it ({@link EstimatorKind}): the {@link io.sedstream.inference.Estimator} loads each
 * ensemble member's network output row into it, then asks for summaries, CDFs, densities and
 * samples. Every method takes and returns physical values (the manifest's units), with each
 * parameter's marginal truncated to its prior interval where the method says so.
 *
 * <p>Implementations are reusable workspaces: NOT thread-safe, one per thread.
 */
public interface Posterior {

    /** Parameter names in the bundle's order. */
    List<String> parameterNames();

    /** Number of parameters D. */
    int dimensions();

    /**
     * Loads member {@code member}'s network output row {@code output[offset .. offset + width)} with
     * ensemble weight {@code memberWeight}; the posterior is ready once every member is loaded.
     *
     * @throws DegeneratePosteriorException when the row describes a posterior that cannot be represented
     * @throws IllegalStateException        when the row holds a non-finite value (a broken model)
     */
    void setMember(int member, double memberWeight, float[] output, int offset);

    /** Summary of parameter {@code dim}'s marginal truncated to its prior interval. */
    ParameterSummary summarise(int dim);

    /** CDF of parameter {@code dim}'s truncated marginal at {@code x}. */
    double marginalCdf(int dim, double x);

    /** Quantile of parameter {@code dim}'s truncated marginal at level p in (0, 1). */
    double marginalQuantile(int dim, double p);

    /** Marginal mass of parameter {@code dim} outside its prior interval (before truncation). */
    double marginalMassOutside(int dim);

    /** Log density of the joint (untruncated) posterior at a physical parameter vector. */
    double logDensity(double[] thetaPhysical);

    /**
     * Draws up to {@code count} samples of the joint posterior truncated to the prior box into
     * {@code out} (row-major [count][D]), stopping after {@code maxAttempts} draws.
     *
     * @return the number of samples written; the acceptance rate is that over {@link #lastAttempts()}
     */
    int sample(int count, RandomGenerator random, double[] out, long maxAttempts);

    /** Number of draws the last {@link #sample} call made. */
    long lastAttempts();
}
