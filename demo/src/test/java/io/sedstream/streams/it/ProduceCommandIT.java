package io.sedstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.streams.broker.EmbeddedKafka;
import io.sedstream.streams.cli.ProduceCommand;
import io.sedstream.streams.cli.SedstreamCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sedstream produce} against a real broker: it says what was and was not delivered, and why. */
class ProduceCommandIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private record Run(int exit, String err) { }

    private static Run produce(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            var cl = SedstreamCli.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            List<String> all = new java.util.ArrayList<>(List.of("produce", "--bootstrap-servers", kafka.bootstrapServers()));
            all.addAll(List.of(args));
            int exit = cl.execute(all.toArray(String[]::new));
            return new Run(exit, err + captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    private static Path catalogue(Path dir, List<String> ids) throws Exception {
        StringBuilder csv = new StringBuilder("id");
        for (String b : FixtureBundleWriter.JADES_GS_14) {
            csv.append(',').append(b).append("_flux,").append(b).append("_err");
        }
        csv.append('\n');
        for (String id : ids) {
            csv.append(id).append(",20.0,2.0".repeat(FixtureBundleWriter.JADES_GS_14.size())).append('\n');
        }
        Path f = dir.resolve("cat.csv");
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void aMissingTopicIsNamedAndNothingIsClaimed(@TempDir Path dir) throws Exception {
        Path cat = catalogue(dir, List.of("a", "b"));
        long t0 = System.nanoTime();
        Run r = produce("--topic", "no-such-topic", "--input", cat.toString(), "--timeout-ms", "5000");
        assertEquals(ProduceCommand.EXIT_NOT_DELIVERED, r.exit(), r.err());
        assertTrue(r.err().contains("topic 'no-such-topic' does not exist") && r.err().contains("nothing was sent"), r.err());
        // Not a timing assertion on speed: the command must not have waited out the producer's 60 s default.
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60), "bounded by --timeout-ms");
    }

    @Test
    void recordsOverTheTopicsSizeLimitAreCountedAndNamedTheRestDelivered(@TempDir Path dir) throws Exception {
        String topic = "small-records";
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
                    .all().get(60, TimeUnit.SECONDS);
        }
        String huge1 = "big-" + "x".repeat(3000);
        String huge2 = "big-" + "y".repeat(3000);
        Path cat = catalogue(dir, List.of("ok-1", huge1, "ok-2", huge2, "ok-3"));
        Files.writeString(cat, "bad,1\n", java.nio.file.StandardOpenOption.APPEND); // a short row: not sendable

        Run r = produce("--topic", topic, "--input", cat.toString(), "--timeout-ms", "10000");
        assertEquals(ProduceCommand.EXIT_NOT_DELIVERED, r.exit(), r.err());
        assertTrue(r.err().contains("6 rows read from " + cat + ": 3 delivered to 'small-records', 3 not delivered"), r.err());
        assertTrue(r.err().contains("RecordTooLargeException=2") && r.err().contains("BAD_ROW=1"), r.err());
        assertTrue(r.err().contains("row 2 id '" + huge1 + "' not delivered: RecordTooLargeException"), r.err());

        List<ConsumerRecord<byte[], byte[]>> got = KafkaTestClients.readCommitted(kafka.bootstrapServers(), topic, 1,
                rs -> rs.size() >= 3, Duration.ofMillis(500), Duration.ofSeconds(30));
        assertEquals(Set.of("ok-1", "ok-2", "ok-3"), got.stream().map(KafkaTestClients::key).collect(Collectors.toSet()));
        assertEquals(3, got.size());
    }

    @Test
    void everyRowDeliveredExitsZero(@TempDir Path dir) throws Exception {
        kafka.createTopics(2, "all-good");
        Path cat = catalogue(dir, List.of("g-1", "g-2", "g-3", "g-4"));
        Run r = produce("--topic", "all-good", "--input", cat.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("4 rows read from " + cat + ": 4 delivered to 'all-good', 0 not delivered"), r.err());
        assertEquals(4, KafkaTestClients.readCommitted(kafka.bootstrapServers(), "all-good", 2, rs -> rs.size() >= 4,
                Duration.ofMillis(500), Duration.ofSeconds(30)).size());
    }
}
