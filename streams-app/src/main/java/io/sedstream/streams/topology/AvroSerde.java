package io.sedstream.streams.topology;

import io.sedstream.schemas.wire.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde over the schemas module's codec (single-object encoding out; single-object or Confluent in). */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroCodec<T> codec;

    public AvroSerde(AvroCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : codec.encode(data);
    }

    /** Throws {@link io.sedstream.schemas.wire.WireFormatException} on bad bytes, which the deserialization handler routes. */
    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> codec.decode(data);
    }
}
