package io.sedstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sedstream.streams.config.ConfigKey;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.testing.ConfigSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm/sedstream: {@code helm lint --strict} and {@code helm template} (helm-java, the real Helm library),
 * the rendered manifests parsed as typed Kubernetes objects, for a minimal and a production values file,
 * and the application's configuration validator run on the environment the chart gives the container.
 */
class HelmChartTest {

    private static final Path CHART = Tools.repo().resolve("helm/sedstream");
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    static List<HasMetadata> render(Path values) {
        var template = new Helm(CHART).template().withName("sedstream").withNamespace("survey");
        if (values != null) {
            template = template.withValuesFile(values);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : template.call().split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                objects.add(K8S.unmarshal(doc, HasMetadata.class));
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static GenericKubernetesResource ofKind(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(GenericKubernetesResource.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    /** The container's plain environment; a secret-backed variable stands as its reference. */
    static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue() != null ? e.getValue()
                    : "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey());
        }
        return env;
    }

    @Test
    void helmLintStrictPasses() {
        LintResult r = new Helm(CHART).lint().strict().call();
        assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
    }

    @Test
    void theMinimalValuesRenderADeploymentWithProbesResourcesAndAValidConfiguration() throws Exception {
        List<HasMetadata> objects = render(Tools.repo().resolve("helm/values-minimal.yaml"));
        assertEquals(List.of("Deployment", "PodDisruptionBudget", "Service"),
                objects.stream().map(HasMetadata::getKind).sorted().toList(), "nothing that needs an operator");
        Deployment d = ofType(objects, Deployment.class).get(0);
        assertEquals(1, d.getSpec().getReplicas());
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertEquals("/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(new Quantity("1536Mi"), c.getResources().getLimits().get("memory"));
        assertTrue(env(c).get("JAVA_OPTS").contains("-XX:MaxRAMPercentage=75"), env(c).toString());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());

        SedstreamConfig config = ContainerEnv.validate(env(c));
        assertEquals("kafka.kafka.svc:9092", config.bootstrapServers());
        assertTrue(pod.getTerminationGracePeriodSeconds() * 1000 > config.shutdownTimeoutMs(), "grace above shutdown.timeout.ms");
        assertTrue(config.modelDir().isEmpty() && ContainerEnv.isBundle(config.modelsRoot().resolve("default/1.2.0")),
                "the newest default bundle of the image's models root is served");
        Service s = ofType(objects, Service.class).get(0);
        assertEquals(config.httpPort(), s.getSpec().getPorts().get(0).getPort());
        assertEquals(1, ofType(objects, PodDisruptionBudget.class).get(0).getSpec().getMaxUnavailable().getIntVal());
    }

    @Test
    void theProductionValuesRenderSaslTlsPersistenceKedaAndAPodMonitor() throws Exception {
        List<HasMetadata> objects = render(Tools.repo().resolve("helm/values-production.yaml"));
        assertTrue(ofType(objects, Deployment.class).isEmpty(), "stateful: no Deployment");
        StatefulSet sts = ofType(objects, StatefulSet.class).get(0);
        assertEquals("state", sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals(new Quantity("10Gi"), sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"));
        assertEquals(null, sts.getSpec().getReplicas(), "KEDA owns the replica count");
        Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("state") && m.getMountPath().equals("/var/lib/sedstream/state")));
        Map<String, String> env = env(c);
        assertEquals("secret:sedstream/password", env.get("SASL_PASSWORD"), "the password comes from the KafkaUser secret");
        assertTrue(env.get("SEDSTREAM_KAFKA_SASL_JAAS_CONFIG").contains("ScramLoginModule required username=\"sedstream\" password=\"$(SASL_PASSWORD)\""));

        SedstreamConfig config = ContainerEnv.validate(env);
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/sedstream/kafka-ca/ca.crt", "num.standby.replicas", "1", "replication.factor", "3",
                "producer.acks", "all", "sasl.jaas.config", env.get("SEDSTREAM_KAFKA_SASL_JAAS_CONFIG")), config.kafka());
        assertTrue(config.comparison().enabled() && ContainerEnv.isBundle(config.comparison().evidenceDir().orElseThrow()));
        assertTrue(ContainerEnv.isBundle(config.modelDir().orElseThrow()));
        assertTrue(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() * 1000 > config.shutdownTimeoutMs());

        GenericKubernetesResource scaled = ofKind(objects, "ScaledObject");
        Map<String, Object> spec = scaled.get("spec");
        assertEquals("StatefulSet", ((Map<?, ?>) spec.get("scaleTargetRef")).get("kind"));
        int maxReplicas = ((Number) spec.get("maxReplicaCount")).intValue();
        assertTrue(maxReplicas <= 12, "max replicas <= the 12 input partitions");
        Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec.get("triggers")).get(0);
        assertEquals("kafka", trigger.get("type"));
        Map<?, ?> meta = (Map<?, ?>) trigger.get("metadata");
        assertEquals(config.applicationId(), meta.get("consumerGroup"), "Kafka Streams' consumer group is its application.id");
        assertEquals(config.topicPhotometry(), meta.get("topic"));
        assertEquals(config.bootstrapServers(), meta.get("bootstrapServers"));
        GenericKubernetesResource auth = ofKind(objects, "TriggerAuthentication");
        List<?> refs = (List<?>) ((Map<?, ?>) auth.get("spec")).get("secretTargetRef");
        assertEquals(List.of("sasl", "tls", "username", "password", "ca"), refs.stream().map(r -> ((Map<?, ?>) r).get("parameter")).toList());
        io.fabric8.kubernetes.api.model.Secret kedaSecret = ofType(objects, io.fabric8.kubernetes.api.model.Secret.class).get(0);
        assertEquals("scram_sha512", kedaSecret.getStringData().get("sasl"), "KEDA's spelling of the mechanism");
        assertEquals("enable", kedaSecret.getStringData().get("tls"));
        GenericKubernetesResource podMonitor = ofKind(objects, "PodMonitor");
        assertEquals("prometheus", podMonitor.getMetadata().getLabels().get("release"));
        GenericKubernetesResource rule = ofKind(objects, "PrometheusRule");
        List<?> rules = (List<?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) rule.get("spec")).get("groups")).get(0)).get("rules");
        assertEquals(AlertRulesTest.alertNames(), new java.util.TreeSet<>(rules.stream().map(r -> (String) ((Map<?, ?>) r).get("alert")).toList()),
                "the PrometheusRule carries every alert of files/alerts.yml");
        io.fabric8.kubernetes.api.model.ConfigMap dashboard = ofType(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).get(0);
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        assertEquals(Files.readString(Tools.repo().resolve("helm/sedstream/files/dashboard.json")), dashboard.getData().get("sedstream.json"));
    }

    @Test
    void everyConfigurationKeyIsSettableFromValuesAndReachesTheContainerAsItsVariable(@TempDir Path dir) throws Exception {
        Map<String, String> every = ConfigSamples.everyKeyOffDefault(dir);
        StringBuilder values = new StringBuilder("config:\n");
        every.forEach((k, v) -> {
            if (!k.startsWith("kafka.") && !k.equals("bootstrap.servers") && !k.equals("http.port") && !k.equals("state.dir")) {
                values.append("  ").append(k).append(": \"").append(v).append("\"\n");
            }
        });
        values.append("terminationGracePeriodSeconds: 60\nkafka:\n  bootstrapServers: ").append(every.get("bootstrap.servers"))
                .append("\n  extra:\n    consumer.max.poll.records: \"123\"\nhttpPort: ").append(every.get("http.port")).append('\n');
        Path file = Files.writeString(dir.resolve("every-key.yaml"), values);
        Container c = ofType(render(file), Deployment.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = env(c);
        for (ConfigKey k : ConfigKey.values()) {
            String expected = k == ConfigKey.STATE_DIR ? "/var/lib/sedstream/state" : every.get(k.key());
            assertEquals(expected, env.get(k.envVar()), k.key() + " as " + k.envVar());
        }
        assertEquals("123", env.get("SEDSTREAM_KAFKA_CONSUMER_MAX_POLL_RECORDS"));
        assertEquals(1, c.getEnv().stream().filter(e -> e.getName().equals(ConfigKey.STATE_DIR.envVar())).count(), "set once");
        SedstreamConfig config = SedstreamConfig.load(null, env, Map.of());
        assertEquals(12345L, config.shutdownTimeoutMs());
    }

    @Test
    void theChartRefusesMoreReplicasThanPartitionsAndAGraceBelowTheShutdownTimeout(@TempDir Path dir) throws Exception {
        Path tooMany = Files.writeString(dir.resolve("too-many.yaml"), "kafka:\n  inputPartitions: 4\nautoscaling:\n  enabled: true\n  maxReplicas: 6\n");
        Exception e = assertThrows(Exception.class, () -> render(tooMany));
        assertTrue(e.getMessage().contains("autoscaling.maxReplicas (6) exceeds kafka.inputPartitions (4)"), e.getMessage());
        Path shortGrace = Files.writeString(dir.resolve("short-grace.yaml"), "terminationGracePeriodSeconds: 20\n");
        Exception g = assertThrows(Exception.class, () -> render(shortGrace));
        assertTrue(g.getMessage().contains("must exceed config shutdown.timeout.ms (30000 ms)"), g.getMessage());
        Path stateDir = Files.writeString(dir.resolve("state-dir.yaml"), "config:\n  state.dir: /elsewhere\n");
        assertTrue(assertThrows(Exception.class, () -> render(stateDir)).getMessage().contains("config.state.dir is the chart's"));
    }
}
