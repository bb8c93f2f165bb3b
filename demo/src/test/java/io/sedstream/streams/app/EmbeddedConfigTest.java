package io.sedstream.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sedstream.streams.config.ConfigKey;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.testing.ConfigSamples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedConfigTest {

    @Test
    void theDemoPassesEveryKeyThroughButTheBrokersAndStateDirectory(@TempDir Path dir) {
        Map<String, String> every = ConfigSamples.everyKeyOffDefault(dir);
        SedstreamConfig base = SedstreamConfig.load(null, Map.of(), every);
        Path state = dir.resolve("state");
        SedstreamConfig embedded = EmbeddedPipeline.embeddedConfig(base, "localhost:40001", state);
        for (ConfigKey k : ConfigKey.values()) {
            String expected = switch (k) {
                case BOOTSTRAP_SERVERS -> "localhost:40001";
                case STATE_DIR -> state.toString();
                default -> every.get(k.key());
            };
            assertEquals(expected, embedded.value(k), k.key());
        }
        assertEquals(base.kafka(), embedded.kafka());
    }
}
