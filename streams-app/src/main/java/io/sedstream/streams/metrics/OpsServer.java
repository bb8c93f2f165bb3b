package io.sedstream.streams.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.sedstream.streams.json.JsonLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The HTTP surface: {@code /metrics} (Prometheus text format), {@code /health} (200 while live, with
 * the Streams state), {@code /health/live} and {@code /health/ready} (200 only while RUNNING, for a
 * readiness probe).
 */
public final class OpsServer implements AutoCloseable {

    private final HTTPServer server;

    private OpsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * @param port  0 = any free port
     * @param state the current Kafka Streams state (null before it is created)
     */
    public static OpsServer start(int port, StreamMetrics metrics, Supplier<KafkaStreams.State> state) throws IOException {
        HTTPServer s = HTTPServer.builder()
                .port(port)
                .registry(metrics.registry())
                .metricsHandlerPath("/metrics")
                .defaultHandler(exchange -> handle(exchange, state))
                .buildAndStart();
        return new OpsServer(s);
    }

    public int port() {
        return server.getPort();
    }

    /** Live = the Streams client exists and has not died; ready = it is processing. */
    static boolean live(KafkaStreams.State s) {
        return s != null && s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR;
    }

    static boolean ready(KafkaStreams.State s) {
        return s == KafkaStreams.State.RUNNING;
    }

    /** The health body: {"live": .., "ready": .., "state": ".."} and a newline. */
    static String health(KafkaStreams.State s) {
        ObjectNode body = JsonLine.object();
        body.put("live", live(s));
        body.put("ready", ready(s));
        body.put("state", String.valueOf(s));
        return JsonLine.write(body) + "\n";
    }

    private static void handle(HttpExchange ex, Supplier<KafkaStreams.State> state) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            KafkaStreams.State s = state.get();
            int code;
            String body;
            switch (path) {
                case "/health", "/health/live" -> {
                    code = live(s) ? 200 : 503;
                    body = health(s);
                }
                case "/health/ready" -> {
                    code = ready(s) ? 200 : 503;
                    body = health(s);
                }
                default -> {
                    code = 404;
                    body = "not found: " + path + " (try /metrics, /health, /health/live, /health/ready)\n";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", code == 404 ? "text/plain" : "application/json");
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
