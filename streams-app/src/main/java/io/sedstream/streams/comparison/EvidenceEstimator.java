package io.sedstream.streams.comparison;

import io.sedstream.streams.validation.Validation;
import java.util.List;

/**
 * What the topology needs from the evidence network: its identity and, for a batch of validated
 * records, log10 K and P(M1) from one batched call. The one implementation, {@link NetworkEvidence},
 * wraps the inference module's evidence network; the seam keeps Kafka code free of its API.
 */
public interface EvidenceEstimator extends AutoCloseable {

    EvidenceIdentity identity();

    /** One answer per record, in order; a record the network refuses gives {@link Evidence.Failed}. */
    List<Evidence> evaluate(List<Validation.Valid> batch);

    @Override
    void close();
}
