package io.sedstream.streams.app;

import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.PhotometryEstimator;
import io.sedstream.streams.metrics.KafkaClientMetrics;
import io.sedstream.streams.metrics.OpsServer;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.topology.PosteriorTopology;
import io.sedstream.streams.topology.StreamsConfigFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running posterior service: the Kafka Streams client, its metrics and the HTTP surface.
 * {@code sedstream run} stops it on SIGTERM/SIGINT through {@link #stopOnSignals()} and exits with
 * the outcome of {@link #close(Duration)}.
 */
public final class PosteriorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PosteriorService.class);

    private final SedstreamConfig config;
    private final KafkaStreams streams;
    private final OpsServer ops;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicReference<Boolean> closeOutcome = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean stopRequested;
    private final StreamMetrics metrics;
    private final KafkaClientMetrics kafkaMetrics;

    private PosteriorService(SedstreamConfig config, KafkaStreams streams, OpsServer ops, StreamMetrics metrics,
                             KafkaClientMetrics kafkaMetrics) {
        this.config = config;
        this.streams = streams;
        this.ops = ops;
        this.metrics = metrics;
        this.kafkaMetrics = kafkaMetrics;
    }

    /** The Streams client's own metrics (consumers, producers, threads, tasks), as /metrics exports a selection of them. */
    public java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> kafkaMetrics() {
        return streams.metrics();
    }

    /** The schema store the configuration asks for: built-in, plus schemas.dir and schemas.confluent.map. */
    public static SchemaStore schemaStore(SedstreamConfig config) {
        SchemaStore s = SchemaStore.builtIn();
        if (config.schemasDir().isPresent()) {
            s = s.withDirectory(config.schemasDir().get());
        }
        if (config.confluentSchemaMap().isPresent()) {
            s = s.withConfluentMap(config.confluentSchemaMap().get());
        }
        return s;
    }

    /** The topology this service runs without comparison (also what tests drive). */
    public static Topology topology(SedstreamConfig config, PhotometryEstimator estimator, SchemaStore schemas, StreamMetrics metrics) {
        return topology(config, estimator, null, schemas, metrics);
    }

    /** The topology this service runs; {@code comparison} null = no model comparison. */
    public static Topology topology(SedstreamConfig config, PhotometryEstimator estimator, ComparisonModels comparison, SchemaStore schemas,
                                    StreamMetrics metrics) {
        return PosteriorTopology.buildTopology(config, estimator, comparison, schemas, metrics,
                PosteriorTopology.deadLetterRouter(config, schemas, metrics));
    }

    /** Streams properties including the dead-letter router for the exception handlers. */
    public static Properties properties(SedstreamConfig config, SchemaStore schemas, StreamMetrics metrics) {
        return StreamsConfigFactory.streamsProperties(config, PosteriorTopology.deadLetterRouter(config, schemas, metrics));
    }

    /** Builds and starts the service without model comparison. */
    public static PosteriorService start(SedstreamConfig config, PhotometryEstimator estimator, StreamMetrics metrics) throws IOException {
        return start(config, estimator, null, metrics);
    }

    /**
     * Builds and starts the service; returns once Streams is starting (not yet RUNNING).
     *
     * @param comparison the second model and evidence network (the caller closes them), or null: no comparison
     */
    public static PosteriorService start(SedstreamConfig config, PhotometryEstimator estimator, ComparisonModels comparison,
                                         StreamMetrics metrics) throws IOException {
        SchemaStore schemas = schemaStore(config);
        ModelLabel.register(metrics, estimator.model());
        if (comparison != null) {
            ModelLabel.register(metrics, comparison);
        }
        Topology topology = topology(config, estimator, comparison, schemas, metrics);
        KafkaStreams streams = new KafkaStreams(topology, properties(config, schemas, metrics));
        PosteriorService[] self = new PosteriorService[1];
        streams.setStateListener((now, before) -> {
            metrics.streamsRunning(now == KafkaStreams.State.RUNNING);
            LOG.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                if (self[0] != null) {
                    self[0].stopped.countDown();
                }
            }
        });
        streams.setGlobalStateRestoreListener(metrics.restoreListener(storeNames(topology)));
        KafkaClientMetrics kafkaMetrics = new KafkaClientMetrics(streams::metrics);
        metrics.registry().register(kafkaMetrics);
        streams.setUncaughtExceptionHandler(e -> {
            // Only unrecoverable errors reach here (bad records go to the dead-letter topic); stop rather than loop.
            LOG.error("unrecoverable error in Kafka Streams; shutting the client down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        OpsServer ops = config.httpPort() >= 0 ? OpsServer.start(config.httpPort(), metrics, streams::state) : null;
        PosteriorService service = new PosteriorService(config, streams, ops, metrics, kafkaMetrics);
        self[0] = service;
        streams.start();
        return service;
    }

    /** The state stores of a topology (their restore counters start at 0, so dashboards see them before any restore). */
    static java.util.Set<String> storeNames(Topology topology) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (var sub : topology.describe().subtopologies()) {
            for (var node : sub.nodes()) {
                if (node instanceof org.apache.kafka.streams.TopologyDescription.Processor p) {
                    names.addAll(p.stores());
                }
            }
        }
        return names;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The HTTP port of /metrics and /health, or -1 when disabled. */
    public int httpPort() {
        return ops == null ? -1 : ops.port();
    }

    /** Waits until Streams reaches RUNNING; false on timeout or if it failed. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_ERROR) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Blocks until Streams stops (error or close). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * SIGTERM and SIGINT request a stop: {@link #awaitStopped()} returns and the caller closes the service
     * and exits with its outcome (0 clean, 1 not), which a JVM shutdown hook could not do (the JVM's
     * status after a signal is fixed at 128+signal). A shutdown hook remains for any other way the JVM
     * exits, so Streams is closed whatever happens.
     */
    public PosteriorService stopOnSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                LOG.info("SIG{} received; stopping", signal.getName());
                stopRequested = true;
                stopped.countDown();
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(Duration.ofMillis(config.shutdownTimeoutMs())), "sedstream-shutdown"));
        return this;
    }

    /** Whether a signal asked the service to stop (as opposed to Streams stopping by itself). */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Closes Streams, committing what was processed, then the HTTP server. Idempotent: a second call
     * (the shutdown hook after the command's own close) returns the first call's outcome.
     */
    public synchronized boolean close(Duration timeout) {
        if (closeOutcome.get() != null) {
            return closeOutcome.get();
        }
        LOG.info("closing Kafka Streams (timeout {} ms)", timeout.toMillis());
        boolean clean = streams.close(timeout);
        if (clean) {
            LOG.info("Kafka Streams closed cleanly (state {})", streams.state());
        } else {
            LOG.warn("Kafka Streams did not close within {}; uncommitted work will be reprocessed on restart (exactly-once)", timeout);
        }
        if (ops != null) {
            ops.close();
        }
        metrics.registry().unregister(kafkaMetrics); // a later service in this process registers its own client's
        closeOutcome.set(clean);
        stopped.countDown();
        return clean;
    }

    @Override
    public void close() {
        close(Duration.ofMillis(config.shutdownTimeoutMs()));
    }
}
