package io.sedstream.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedstream.streams.json.JsonLine;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class OpsServerHealthTest {

    @Test
    void healthBodyIsOneJsonObjectWithLiveReadyAndState() {
        String running = OpsServer.health(KafkaStreams.State.RUNNING);
        assertTrue(running.endsWith("}\n"), running);
        JsonNode r = JsonLine.readAvroText(running.strip());
        assertTrue(r.path("live").asBoolean() && r.path("ready").asBoolean());
        assertEquals("RUNNING", r.path("state").asText());
        JsonNode rebalancing = JsonLine.readAvroText(OpsServer.health(KafkaStreams.State.REBALANCING).strip());
        assertTrue(rebalancing.path("live").asBoolean());
        assertTrue(!rebalancing.path("ready").asBoolean());
        JsonNode none = JsonLine.readAvroText(OpsServer.health(null).strip());
        assertTrue(!none.path("live").asBoolean());
        assertEquals("null", none.path("state").asText());
    }
}
