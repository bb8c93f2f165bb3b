package io.sedstream.streams.deadletter;

import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.WireFormatException;
import io.sedstream.streams.metrics.StreamMetrics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds {@link DeadLetter} records and counts them. One per process; the Kafka Streams exception
 * handlers receive it through the streams configuration under {@link #CONFIG_KEY}.
 */
public final class DeadLetterRouter {

    /** Streams-config key under which the router object travels to the exception handlers. */
    public static final String CONFIG_KEY = "sedstream.dead-letter-router";
    /** Header on every dead letter carrying the reason code, so consumers can filter without decoding. */
    public static final String REASON_HEADER = "sedstream.reason";

    private final String dlqTopic;
    private final String applicationId;
    private final AvroCodec<DeadLetter> codec;
    private final StreamMetrics metrics;

    public DeadLetterRouter(String dlqTopic, String applicationId, AvroCodec<DeadLetter> codec, StreamMetrics metrics) {
        this.dlqTopic = dlqTopic;
        this.applicationId = applicationId;
        this.codec = codec;
        this.metrics = metrics;
    }

    /** Where the router travels in a handler's {@code configure} map; fails loudly when it is missing. */
    public static DeadLetterRouter from(Map<String, ?> configs) {
        Object o = configs.get(CONFIG_KEY);
        if (!(o instanceof DeadLetterRouter r)) {
            throw new IllegalStateException("streams configuration lacks '" + CONFIG_KEY
                    + "' (a DeadLetterRouter); build it with StreamsConfigFactory so dead letters can be routed");
        }
        return r;
    }

    public String topic() {
        return dlqTopic;
    }

    public StreamMetrics metrics() {
        return metrics;
    }

    /** Everything known about the failed input. */
    public record Input(byte[] key, byte[] value, String topic, int partition, long offset, long timestampMs) { }

    /** The dead letter for {@code input}, counted under {@code reason}. */
    public DeadLetter deadLetter(Input input, DeadLetterReason reason, String stage, String description, Throwable cause) {
        metrics.deadLetter(reason);
        return DeadLetter.newBuilder()
                .setInputKey(input.key() == null ? null : ByteBuffer.wrap(input.key()))
                .setInputValue(input.value() == null ? null : ByteBuffer.wrap(input.value()))
                .setTopic(input.topic() == null ? "" : input.topic())
                .setPartition(input.partition())
                .setOffset(input.offset())
                .setTimestamp(Instant.ofEpochMilli(Math.max(0, input.timestampMs())))
                .setReason(reason)
                .setDescription(description)
                .setCause(cause == null ? null : describe(cause))
                .setStage(stage)
                .setApplicationId(applicationId)
                .setFailedAt(Instant.now())
                .build();
    }

    /** The same, as a raw record for a handler's dead-letter-queue response. */
    public ProducerRecord<byte[], byte[]> producerRecord(Input input, DeadLetterReason reason, String stage, String description,
                                                         Throwable cause) {
        DeadLetter dl = deadLetter(input, reason, stage, description, cause);
        Headers headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new ProducerRecord<>(dlqTopic, null, dl.getTimestamp().toEpochMilli(), input.key(), codec.encode(dl), headers);
    }

    public byte[] encode(DeadLetter dl) {
        return codec.encode(dl);
    }

    /** Reason code for a decoding failure. */
    public static DeadLetterReason reasonOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WireFormatException w) {
                return switch (w.kind()) {
                    case NOT_AVRO -> DeadLetterReason.NOT_AVRO;
                    case UNKNOWN_SCHEMA -> DeadLetterReason.UNKNOWN_SCHEMA;
                    case WRONG_SCHEMA -> DeadLetterReason.WRONG_SCHEMA;
                    case MALFORMED -> DeadLetterReason.MALFORMED_AVRO;
                };
            }
        }
        return DeadLetterReason.OTHER;
    }

    /** Class and message of the exception and of each cause, bounded so a dead letter stays small. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 4000; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- caused by ");
            }
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage());
            StackTraceElement[] st = c.getStackTrace();
            if (st.length > 0) {
                sb.append(" at ").append(st[0]);
            }
        }
        return sb.length() > 4000 ? sb.substring(0, 4000) : sb.toString();
    }
}
