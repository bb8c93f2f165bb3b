package io.sedstream.trainer.nested;

/**
 * Natural log of the likelihood of the data at physical parameters {@code physical} (as written
 * by the {@link PriorTransform}). May return {@code Double.NEGATIVE_INFINITY} for an impossible
 * point; NaN is treated as an error.
 */
@FunctionalInterface
public interface LogLikelihood {
    double logLikelihood(double[] physical);
}
