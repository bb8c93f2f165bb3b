package io.sedstream.streams.topology;

import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A decoded input record together with the exact bytes it came from. The bytes travel with it so a
 * record that fails after it was buffered for a batch can still be dead-lettered with its exact
 * input, and so the batch buffer can be restored after a crash.
 *
 * @param rawValue the input value bytes as read from the topic (not a copy; never modified)
 */
public record PhotometryInput(PhotometryRecord record, byte[] rawValue) {

    /**
     * The source deserializer: decodes through the codec, keeping the bytes. Bytes that do not
     * decode throw {@link io.sedstream.schemas.wire.WireFormatException}, which the deserialization
     * exception handler routes to the dead-letter topic.
     */
    public static Deserializer<PhotometryInput> deserializer(AvroCodec<PhotometryRecord> codec) {
        return (topic, data) -> new PhotometryInput(codec.decode(data), data);
    }
}
