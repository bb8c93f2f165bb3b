package io.sedstream.streams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SedstreamConfigTest {

    @Test
    void defaultsAreUsable() {
        SedstreamConfig c = SedstreamConfig.defaults();
        assertEquals("localhost:9092", c.bootstrapServers());
        assertEquals("photometry", c.topicPhotometry());
        assertEquals("posteriors", c.topicPosteriors());
        assertEquals("photometry-dlq", c.topicDlq());
        assertEquals(0, c.samplesCount());
        assertEquals(1000, c.maxMeasurements());
        assertEquals(1e12, c.maxAbsFluxNJy());
        assertEquals(3.0, c.detectionSnr());
    }

    @Test
    void fileThenEnvironmentThenFlagsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.properties");
        Files.writeString(file, "bootstrap.servers=file:1\nsamples.count=5\ntopic.dlq=file-dlq\nkafka.linger.ms=7\n");
        Map<String, String> env = Map.of("SEDSTREAM_SAMPLES_COUNT", "6", "SEDSTREAM_TOPIC_DLQ", "env-dlq",
                "SEDSTREAM_KAFKA_SECURITY_PROTOCOL", "SSL", "SEDSTREAM_JAVA_OPTS", "-Xmx1g", "PATH", "/bin");
        SedstreamConfig c = SedstreamConfig.load(file, env, Map.of("topic.dlq", "flag-dlq"));
        assertEquals("file:1", c.bootstrapServers(), "file over default");
        assertEquals(6, c.samplesCount(), "environment over file");
        assertEquals("flag-dlq", c.topicDlq(), "flag over environment");
        assertEquals(Map.of("linger.ms", "7", "security.protocol", "SSL"), c.kafka(), "kafka.* passes through without the prefix");
    }

    @Test
    void aBadValueNamesItsKeySourceAndEnvironmentVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of("SEDSTREAM_SAMPLES_COUNT", "lots"), Map.of()));
        assertEquals("samples.count", e.key());
        assertTrue(e.getMessage().contains("'samples.count' = 'lots'"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable SEDSTREAM_SAMPLES_COUNT"), e.getMessage());
        assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
    }

    @Test
    void outOfRangeAndIllegalValuesAreRefused() {
        assertEquals("http.port", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("http.port", "70000"))).key());
        assertEquals("topic.posteriors", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("topic.posteriors", "bad topic!"))).key());
        assertEquals("detection.snr", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("detection.snr", "-1"))).key());
        assertEquals("schemas.dir", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("schemas.dir", "/does/not/exist"))).key());
        assertEquals("bootstrap.servers", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("bootstrap.servers", " "))).key());
    }

    @Test
    void anUnknownKeyIsRefusedWhereverItComesFrom(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.properties");
        Files.writeString(file, "sample.count=5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SedstreamConfig.load(file, Map.of(), Map.of()));
        assertEquals("sample.count", e.key());
        assertTrue(e.getMessage().contains("file " + file), e.getMessage());
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        for (ConfigKey k : ConfigKey.values()) {
            assertEquals(k.key(), SedstreamConfig.keyOfEnv(k.envVar()));
        }
        assertEquals("SEDSTREAM_VALIDATION_MAX_ABS_FLUX_NJY", ConfigKey.VALIDATION_MAX_ABS_FLUX_NJY.envVar());
    }
}
