package io.sedstream.inference.evidence;

import io.sedstream.inference.features.InvalidPhotometryException;

/** The outcome of one object of a batch: a result, or the refusal of its photometry (the rest of the batch is unaffected). */
public record EvidenceOutcome(EvidenceResult result, InvalidPhotometryException refusal) {
    public EvidenceOutcome {
        if ((result == null) == (refusal == null)) {
            throw new IllegalArgumentException("an evidence outcome is either a result or a refusal");
        }
    }

    public boolean ok() {
        return result != null;
    }
}
