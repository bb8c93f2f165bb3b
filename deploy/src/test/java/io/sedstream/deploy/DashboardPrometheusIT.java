package io.sedstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.broker.EmbeddedKafka;
import io.sedstream.streams.catalogue.PoisonPills;
import io.sedstream.streams.catalogue.SampleGalaxies;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.testing.FixtureModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (the Debian package) scrapes a pipeline running on the embedded broker, with the
 * alert rules loaded, and every query of the Grafana dashboard is evaluated through its HTTP API: each
 * must return at least one series with a finite value, or the panel would be empty in production.
 */
class DashboardPrometheusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What Grafana's $__rate_interval becomes here: four 1 s scrapes at least, well inside the producing window. */
    private static final String RATE_INTERVAL = "15s";

    /** Every PromQL expression of the dashboard, in panel order. */
    static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(Tools.repo().resolve("helm/sedstream/files/dashboard.json").toFile()).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asText());
            }
        }
        return queries;
    }

    @Test
    void everyDashboardQueryReturnsDataFromAPrometheusScrapingTheRunningPipeline(@TempDir Path tmp) throws Exception {
        Path prometheus = Tools.require("prometheus", "prometheus");
        List<String> queries = dashboardQueries();
        assertTrue(queries.size() >= 20, "the dashboard has its queries: " + queries.size());

        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BundleEstimator estimator = BundleEstimator.load(FixtureModels.defaultBundle())) {
            SedstreamConfig config = SedstreamConfig.load(null, Map.of(), Map.ofEntries(Map.entry("bootstrap.servers", kafka.bootstrapServers()),
                    Map.entry("application.id", "it-dashboard"), Map.entry("topic.photometry", "dash-in"), Map.entry("topic.posteriors", "dash-out"),
                    Map.entry("topic.dlq", "dash-dlq"), Map.entry("topic.model-comparison", "dash-cmp"), Map.entry("state.dir", tmp.resolve("state").toString()),
                    Map.entry("http.port", "0"), Map.entry("commit.interval.ms", "100"), Map.entry("comparison.enabled", "true"),
                    Map.entry("comparison.model2", FixtureModels.secondModelBundle().toString()),
                    Map.entry("comparison.evidence", FixtureModels.evidenceBundle().toString())));
            kafka.createTopics(2, "dash-in", "dash-out", "dash-dlq", "dash-cmp");
            try (ComparisonModels comparison = ComparisonModels.load(config, estimator.model());
                 PosteriorService service = PosteriorService.start(config, estimator, comparison, StreamMetrics.withJvmMetrics())) {
                assertTrue(service.awaitRunning(Duration.ofSeconds(60)), "Kafka Streams reaches RUNNING");
                int promPort = freePort();
                Path promConfig = tmp.resolve("prometheus.yml");
                Files.writeString(promConfig, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - "
                        + AlertRulesTest.RULES + "\nscrape_configs:\n  - job_name: sedstream\n    static_configs:\n"
                        + "      - targets: ['localhost:" + service.httpPort() + "']\n");
                Path log = tmp.resolve("prometheus.log");
                Process prom = new ProcessBuilder(prometheus.toString(), "--config.file=" + promConfig, "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
                AtomicBoolean producing = new AtomicBoolean(true);
                Thread producer = new Thread(() -> produce(kafka.bootstrapServers(), producing), "dashboard-it-producer");
                try {
                    String api = "http://127.0.0.1:" + promPort + "/api/v1/";
                    awaitTargetUp(api, prom, log);
                    producer.start();
                    Thread.sleep(25_000); // a steady flow the 15 s rate windows see in full
                    Instant evaluateAt = Instant.now();
                    Thread.sleep(2_000); // the last scrapes before evaluateAt are in
                    producing.set(false);
                    producer.join();

                    JsonNode rules = get(api + "rules");
                    int loaded = 0;
                    for (JsonNode g : rules.at("/data/groups")) {
                        for (JsonNode r : g.get("rules")) {
                            assertEquals("ok", r.get("health").asText(), "rule " + r.get("name") + " evaluates: " + r);
                            loaded++;
                        }
                    }
                    assertEquals(AlertRulesTest.alertNames().size(), loaded, "every alert rule loaded in the real Prometheus");

                    List<String> empty = new ArrayList<>();
                    for (String q : queries) {
                        String expr = q.replace("$__rate_interval", RATE_INTERVAL);
                        JsonNode r = get(api + "query?time=" + evaluateAt.getEpochSecond() + "&query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
                        assertEquals("success", r.get("status").asText(), expr + " -> " + r);
                        boolean finite = false;
                        for (JsonNode series : r.at("/data/result")) {
                            String v = series.get("value").get(1).asText();
                            finite |= !v.equals("NaN") && !v.contains("Inf");
                        }
                        if (!finite) {
                            empty.add(expr + " -> " + r.at("/data/result"));
                        }
                    }
                    assertTrue(empty.isEmpty(), empty.size() + " of " + queries.size() + " dashboard queries returned no finite data:\n"
                            + String.join("\n", empty));
                } finally {
                    producing.set(false);
                    prom.destroy();
                    prom.waitFor();
                }
            }
        }
    }

    /** Galaxies at about 200/s (5% with specZ, the sample's own share) and one poison pill in 50, until told to stop. */
    private static void produce(String bootstrap, AtomicBoolean producing) {
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, SchemaStore.builtIn());
        SampleGalaxies galaxies = new SampleGalaxies(FixtureBundleWriter.JADES_GS_14, 3);
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; producing.get(); i++) {
                PhotometryRecord g = galaxies.galaxy(i, Instant.now());
                byte[] value = i % 50 == 49 ? PoisonPills.pill(i / 50, g, codec) : codec.encode(g);
                p.send(new ProducerRecord<>("dash-in", g.getObjectId().getBytes(StandardCharsets.UTF_8), value));
                if (i % 20 == 19) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTargetUp(String api, Process prom, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!prom.isAlive()) {
                throw new AssertionError("prometheus exited with " + prom.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                for (JsonNode t : get(api + "targets").at("/data/activeTargets")) {
                    if (t.get("health").asText().equals("up")) {
                        return;
                    }
                }
            } catch (IOException notYetListening) {
                // Prometheus is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never scraped the service:\n" + Files.readString(log));
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
