package io.sedstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sedstream.streams.config.SedstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: valid for docker-compose (no engine needed), wired as the README says, its SEDSTREAM_* accepted by the app. */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The file as docker-compose resolves it ({@code docker-compose config}). */
    static JsonNode resolved() throws Exception {
        Path compose = Tools.require("docker-compose", "docker-compose");
        Tools.Result r = Tools.run(Tools.repo(), List.of(compose.toString(), "-f", "docker-compose.yml", "config"));
        assertEquals(0, r.exit(), "docker-compose config:\n" + r.output());
        return YAML.readTree(r.output());
    }

    @Test
    void dockerComposeAcceptsTheFileAndItHoldsBrokerServicePrometheusAndGrafana() throws Exception {
        JsonNode services = resolved().get("services");
        for (String s : List.of("kafka", "sedstream", "prometheus", "grafana")) {
            assertTrue(services.has(s), "service " + s);
        }
        assertEquals("broker,controller", services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText(), "a KRaft broker, no ZooKeeper");
        assertEquals("run", services.at("/sedstream/command/0").asText());
        // Every file the stack mounts is in the repository (resolved to absolute host paths by docker-compose).
        for (String s : List.of("prometheus", "grafana")) {
            for (JsonNode v : services.get(s).get("volumes")) {
                String source = v.isTextual() ? v.asText().split(":")[0] : v.get("source").asText();
                assertTrue(Files.exists(Path.of(source)), s + " mounts " + source);
            }
        }
        String prometheusYml = Files.readString(Tools.repo().resolve("ops/prometheus/prometheus.yml"));
        assertTrue(prometheusYml.contains("sedstream:" + services.at("/sedstream/environment/SEDSTREAM_HTTP_PORT").asText()),
                "Prometheus scrapes the service's http.port");
        assertTrue(prometheusYml.contains("/etc/prometheus/alerts.yml"), "with the alert rules");
    }

    @Test
    void everySedstreamVariableItSetsIsAcceptedByTheConfigurationValidator() throws Exception {
        Map<String, String> env = new TreeMap<>();
        resolved().at("/services/sedstream/environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertTrue(env.keySet().stream().filter(k -> k.startsWith("SEDSTREAM_")).count() >= 8, env.toString());
        SedstreamConfig c = ContainerEnv.validate(env);
        assertEquals("kafka:9092", c.bootstrapServers());
        assertTrue(c.comparison().enabled());
        assertTrue(ContainerEnv.isBundle(c.modelDir().orElseThrow()), "model.dir names a shipped bundle");
        assertTrue(ContainerEnv.isBundle(c.comparison().model2Dir().orElseThrow()));
        assertTrue(ContainerEnv.isBundle(c.comparison().evidenceDir().orElseThrow()));
        JsonNode grace = resolved().at("/services/sedstream/stop_grace_period");
        assertTrue(parseSeconds(grace.asText()) * 1000 > c.shutdownTimeoutMs(), "stop_grace_period above shutdown.timeout.ms: " + grace);
    }

    private static long parseSeconds(String duration) {
        if (duration.endsWith("m")) {
            return 60L * Long.parseLong(duration.substring(0, duration.length() - 1));
        }
        return Long.parseLong(duration.replace("s", ""));
    }
}
