package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.json.JsonLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The consume command's lines are JSON a reader can parse back, whatever the key and value hold. */
class ConsumeCommandJsonTest {
    private static final SchemaStore SCHEMAS = SchemaStore.builtIn();

    @Test
    void aRecordBecomesKeyPartitionOffsetAndItsDecodedValue() {
        PhotometryRecord p = PhotometryRecord.newBuilder().setObjectId("gal \"7\"").setSurvey("test")
                .setObservedAt(Instant.parse("2025-06-01T00:00:00Z"))
                .setMeasurements(List.of(new Measurement("jwst.nircam.f444w", 12.5, Double.NaN))).build();
        byte[] value = new AvroCodec<>(PhotometryRecord.class, SCHEMAS).encode(p);
        String line = ConsumeCommand.toJson(new ConsumerRecord<>("t", 3, 42L, "gal \"7\"\n".getBytes(StandardCharsets.UTF_8), value), SCHEMAS);
        assertTrue(!line.contains("\n"), line);
        JsonNode j = JsonLine.readAvroText(line);
        assertEquals("gal \"7\"\n", j.path("key").asText());
        assertEquals(3, j.path("partition").asInt());
        assertEquals(42L, j.path("offset").asLong());
        assertEquals("gal \"7\"", j.path("value").path("objectId").asText());
        JsonNode m = j.path("value").path("measurements").get(0);
        assertEquals(12.5, m.path("fluxNJy").asDouble(), m.toString());
    }

    @Test
    void anUndecodableValueIsKeptAsBase64WithTheReason() {
        byte[] junk = {1, 2, 3, '"'};
        JsonNode j = JsonLine.readAvroText(ConsumeCommand.toJson(new ConsumerRecord<>("t", 0, 0L, null, junk), SCHEMAS));
        assertTrue(j.path("key").isNull());
        assertTrue(j.path("value").path("undecodable").asText().length() > 0, j.toString());
        assertEquals(Base64.getEncoder().encodeToString(junk), j.path("value").path("base64").asText());
    }
}
