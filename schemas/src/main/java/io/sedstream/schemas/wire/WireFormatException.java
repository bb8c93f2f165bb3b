package io.sedstream.schemas.wire;

/** Bytes that cannot be decoded into the expected record; {@link #kind()} says why, for routing. */
public final class WireFormatException extends RuntimeException {

    /** Why decoding failed. */
    public enum Kind {
        /** Neither the single-object header nor Confluent framing, or empty/null bytes. */
        NOT_AVRO,
        /** A valid header whose fingerprint or Confluent id no registered schema has. */
        UNKNOWN_SCHEMA,
        /** A known schema, but of another record type than the one expected. */
        WRONG_SCHEMA,
        /** A known, matching schema, but the body does not decode (truncated, corrupt, trailing bytes). */
        MALFORMED
    }

    private final Kind kind;

    public WireFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public WireFormatException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
