package io.sedstream.streams.validation;

import io.sedstream.schemas.DeadLetterReason;

/**
 * Thrown by the topology for a record that fails validation, so that the processing exception
 * handler, which sees the exact input bytes, writes the dead letter. No stack trace: it is an
 * expected outcome, not a bug.
 */
public final class ValidationException extends RuntimeException {
    private final DeadLetterReason reason;

    public ValidationException(DeadLetterReason reason, String description) {
        super(description, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
