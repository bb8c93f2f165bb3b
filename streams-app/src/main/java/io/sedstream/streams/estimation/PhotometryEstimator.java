package io.sedstream.streams.estimation;

import io.sedstream.streams.validation.Validation;
import java.util.List;

/**
 * What the topology needs from the model: its identity and band set, and posterior summaries for a
 * batch of validated records. The one implementation, {@link BundleEstimator}, wraps the inference
 * module's estimator; this seam only keeps Kafka code free of the inference API's shape.
 */
public interface PhotometryEstimator extends AutoCloseable {

    ModelIdentity model();

    /**
     * Posterior summaries for each record, in order, from one batched model call. A record the
     * model rejects, or that makes the model fail, gives a {@link Estimate.Failed}; the rest of the
     * batch is unaffected.
     *
     * @param samples posterior draws per record to include (0 = none)
     */
    List<Estimate> estimate(List<Validation.Valid> batch, int samples);

    @Override
    void close();
}
