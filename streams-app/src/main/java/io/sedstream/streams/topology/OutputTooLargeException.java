package io.sedstream.streams.topology;

/**
 * A summary whose encoding exceeds what the producer may send. Caught before the send, because under
 * exactly-once a send that fails for size poisons the whole transaction; the processing handler
 * dead-letters the input as PRODUCTION_FAILED instead.
 */
public final class OutputTooLargeException extends RuntimeException {
    public OutputTooLargeException(String message) {
        super(message, null, false, false);
    }
}
