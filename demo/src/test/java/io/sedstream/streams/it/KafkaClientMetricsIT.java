package io.sedstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.broker.EmbeddedKafka;
import io.sedstream.streams.catalogue.SampleGalaxies;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.testing.FixtureModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka Streams and client metrics on /metrics of a service running on a real broker. */
class KafkaClientMetricsIT {

    @Test
    void metricsCarryLagPerPartitionProcessAndCommitRatesRebalancesTransactionsAndRestore(@TempDir Path state) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BundleEstimator estimator = BundleEstimator.load(FixtureModels.defaultBundle())) {
            SedstreamConfig c = SedstreamConfig.load(null, Map.of(), Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", "it-kafka-metrics", "topic.photometry", "km-in", "topic.posteriors", "km-out", "topic.dlq", "km-dlq",
                    "state.dir", state.toString(), "http.port", "0", "commit.interval.ms", "100"));
            kafka.createTopics(2, "km-in", "km-out", "km-dlq");
            AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, SchemaStore.builtIn());
            SampleGalaxies galaxies = new SampleGalaxies(FixtureBundleWriter.JADES_GS_14, 5);
            StreamMetrics metrics = new StreamMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry());
            try (PosteriorService service = PosteriorService.start(c, estimator, metrics)) {
                try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(kafka.bootstrapServers())) {
                    for (int i = 0; i < 2000; i++) {
                        PhotometryRecord g = galaxies.galaxy(i, Instant.now());
                        KafkaTestClients.send(p, "km-in", g.getObjectId(), codec.encode(g));
                    }
                }
                KafkaTestClients.readCommitted(kafka.bootstrapServers(), "km-out", 2, rs -> rs.size() >= 2000, Duration.ofSeconds(1),
                        Duration.ofMinutes(2));
                String text = "";
                // The lag gauges appear once the consumer has fetched from each partition; scrape until they are there.
                for (int attempt = 0; attempt < 100 && !(text.contains("topic=\"km-in\"") && text.contains("sedstream_kafka_stream_thread_commit_total")); attempt++) {
                    Thread.sleep(200);
                    text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.httpPort() + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                }
                Matcher lag = Pattern.compile("sedstream_kafka_consumer_fetch_manager_records_lag\\{[^}]*partition=\"(\\d)\"[^}]*topic=\"km-in\"[^}]*} (\\S+)")
                        .matcher(text);
                TreeSet<String> lagPartitions = new TreeSet<>();
                while (lag.find()) {
                    lagPartitions.add(lag.group(1));
                }
                assertTrue(lagPartitions.containsAll(java.util.List.of("0", "1")), "lag of both input partitions:\n" + text);
                for (String name : new String[] {"sedstream_kafka_stream_thread_process_rate{", "sedstream_kafka_stream_thread_process_latency_avg{",
                        "sedstream_kafka_stream_thread_commit_total{", "sedstream_kafka_stream_thread_commit_latency_avg{",
                        "sedstream_kafka_consumer_coordinator_rebalance_total{", "sedstream_kafka_producer_txn_commit_time_ns_total{",
                        "sedstream_kafka_producer_txn_abort_time_ns_total{", "sedstream_kafka_stream_alive_stream_threads{",
                        "sedstream_kafka_stream_task_restore_remaining_records_total{", "sedstream_kafka_stream_state_updater_active_restoring_tasks{",
                        "sedstream_state_restoring_stores "}) {
                    assertTrue(text.contains(name), name + " missing from /metrics");
                }
                assertTrue(value(text, "sedstream_kafka_stream_thread_commit_total") > 0, "commits counted");
                assertTrue(value(text, "sedstream_kafka_consumer_coordinator_rebalance_total") >= 1, "the first rebalance counted");
                assertTrue(value(text, "sedstream_kafka_producer_txn_commit_time_ns_total") > 0, "transactions committed");
                assertTrue(value(text, "sedstream_kafka_stream_thread_process_total") >= 2000, "every record processed");
            }
            // A second instance on an empty state directory rebuilds the batch buffer from its changelog: the restore is counted.
            SedstreamConfig fresh = c.with(Map.of("state.dir", state.resolve("fresh").toString()));
            StreamMetrics metrics2 = new StreamMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry());
            try (PosteriorService second = PosteriorService.start(fresh, estimator, metrics2)) {
                assertTrue(second.awaitRunning(Duration.ofSeconds(60)), "the second instance runs");
                String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + second.httpPort() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(value(text, "sedstream_state_restored_records_total") > 0, "changelog records restored:\n" + text.lines()
                        .filter(l -> l.startsWith("sedstream_state")).toList());
                assertEquals(0, value(text, "sedstream_state_restoring_stores"), "and the restore ended");
            }
        }
    }

    /** Sum of every sample of {@code name}. */
    static double value(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
