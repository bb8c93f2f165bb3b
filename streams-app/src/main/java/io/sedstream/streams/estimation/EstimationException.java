package io.sedstream.streams.estimation;

/** The estimator could not produce a posterior for one record; the processing handler dead-letters it as INFERENCE_FAILED. */
public final class EstimationException extends RuntimeException {
    public EstimationException(String message, Throwable cause) {
        super(message, cause);
    }
}
