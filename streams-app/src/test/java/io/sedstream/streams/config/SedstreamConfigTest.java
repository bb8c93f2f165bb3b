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
    void comparisonIsOffByDefaultWithEqualPriorOdds() {
        SedstreamConfig.Comparison c = SedstreamConfig.defaults().comparison();
        assertEquals(false, c.enabled());
        assertEquals(1.0, c.priorOdds());
        assertEquals("model-comparison", c.topic());
        assertTrue(c.model2Dir().isEmpty() && c.evidenceDir().isEmpty());
    }

    @Test
    void comparisonKeysComeFromTheEnvironmentAndFlagsLikeEveryOther(@TempDir Path dir) throws Exception {
        Path m2 = Files.createDirectories(dir.resolve("m2"));
        Path ev = Files.createDirectories(dir.resolve("ev"));
        SedstreamConfig c = SedstreamConfig.load(null, Map.of("SEDSTREAM_COMPARISON_ENABLED", "true", "SEDSTREAM_COMPARISON_PRIOR_ODDS", "0.25",
                "SEDSTREAM_COMPARISON_MODEL2", m2.toString()), Map.of("comparison.evidence", ev.toString(), "topic.model-comparison", "cmp"));
        assertTrue(c.comparison().enabled());
        assertEquals(0.25, c.comparison().priorOdds());
        assertEquals(m2, c.comparison().model2Dir().orElseThrow());
        assertEquals(ev, c.comparison().evidenceDir().orElseThrow());
        assertEquals("cmp", c.comparison().topic());
    }

    @Test
    void badComparisonSettingsAreRefusedNamingTheirKey() {
        for (String odds : new String[] {"0", "-2", "NaN", "Infinity", "even"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> SedstreamConfig.load(null, Map.of("SEDSTREAM_COMPARISON_PRIOR_ODDS", odds), Map.of()));
            assertEquals("comparison.prior-odds", e.key(), odds);
            assertTrue(e.getMessage().contains("SEDSTREAM_COMPARISON_PRIOR_ODDS") && e.getMessage().contains("--prior-odds"), e.getMessage());
        }
        assertEquals("comparison.enabled", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("comparison.enabled", "yes"))).key());
        assertEquals("topic.model-comparison", assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of(), Map.of("topic.model-comparison", "no spaces"))).key());
        ConfigException missing = assertThrows(ConfigException.class, () -> SedstreamConfig.load(null, Map.of(),
                Map.of("comparison.enabled", "true", "comparison.model2", "/does/not/exist")));
        assertEquals("comparison.model2", missing.key());
        assertTrue(missing.getMessage().contains("/does/not/exist"), missing.getMessage());
        assertEquals("comparison.evidence", assertThrows(ConfigException.class, () -> SedstreamConfig.load(null, Map.of(),
                Map.of("comparison.enabled", "true", "comparison.evidence", "/does/not/exist"))).key());
        // Off: the bundle keys may stay in a deployment's configuration unchecked.
        assertEquals(false, SedstreamConfig.load(null, Map.of(), Map.of("comparison.model2", "/does/not/exist")).comparison().enabled());
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

    @Test
    void anUnknownSedstreamEnvironmentVariableIsRefusedNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of("SEDSTREAM_STREAM_THREADS", "2"), Map.of()));
        assertEquals("SEDSTREAM_STREAM_THREADS", e.key());
        assertTrue(e.getMessage().contains("unknown environment variable SEDSTREAM_STREAM_THREADS")
                && e.getMessage().contains("SEDSTREAM_STREAMS_THREADS"), e.getMessage());
        // The launcher's, the physics' and the scripts' variables are not configuration and pass.
        for (String other : ConfigKey.NOT_CONFIGURATION_ENV) {
            SedstreamConfig.load(null, Map.of(other, "x"), Map.of());
        }
    }

    @Test
    void aKafkaKeyMustBeAKafkaSetting() {
        ConfigException typo = assertThrows(ConfigException.class,
                () -> SedstreamConfig.load(null, Map.of("SEDSTREAM_KAFKA_SECURTY_PROTOCOL", "SASL_SSL"), Map.of()));
        assertEquals("kafka.securty.protocol", typo.key());
        assertTrue(typo.getMessage().contains("environment variable SEDSTREAM_KAFKA_SECURTY_PROTOCOL"), typo.getMessage());
        assertThrows(ConfigException.class, () -> SedstreamConfig.load(null, Map.of(), Map.of("kafka.producer.no.such", "1")));
        SedstreamConfig ok = SedstreamConfig.load(null, Map.of("SEDSTREAM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
                Map.of("kafka.consumer.max.poll.records", "100", "kafka.topic.min.insync.replicas", "2", "kafka.num.standby.replicas", "1"));
        assertEquals(Map.of("sasl.mechanism", "SCRAM-SHA-512", "consumer.max.poll.records", "100", "topic.min.insync.replicas", "2",
                "num.standby.replicas", "1"), ok.kafka());
    }

    @Test
    void theAdminClientGetsOnlyAdminSettingsWithTheAdminPrefixWinning() {
        SedstreamConfig c = SedstreamConfig.load(null, Map.of(), Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.request.timeout.ms", "30000",
                "kafka.admin.request.timeout.ms", "9000",
                "kafka.admin.retries", "3",
                "kafka.num.standby.replicas", "1",
                "kafka.linger.ms", "7",
                "kafka.consumer.max.poll.records", "100",
                "kafka.producer.retries", "99",
                "kafka.topic.min.insync.replicas", "2"));
        // Streams-only (standby replicas), producer-only (linger), prefixed consumer/producer and topic keys stay out.
        assertEquals(Map.of("security.protocol", "SASL_SSL", "request.timeout.ms", "9000", "retries", "3"), c.adminClientSettings());
    }

    @Test
    void aDerivedConfigurationKeepsEveryKey(@TempDir Path dir) {
        Map<String, String> every = io.sedstream.streams.testing.ConfigSamples.everyKeyOffDefault(dir);
        SedstreamConfig base = SedstreamConfig.load(null, Map.of(), every);
        SedstreamConfig derived = base.withBootstrapServers("elsewhere:9092");
        for (ConfigKey k : ConfigKey.values()) {
            String expected = k == ConfigKey.BOOTSTRAP_SERVERS ? "elsewhere:9092" : every.get(k.key());
            assertEquals(expected, derived.value(k), k.key());
        }
        assertEquals(base.kafka(), derived.kafka());
        assertEquals(12345L, derived.shutdownTimeoutMs());
        assertEquals(Path.of(every.get("schemas.dir")), derived.schemasDir().orElseThrow());
    }
}
