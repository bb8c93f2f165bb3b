package io.sedstream.streams.cli;

import io.sedstream.streams.app.BrokerCheck;
import io.sedstream.streams.app.ModelLocator;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves posteriors from a running Kafka cluster until SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the posterior topology against a Kafka cluster until SIGTERM (graceful shutdown).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--create-topics", paramLabel = "PARTITIONS",
            description = "Create the input, posterior, dead-letter (and, with comparison on, model-comparison) topics with this many "
                    + "partitions if missing (replication 1).")
    Integer createTopics;

    @Option(names = "--broker-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait at start for the cluster to answer before exiting with an error (> 0). Default: ${DEFAULT-VALUE}")
    int brokerTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        SedstreamConfig config = options.load();
        if (brokerTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("--broker-timeout must be > 0 seconds, got " + brokerTimeoutSeconds);
        }
        Path modelDir = config.modelDir().map(ModelLocator::explicit)
                .or(() -> ModelLocator.newestTrained(config.modelsRoot()))
                .orElseThrow(() -> new IllegalArgumentException("no model: pass --model DIR (or set model.dir / SEDSTREAM_MODEL_DIR), "
                        + "or ship a trained bundle as " + config.modelsRoot().resolve("default/<version>/manifest.json")));
        StreamMetrics metrics = StreamMetrics.withJvmMetrics();
        try (BundleEstimator estimator = BundleEstimator.load(modelDir);
             ComparisonModels comparison = config.comparison().enabled() ? ComparisonModels.load(config, estimator.model()) : null) {
            System.err.println("sedstream run: model " + estimator.model().label() + " from " + modelDir.toAbsolutePath());
            if (comparison != null) {
                System.err.println("sedstream run: model comparison " + comparison.label() + " -> " + config.comparison().topic());
            }
            // After the models (their errors need no cluster), before anything that talks to the cluster.
            int brokers = BrokerCheck.awaitReachable(config, Duration.ofSeconds(brokerTimeoutSeconds));
            System.err.println("sedstream run: cluster at " + config.bootstrapServers() + " answered (" + brokers + " broker"
                    + (brokers == 1 ? "" : "s") + ")");
            if (createTopics != null) {
                createTopics(config, createTopics);
            }
            PosteriorService service = PosteriorService.start(config, estimator, comparison, metrics).stopOnSignals();
            System.err.println("sedstream run: " + config.topicPhotometry() + " -> " + config.topicPosteriors() + " (dead letters -> "
                    + config.topicDlq() + ") on " + config.bootstrapServers()
                    + (service.httpPort() >= 0 ? "; http://localhost:" + service.httpPort() + "/metrics and /health" : ""));
            service.awaitStopped();
            boolean failed = service.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR;
            boolean clean = service.close(Duration.ofMillis(config.shutdownTimeoutMs()));
            if (failed || !clean) {
                System.err.println("sedstream run: " + (failed ? "Kafka Streams failed (state ERROR); see the log above"
                        : "Kafka Streams did not close within shutdown.timeout.ms=" + config.shutdownTimeoutMs()
                          + "; uncommitted work will be reprocessed on restart"));
                return 1;
            }
            System.err.println("sedstream run: stopped" + (service.stopRequested() ? " on signal" : "") + ", Kafka Streams closed cleanly");
            return 0;
        }
    }

    static void createTopics(SedstreamConfig config, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.bootstrapServers());
        config.adminClientSettings().forEach(p::put);
        try (Admin admin = Admin.create(p)) {
            java.util.List<String> topics = new java.util.ArrayList<>(java.util.List.of(config.topicPhotometry(), config.topicPosteriors(),
                    config.topicDlq()));
            if (config.comparison().enabled()) {
                topics.add(config.comparison().topic());
            }
            for (String t : topics) {
                try {
                    admin.createTopics(java.util.List.of(new NewTopic(t, partitions, (short) 1))).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
