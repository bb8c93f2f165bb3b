package io.sedstream.streams.cli;

import io.sedstream.streams.config.SedstreamConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run the topology; each maps to a configuration key (see
 * {@link io.sedstream.streams.config.ConfigKey}), and {@code --set key=value} reaches every key.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with configuration keys.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key (repeatable); kafka.* passes through to Kafka.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--application-id", description = "Kafka Streams application.id.")
    String applicationId;

    @Option(names = "--model", paramLabel = "DIR", description = "Model bundle directory (model.dir).")
    Path model;

    @Option(names = "--models-root", paramLabel = "DIR", description = "Root of shipped bundles (models.root, default models).")
    Path modelsRoot;

    @Option(names = "--topic-in", description = "Input topic (topic.photometry).")
    String topicIn;

    @Option(names = "--topic-out", description = "Posterior topic (topic.posteriors).")
    String topicOut;

    @Option(names = "--topic-dlq", description = "Dead-letter topic (topic.dlq).")
    String topicDlq;

    @Option(names = "--samples", description = "Posterior draws per summary (samples.count).")
    Integer samples;

    @Option(names = "--threads", description = "Kafka Streams threads (streams.threads).")
    Integer threads;

    @Option(names = "--batch-size", description = "Records per batched ONNX call; 1 = per record (inference.batch.size).")
    Integer batchSize;

    @Option(names = "--comparison", negatable = true,
            description = "Model comparison on/off (comparison.enabled): every posterior also gets a ModelComparison. "
                    + "Default off for run and bench, on for the demo.")
    Boolean comparison;

    @Option(names = "--comparison-model2", paramLabel = "DIR", description = "Second model's NPE bundle (comparison.model2).")
    Path comparisonModel2;

    @Option(names = "--comparison-evidence", paramLabel = "DIR", description = "Evidence-network bundle (comparison.evidence).")
    Path comparisonEvidence;

    @Option(names = "--prior-odds", description = "Prior odds p(M1)/p(M2) > 0 (comparison.prior-odds, default 1).")
    Double priorOdds;

    @Option(names = "--topic-comparison", description = "ModelComparison topic (topic.model-comparison).")
    String topicComparison;

    @Option(names = "--http-port", description = "Port of /metrics and /health; 0 = any, -1 = none (http.port).")
    Integer httpPort;

    /** The flags as configuration keys. */
    Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>(set);
        put(m, "bootstrap.servers", bootstrapServers);
        put(m, "application.id", applicationId);
        put(m, "model.dir", model);
        put(m, "models.root", modelsRoot);
        put(m, "topic.photometry", topicIn);
        put(m, "topic.posteriors", topicOut);
        put(m, "topic.dlq", topicDlq);
        put(m, "samples.count", samples);
        put(m, "streams.threads", threads);
        put(m, "http.port", httpPort);
        put(m, "inference.batch.size", batchSize);
        put(m, "comparison.enabled", comparison);
        put(m, "comparison.model2", comparisonModel2);
        put(m, "comparison.evidence", comparisonEvidence);
        put(m, "comparison.prior-odds", priorOdds);
        put(m, "topic.model-comparison", topicComparison);
        return m;
    }

    /** Whether a flag, the SEDSTREAM_* environment or the --config file sets {@code key} (else its default applies). */
    boolean setsKey(String key) throws java.io.IOException {
        if (flags().containsKey(key) || System.getenv(io.sedstream.streams.config.ConfigKey.envVarOf(key)) != null) {
            return true;
        }
        if (configFile == null) {
            return false;
        }
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(configFile)) {
            p.load(r);
        }
        return p.stringPropertyNames().stream().anyMatch(n -> n.trim().equals(key));
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    /** The process configuration: defaults < file < SEDSTREAM_* environment < flags. */
    SedstreamConfig load() {
        return SedstreamConfig.load(configFile, System.getenv(), flags());
    }
}
