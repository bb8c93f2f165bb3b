package io.sedstream.streams.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key of the streaming service, defined here once with its default, meaning and
 * dedicated flag; its file name, environment variable and flag derive from this definition (the CLI
 * builds its flags from it). A key {@code a.b-c} is set, in rising precedence, by the properties file,
 * the environment variable {@code SEDSTREAM_A_B_C} and the flag {@code --set a.b-c=value} (or its
 * dedicated flag). Keys starting {@code kafka.} pass through, minus the prefix, to the Kafka clients
 * and Streams; an environment variable {@code SEDSTREAM_*} that names no key is refused, except
 * {@link #NOT_CONFIGURATION_ENV}.
 */
public enum ConfigKey {
    BOOTSTRAP_SERVERS("bootstrap.servers", "localhost:9092", "--bootstrap-servers", "Kafka bootstrap servers, host:port[,host:port]."),
    APPLICATION_ID("application.id", "sedstream-posteriors", "--application-id", "Kafka Streams application.id (consumer group, transactional id prefix, internal topic prefix)."),
    MODEL_DIR("model.dir", "", "--model", "Model bundle directory (manifest.json + ONNX). Empty = newest models/default/<version>, else an error (the demo and bench fall back to a FIXTURE bundle)."),
    MODELS_ROOT("models.root", "models", "--models-root", "Where shipped bundles live (<root>/<name>/<version>/manifest.json)."),
    TOPIC_PHOTOMETRY("topic.photometry", "photometry", "--topic-in", "Input topic of PhotometryRecord."),
    TOPIC_POSTERIORS("topic.posteriors", "posteriors", "--topic-out", "Output topic of PosteriorSummary."),
    TOPIC_DLQ("topic.dlq", "photometry-dlq", "--topic-dlq", "Dead-letter topic of DeadLetter."),
    TOPIC_MODEL_COMPARISON("topic.model-comparison", "model-comparison", "--topic-comparison", "Output topic of ModelComparison (used when comparison.enabled)."),
    COMPARISON_ENABLED("comparison.enabled", "false", "--comparison", "true = every posterior also gets a ModelComparison (second model's NPE + evidence network, same batch, same transaction). The demo turns it on unless --no-comparison."),
    COMPARISON_MODEL2("comparison.model2", "", "--comparison-model2", "Bundle directory of the second model's NPE (M2, the Bayes factor's denominator); required when comparison.enabled (the demo falls back to the newest models/delayed-tau/<version>, else a FIXTURE)."),
    COMPARISON_EVIDENCE("comparison.evidence", "", "--comparison-evidence", "Evidence-network bundle directory; its model1/model2 names must be the primary and second bundles' names, its bands theirs. Required when comparison.enabled (the demo falls back to the newest models/evidence-default-vs-delayed-tau/<version>, else a FIXTURE)."),
    COMPARISON_PRIOR_ODDS("comparison.prior-odds", "1", "--prior-odds", "Prior odds p(M1)/p(M2) (> 0; 1 = equal) that turn the Bayes factor into P(M1)."),
    SAMPLES_COUNT("samples.count", "0", "--samples", "Posterior draws attached to each summary (0..2000; keeps a summary well under the 1 MB record limit)."),
    VALIDATION_MAX_MEASUREMENTS("validation.max.measurements", "1000", null, "A record with more measurements than this is dead-lettered (TOO_MANY_MEASUREMENTS)."),
    VALIDATION_MAX_ABS_FLUX_NJY("validation.max.abs.flux.njy", "1e12", null, "|flux| or error above this many nJy is dead-lettered (ABSURD_FLUX)."),
    DETECTION_SNR("detection.snr", "3", null, "Signal-to-noise above which a band counts as detected in the quality flags."),
    MISFIT_P_THRESHOLD("misfit.p.threshold", "0.001", null, "A posterior whose misfit p-value (bundles with a misfit model) is below this gets the MISFIT quality flag (0 < value < 1)."),
    STREAM_THREADS("streams.threads", "1", "--threads", "Kafka Streams threads (num.stream.threads)."),
    COMMIT_INTERVAL_MS("commit.interval.ms", "200", null, "Transaction commit interval in ms (exactly-once: also the output latency floor)."),
    BATCH_SIZE("inference.batch.size", "64", "--batch-size", "Records per batched ONNX call (1 = one call per record). Buffered records live in a changelogged store, so batching keeps exactly-once."),
    BATCH_LINGER_MS("inference.batch.linger.ms", "50", null, "A partly filled batch is run after at most this many ms (wall clock), so a quiet input still gets its posteriors."),
    HTTP_PORT("http.port", "8080", "--http-port", "Port of /metrics and /health; 0 = any free port, -1 = no HTTP server."),
    STATE_DIR("state.dir", "", null, "Kafka Streams state directory; empty = a directory under java.io.tmpdir."),
    SCHEMAS_DIR("schemas.dir", "", null, "Extra writer schemas (*.avsc) to accept, e.g. newer PhotometryRecord versions."),
    SCHEMAS_CONFLUENT_MAP("schemas.confluent.map", "", null, "Properties file mapping Confluent schema ids to .avsc files."),
    SHUTDOWN_TIMEOUT_MS("shutdown.timeout.ms", "30000", null, "How long SIGTERM waits for Streams to close cleanly.");

    /** {@code SEDSTREAM_*} variables read by the launcher, the physics and the scripts, not configuration keys. */
    public static final java.util.Set<String> NOT_CONFIGURATION_ENV = java.util.Set.of("SEDSTREAM_JAVA_OPTS", "SEDSTREAM_DATA_DIR",
            "SEDSTREAM_WORK_DIR");

    private final String key;
    private final String defaultValue;
    private final String flag;
    private final String doc;

    ConfigKey(String key, String defaultValue, String flag, String doc) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.flag = flag;
        this.doc = doc;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The dedicated command-line flag, if any ({@code --set key=value} works for every key). */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public String doc() {
        return doc;
    }

    /** A true/false key: its flag is negatable ({@code --x} / {@code --no-x}) and takes no value. */
    public boolean isBoolean() {
        return defaultValue.equals("true") || defaultValue.equals("false");
    }

    /** The environment variable that sets this key. */
    public String envVar() {
        return envVarOf(key);
    }

    public static String envVarOf(String key) {
        return "SEDSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<ConfigKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
