package io.sedstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.broker.EmbeddedKafka;
import io.sedstream.streams.catalogue.PoisonPills;
import io.sedstream.streams.catalogue.SampleGalaxies;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.testing.FixtureModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology on a real single-node KRaft broker, exactly-once, with the real estimator (fixture bundle). */
class PosteriorPipelineIT {

    private static final SchemaStore SCHEMAS = SchemaStore.builtIn();
    private static final AvroCodec<PhotometryRecord> PHOTOMETRY = new AvroCodec<>(PhotometryRecord.class, SCHEMAS);
    private static final AvroCodec<PosteriorSummary> POSTERIOR = new AvroCodec<>(PosteriorSummary.class, SCHEMAS);
    private static final AvroCodec<DeadLetter> DEAD_LETTER = new AvroCodec<>(DeadLetter.class, SCHEMAS);
    private static final AvroCodec<ModelComparison> COMPARISON = new AvroCodec<>(ModelComparison.class, SCHEMAS);
    private static final int PARTITIONS = 2;
    private static final SampleGalaxies GALAXIES = new SampleGalaxies(FixtureBundleWriter.JADES_GS_14, 11);

    private static EmbeddedKafka kafka;
    private static BundleEstimator estimator;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        estimator = BundleEstimator.load(FixtureModels.defaultBundle());
    }

    @AfterAll
    static void stop() throws Exception {
        estimator.close();
        kafka.close();
    }

    /** Configuration for one test: its own topics, application id and state directory. */
    private static SedstreamConfig config(String name, Path stateDir, Map<String, String> extra) throws Exception {
        Map<String, String> f = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "application.id", "it-" + name,
                "topic.photometry", name + "-in", "topic.posteriors", name + "-out", "topic.dlq", name + "-dlq",
                "state.dir", stateDir.toString(), "http.port", "0", "commit.interval.ms", "100"));
        f.putAll(extra);
        SedstreamConfig c = SedstreamConfig.load(null, Map.of(), f);
        kafka.createTopics(PARTITIONS, c.topicPhotometry(), c.topicPosteriors(), c.topicDlq());
        return c;
    }

    private static List<String> produceGalaxies(SedstreamConfig c, int from, int to) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(kafka.bootstrapServers())) {
            for (int i = from; i < to; i++) {
                PhotometryRecord g = GALAXIES.galaxy(i, Instant.now());
                KafkaTestClients.send(p, c.topicPhotometry(), g.getObjectId(), PHOTOMETRY.encode(g));
                ids.add(g.getObjectId());
            }
            p.flush();
        }
        return ids;
    }

    @Test
    void tenThousandRecordsGiveExactlyTenThousandSummariesKeyedByObjectId(@TempDir Path state) throws Exception {
        SedstreamConfig c = config("tenk", state, Map.of());
        StreamMetrics metrics = new StreamMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry());
        try (PosteriorService service = PosteriorService.start(c, estimator, metrics)) {
            List<String> ids = produceGalaxies(c, 0, 10_000);
            List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicPosteriors(),
                    PARTITIONS, rs -> rs.size() >= 10_000, Duration.ofSeconds(2), Duration.ofMinutes(3));
            assertEquals(10_000, out.size());
            Map<String, Long> byKey = out.stream().collect(Collectors.groupingBy(KafkaTestClients::key, Collectors.counting()));
            assertEquals(10_000, byKey.size(), "one summary per object");
            assertEquals(new java.util.HashSet<>(ids), byKey.keySet());
            for (ConsumerRecord<byte[], byte[]> r : out.subList(0, 100)) {
                PosteriorSummary s = POSTERIOR.decode(r.value());
                assertEquals(KafkaTestClients.key(r), s.getObjectId(), "key = objectId");
                assertEquals(r.timestamp(), s.getInputTimestamp().toEpochMilli());
                assertTrue(s.getModelFixture());
            }
            // Every input's output was committed with its offset, so a dead letter would be visible by now:
            // the topic holds nothing at all (not even a transaction marker).
            assertEquals(0, KafkaTestClients.endOffsets(kafka.bootstrapServers(), c.topicDlq(), PARTITIONS), "no dead letters for good input");
            assertEquals(10_000, metrics.posteriorsOut());
        }
    }

    @Test
    void poisonPillsBecomeDeadLettersWhileTheApplicationKeepsRunning(@TempDir Path state) throws Exception {
        SedstreamConfig c = config("poison", state, Map.of());
        StreamMetrics metrics = new StreamMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry());
        try (PosteriorService service = PosteriorService.start(c, estimator, metrics)) {
            int pills = 6;
            List<String> good = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 300; i++) {
                    PhotometryRecord g = GALAXIES.galaxy(i, Instant.now());
                    if (i % 50 == 25) {
                        KafkaTestClients.send(p, c.topicPhotometry(), g.getObjectId(), PoisonPills.pill(i / 50, g, PHOTOMETRY));
                    } else {
                        KafkaTestClients.send(p, c.topicPhotometry(), g.getObjectId(), PHOTOMETRY.encode(g));
                        good.add(g.getObjectId());
                    }
                }
                KafkaTestClients.send(p, c.topicPhotometry(), "tombstone", null);
            }
            List<ConsumerRecord<byte[], byte[]>> dl = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicDlq(),
                    PARTITIONS, rs -> rs.size() >= pills + 1, Duration.ofSeconds(1), Duration.ofMinutes(2));
            List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicPosteriors(),
                    PARTITIONS, rs -> rs.size() >= good.size(), Duration.ofSeconds(1), Duration.ofMinutes(2));
            assertEquals(pills + 1, dl.size());
            assertEquals(good.size(), out.size());
            Map<DeadLetterReason, Long> reasons = dl.stream().map(r -> DEAD_LETTER.decode(r.value()).getReason())
                    .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
            assertEquals(Map.of(DeadLetterReason.NOT_AVRO, 2L, DeadLetterReason.NON_FINITE_VALUE, 1L,
                    DeadLetterReason.NON_POSITIVE_ERROR, 1L, DeadLetterReason.DUPLICATE_BAND, 1L,
                    DeadLetterReason.NO_KNOWN_BAND, 1L, DeadLetterReason.ALL_BANDS_MISSING, 1L), reasons);
            assertEquals(KafkaStreams.State.RUNNING, service.state(), "poison pills do not stop the application");

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + service.httpPort();
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, m.statusCode());
            assertTrue(m.body().contains("sedstream_dead_letters_total{reason=\"NOT_AVRO\"} 2.0"), m.body());
            assertTrue(m.body().contains("sedstream_posteriors_out_total " + good.size() + ".0"));
            assertTrue(m.body().contains("sedstream_inference_latency_seconds_bucket"));
            assertTrue(m.body().contains("sedstream_end_to_end_latency_seconds_count " + good.size()));
            assertTrue(m.body().contains("fixture=\"true\""), "model info says fixture");
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode());
            assertTrue(ready.body().contains("\"state\":\"RUNNING\""));
        }
    }

    @Test
    void anOutputTooLargeToWriteIsReplacedByADeadLetter(@TempDir Path state) throws Exception {
        // 2000 draws x 12 parameters make a ~200 kB summary; the producer accepts at most 100 kB.
        SedstreamConfig c = config("toolarge", state, Map.of("samples.count", "2000", "kafka.producer.max.request.size", "100000"));
        StreamMetrics metrics = new StreamMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry());
        try (PosteriorService service = PosteriorService.start(c, estimator, metrics)) {
            produceGalaxies(c, 0, 3);
            List<ConsumerRecord<byte[], byte[]>> dl = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicDlq(),
                    PARTITIONS, rs -> rs.size() >= 3, Duration.ofSeconds(1), Duration.ofMinutes(1));
            assertEquals(3, dl.size());
            DeadLetter d = DEAD_LETTER.decode(dl.get(0).value());
            assertEquals(DeadLetterReason.PRODUCTION_FAILED, d.getReason(), d.getDescription());
            assertTrue(d.getDescription().contains("bytes, more than the"), d.getDescription());
            assertEquals(c.topicPhotometry(), d.getTopic());
            assertTrue(d.getInputValue() != null && d.getInputValue().remaining() > 10, "the input bytes are kept");
            assertEquals(KafkaStreams.State.RUNNING, service.state());
        }
    }

    @Test
    void produceAndConsumeCommandsMoveACatalogueThroughTheStream(@TempDir Path state) throws Exception {
        SedstreamConfig c = config("cli", state, Map.of());
        StringBuilder csv = new StringBuilder("id");
        for (String b : FixtureBundleWriter.JADES_GS_14) {
            csv.append(',').append(b).append("_flux,").append(b).append("_err");
        }
        csv.append('\n');
        for (int row = 0; row < 3; row++) {
            csv.append("cli-").append(row);
            for (int i = 0; i < FixtureBundleWriter.JADES_GS_14.size(); i++) {
                csv.append(",").append(10 + row + i).append(",1.5");
            }
            csv.append('\n');
        }
        Path cat = state.resolve("cat.csv");
        Files.writeString(cat, csv);
        StreamMetrics metrics = new StreamMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry());
        try (PosteriorService service = PosteriorService.start(c, estimator, metrics)) {
            assertEquals(0, io.sedstream.streams.cli.SedstreamCli.commandLine().execute("produce", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--topic", c.topicPhotometry(), "--input", cat.toString(), "--confluent-id", "2"));
            KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicPosteriors(), PARTITIONS, rs -> rs.size() >= 3,
                    Duration.ZERO, Duration.ofMinutes(1));
        }
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, io.sedstream.streams.cli.SedstreamCli.commandLine().execute("consume", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--topic", c.topicPosteriors(), "--max", "3"));
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String line : lines) {
            var node = json.readTree(line);
            ids.add(node.get("key").asText());
            assertEquals(node.get("key").asText(), node.get("value").get("objectId").asText());
            assertEquals(12, node.get("value").get("parameters").size());
        }
        assertEquals(java.util.Set.of("cli-0", "cli-1", "cli-2"), ids);
    }

    /**
     * The stream runs in a child JVM ({@code sedstream run}), with model comparison on; it is killed with
     * SIGKILL mid-run (no clean shutdown, an open transaction) and restarted. With read_committed every
     * input has exactly one posterior and exactly one model comparison.
     */
    @Test
    void aKilledInstanceRestartedLosesAndDuplicatesNothing(@TempDir Path state) throws Exception {
        SedstreamConfig c = config("crash", state, Map.of("topic.model-comparison", "crash-cmp"));
        kafka.createTopics(PARTITIONS, c.comparison().topic());
        String[] comparison = {"comparison.enabled=true", "comparison.model2=" + FixtureModels.secondModelBundle(),
            "comparison.evidence=" + FixtureModels.evidenceBundle(), "topic.model-comparison=" + c.comparison().topic()};
        int n = 6000;
        // Only the first half exists while the first instance runs, so it is killed before the end by
        // construction (no race with a fast instance); the second half arrives for the restart.
        List<String> ids = new ArrayList<>(produceGalaxies(c, 0, n / 2));
        Process first = startChild(c, state, 0, comparison);
        try {
            List<ConsumerRecord<byte[], byte[]>> partial = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicPosteriors(),
                    PARTITIONS, rs -> rs.size() >= n / 6, Duration.ZERO, Duration.ofMinutes(2));
            assertTrue(partial.size() >= n / 6, "the first instance was running when killed: " + partial.size() + " outputs");
        } finally {
            first.destroyForcibly().waitFor();
        }
        ids.addAll(produceGalaxies(c, n / 2, n));
        Process second = startChild(c, state, 1, comparison);
        try {
            List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicPosteriors(),
                    PARTITIONS, rs -> rs.size() >= n, Duration.ofSeconds(3), Duration.ofMinutes(3));
            Map<String, Long> byKey = out.stream().collect(Collectors.groupingBy(KafkaTestClients::key, Collectors.counting()));
            assertEquals(new java.util.HashSet<>(ids), byKey.keySet(), "none lost");
            assertEquals(n, out.size(), "none duplicated");
            List<ConsumerRecord<byte[], byte[]>> compared = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.comparison().topic(),
                    PARTITIONS, rs -> rs.size() >= n, Duration.ofSeconds(1), Duration.ofMinutes(1));
            Map<String, Long> comparedByKey = compared.stream().collect(Collectors.groupingBy(KafkaTestClients::key, Collectors.counting()));
            assertEquals(new java.util.HashSet<>(ids), comparedByKey.keySet(), "every input has its model comparison");
            assertEquals(n, compared.size(), "no comparison duplicated");
            ModelComparison mc = COMPARISON.decode(compared.get(0).value());
            assertEquals(KafkaTestClients.key(compared.get(0)), mc.getObjectId());
            assertTrue(mc.getFixture() && Double.isFinite(mc.getLog10BayesFactor()));
        } finally {
            second.destroy(); // SIGTERM: the service closes Streams and exits with the close's outcome
            assertTrue(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "SIGTERM ends the service within the timeout");
        }
        // 0 only when Streams closed cleanly within shutdown.timeout.ms (1 on a failed or timed-out close;
        // 143 would mean the signal killed the JVM without the service's own stop).
        assertEquals(0, second.exitValue(), "exit status after SIGTERM (child log: " + childLog(state, 1) + ")");
    }

    /**
     * Records buffered for a batch, whose input offsets are already committed, are not lost when the
     * instance dies before the batch runs: the buffer store's changelog was committed in the same
     * transaction as those offsets, and the restarted instance restores and runs them.
     */
    @Test
    void bufferedRecordsWhoseOffsetsAreCommittedSurviveAKill(@TempDir Path state) throws Exception {
        SedstreamConfig c = config("buffered", state, Map.of());
        int n = 40;
        List<String> ids = produceGalaxies(c, 0, n);
        // A batch larger than the input and a linger of an hour: nothing is inferred, everything is buffered.
        Process first = startChild(c, state, 0, "inference.batch.size=1000", "inference.batch.linger.ms=3600000");
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long committed = 0;
            try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
                while (committed < n && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    committed = admin.listConsumerGroupOffsets(c.applicationId()).partitionsToOffsetAndMetadata().get()
                            .values().stream().filter(java.util.Objects::nonNull).mapToLong(o -> o.offset()).sum();
                }
            }
            assertEquals(n, committed, "the first instance committed every input offset");
            // The offsets were committed in transactions that wrote only the buffer's changelog: the
            // posterior topic has never been written to.
            assertEquals(0, KafkaTestClients.endOffsets(kafka.bootstrapServers(), c.topicPosteriors(), PARTITIONS), "no batch has run yet");
        } finally {
            first.destroyForcibly().waitFor();
        }
        Process second = startChild(c, state, 1, "inference.batch.linger.ms=50");
        try {
            List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(kafka.bootstrapServers(), c.topicPosteriors(),
                    PARTITIONS, rs -> rs.size() >= n, Duration.ofSeconds(2), Duration.ofMinutes(2));
            Map<String, Long> byKey = out.stream().collect(Collectors.groupingBy(KafkaTestClients::key, Collectors.counting()));
            assertEquals(new java.util.HashSet<>(ids), byKey.keySet(), "every buffered record was restored and run");
            assertEquals(n, out.size(), "none duplicated");
        } finally {
            second.destroy();
            assertTrue(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "SIGTERM ends the service within the timeout");
        }
        assertEquals(0, second.exitValue(), "exit status after SIGTERM (child log: " + childLog(state, 1) + ")");
    }

    private static Path childLog(Path state, int index) {
        return state.resolve("child-" + index + ".log");
    }

    private static Process startChild(SedstreamConfig c, Path state, int index, String... settings) throws Exception {
        Path log = childLog(state, index);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.sedstream.streams.cli.SedstreamCli", "run",
                "--bootstrap-servers", kafka.bootstrapServers(), "--application-id", c.applicationId(),
                "--model", FixtureModels.defaultBundle().toString(),
                "--topic-in", c.topicPhotometry(), "--topic-out", c.topicPosteriors(), "--topic-dlq", c.topicDlq(),
                "--http-port", "-1", "--set", "state.dir=" + state.resolve("child-state"), "--set", "commit.interval.ms=100",
                // A dead member must leave the group quickly for the restart to get its partitions.
                "--set", "kafka.session.timeout.ms=6000", "--set", "kafka.heartbeat.interval.ms=1000"));
        for (String s : settings) {
            cmd.add("--set");
            cmd.add(s);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
