package io.sedstream.streams.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one configuration of a streaming process, built once at start from (in rising precedence)
 * defaults, a properties file, {@code SEDSTREAM_*} environment variables and command-line flags,
 * and validated at once: every problem names its key and the source that set it.
 *
 * @param kafka  pass-through Kafka client/Streams settings (the {@code kafka.} prefix removed)
 * @param values every key's resolved text, kafka.* included, so a derived configuration ({@link #with}) loses none
 */
public record SedstreamConfig(
        String bootstrapServers,
        String applicationId,
        Optional<Path> modelDir,
        Path modelsRoot,
        String topicPhotometry,
        String topicPosteriors,
        String topicDlq,
        int samplesCount,
        int maxMeasurements,
        double maxAbsFluxNJy,
        double detectionSnr,
        double misfitPThreshold,
        int streamThreads,
        long commitIntervalMs,
        int batchSize,
        long batchLingerMs,
        int httpPort,
        Optional<Path> stateDir,
        Optional<Path> schemasDir,
        Optional<Path> confluentSchemaMap,
        long shutdownTimeoutMs,
        Comparison comparison,
        Map<String, String> kafka,
        Map<String, String> values) {

    /**
     * Bayesian model comparison settings (issue 5).
     *
     * @param enabled     whether every posterior also gets a ModelComparison
     * @param model2Dir   the second model's NPE bundle (empty: none given; required when enabled, checked at start)
     * @param evidenceDir the evidence-network bundle (same)
     * @param priorOdds   p(M1)/p(M2), finite and > 0
     * @param topic       the ModelComparison output topic
     */
    public record Comparison(boolean enabled, Optional<Path> model2Dir, Optional<Path> evidenceDir, double priorOdds, String topic) {
        /** A copy with the bundle directories filled in (the demo's trained or fixture fallbacks). */
        public Comparison withBundles(Path model2, Path evidence) {
            return new Comparison(enabled, Optional.of(model2), Optional.of(evidence), priorOdds, topic);
        }

        public Comparison withEnabled(boolean on) {
            return new Comparison(on, model2Dir, evidenceDir, priorOdds, topic);
        }
    }

    public static final String KAFKA_PREFIX = "kafka.";
    private static final String ENV_PREFIX = "SEDSTREAM_";

    public SedstreamConfig {
        kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Defaults only (tests, tools). */
    public static SedstreamConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * Builds and validates the configuration.
     *
     * @param file  a properties file, or null
     * @param env   the environment (only {@code SEDSTREAM_*} entries are read)
     * @param flags key/value pairs from the command line (highest precedence)
     * @throws ConfigException naming the first bad key and its source
     */
    public static SedstreamConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, Sourced> values = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            values.put(k.key(), new Sourced(k.defaultValue(), "default"));
        }
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            for (String name : p.stringPropertyNames()) {
                put(values, name.trim(), p.getProperty(name).trim(), "file " + file);
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX) || ConfigKey.NOT_CONFIGURATION_ENV.contains(e.getKey())) {
                continue;
            }
            String key = keyOfEnv(e.getKey());
            if (key == null) {
                throw new ConfigException(e.getKey(), "unknown environment variable " + e.getKey() + ": it names no configuration key "
                        + "(SEDSTREAM_<KEY> with '.' and '-' as '_', e.g. SEDSTREAM_STREAMS_THREADS, or SEDSTREAM_KAFKA_<kafka setting>); "
                        + "known: " + String.join(", ", java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::envVar).toList())
                        + "; not configuration: " + String.join(", ", new java.util.TreeSet<>(ConfigKey.NOT_CONFIGURATION_ENV)));
            }
            put(values, key, e.getValue().trim(), "environment variable " + e.getKey());
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            put(values, e.getKey().trim(), e.getValue().trim(), "command-line flag");
        }
        return new Parser(values).build();
    }

    /** The configuration key an environment variable sets, or null when it sets none. */
    static String keyOfEnv(String envName) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.envVar().equals(envName)) {
                return k.key();
            }
        }
        String kafkaEnv = ENV_PREFIX + "KAFKA_";
        if (envName.startsWith(kafkaEnv) && envName.length() > kafkaEnv.length()) {
            return KAFKA_PREFIX + envName.substring(kafkaEnv.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return null;
    }

    private static void put(Map<String, Sourced> values, String key, String value, String source) {
        if (key.startsWith(KAFKA_PREFIX)) {
            KafkaSettings.check(key.substring(KAFKA_PREFIX.length()), source);
        } else if (ConfigKey.of(key).isEmpty()) {
            throw new ConfigException(key, "unknown configuration key '" + key + "' (from " + source
                    + "); known keys: " + String.join(", ", values.keySet().stream().filter(k -> !k.startsWith(KAFKA_PREFIX)).toList())
                    + ", or kafka.<any Kafka setting>");
        }
        values.put(key, new Sourced(value, source));
    }

    /** The value with where it came from, so errors can say. */
    private record Sourced(String value, String source) { }

    /** Typed reads of the raw values, each naming its key on failure. */
    private static final class Parser {
        private final Map<String, Sourced> values;

        Parser(Map<String, Sourced> values) {
            this.values = values;
        }

        SedstreamConfig build() {
            Map<String, String> kafka = new TreeMap<>();
            Map<String, String> all = new TreeMap<>();
            values.forEach((k, v) -> {
                all.put(k, v.value());
                if (k.startsWith(KAFKA_PREFIX)) {
                    kafka.put(k.substring(KAFKA_PREFIX.length()), v.value());
                }
            });
            return new SedstreamConfig(
                    nonBlank(ConfigKey.BOOTSTRAP_SERVERS),
                    nonBlank(ConfigKey.APPLICATION_ID),
                    optionalPath(ConfigKey.MODEL_DIR),
                    Path.of(nonBlank(ConfigKey.MODELS_ROOT)),
                    topic(ConfigKey.TOPIC_PHOTOMETRY),
                    topic(ConfigKey.TOPIC_POSTERIORS),
                    topic(ConfigKey.TOPIC_DLQ),
                    intIn(ConfigKey.SAMPLES_COUNT, 0, 2_000),
                    intIn(ConfigKey.VALIDATION_MAX_MEASUREMENTS, 1, 1_000_000),
                    positiveDouble(ConfigKey.VALIDATION_MAX_ABS_FLUX_NJY),
                    positiveDouble(ConfigKey.DETECTION_SNR),
                    probability(ConfigKey.MISFIT_P_THRESHOLD),
                    intIn(ConfigKey.STREAM_THREADS, 1, 64),
                    longIn(ConfigKey.COMMIT_INTERVAL_MS, 1, 600_000),
                    intIn(ConfigKey.BATCH_SIZE, 1, 4096),
                    longIn(ConfigKey.BATCH_LINGER_MS, 1, 3_600_000),
                    intIn(ConfigKey.HTTP_PORT, -1, 65535),
                    optionalPath(ConfigKey.STATE_DIR),
                    optionalDir(ConfigKey.SCHEMAS_DIR),
                    optionalFile(ConfigKey.SCHEMAS_CONFLUENT_MAP),
                    longIn(ConfigKey.SHUTDOWN_TIMEOUT_MS, 0, 3_600_000),
                    comparison(),
                    kafka,
                    all);
        }

        /** Syntax and existence only; a missing bundle of an enabled comparison is refused where the bundles load. */
        Comparison comparison() {
            boolean enabled = bool(ConfigKey.COMPARISON_ENABLED);
            Optional<Path> model2 = enabled ? optionalDir(ConfigKey.COMPARISON_MODEL2) : optionalPath(ConfigKey.COMPARISON_MODEL2);
            Optional<Path> evidence = enabled ? optionalDir(ConfigKey.COMPARISON_EVIDENCE) : optionalPath(ConfigKey.COMPARISON_EVIDENCE);
            return new Comparison(enabled, model2, evidence, positiveDouble(ConfigKey.COMPARISON_PRIOR_ODDS),
                    topic(ConfigKey.TOPIC_MODEL_COMPARISON));
        }

        boolean bool(ConfigKey k) {
            String v = raw(k).value().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw bad(k, "must be true or false");
            }
            return v.equals("true");
        }

        private Sourced raw(ConfigKey k) {
            return values.get(k.key());
        }

        private ConfigException bad(ConfigKey k, String why) {
            Sourced s = raw(k);
            return invalid(k, s.value(), s.source(), why);
        }

        String nonBlank(ConfigKey k) {
            String v = raw(k).value();
            if (v.isBlank()) {
                throw bad(k, "must not be empty");
            }
            return v;
        }

        String topic(ConfigKey k) {
            String v = nonBlank(k);
            if (!v.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw bad(k, "is not a legal Kafka topic name (letters, digits, '.', '_', '-', at most 249)");
            }
            return v;
        }

        int intIn(ConfigKey k, int min, int max) {
            long v = longIn(k, min, max);
            return (int) v;
        }

        long longIn(ConfigKey k, long min, long max) {
            long v;
            try {
                v = Long.parseLong(raw(k).value());
            } catch (NumberFormatException e) {
                throw bad(k, "is not an integer");
            }
            if (v < min || v > max) {
                throw bad(k, "is outside [" + min + ", " + max + "]");
            }
            return v;
        }

        double positiveDouble(ConfigKey k) {
            double v;
            try {
                v = Double.parseDouble(raw(k).value());
            } catch (NumberFormatException e) {
                throw bad(k, "is not a number");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw bad(k, "must be a finite number > 0");
            }
            return v;
        }

        double probability(ConfigKey k) {
            double v = positiveDouble(k);
            if (!(v < 1)) {
                throw bad(k, "must be below 1");
            }
            return v;
        }

        Optional<Path> optionalPath(ConfigKey k) {
            String v = raw(k).value();
            return v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
        }

        Optional<Path> optionalDir(ConfigKey k) {
            Optional<Path> p = optionalPath(k);
            if (p.isPresent() && !Files.isDirectory(p.get())) {
                throw bad(k, "is not a directory (" + p.get().toAbsolutePath() + ")");
            }
            return p;
        }

        Optional<Path> optionalFile(ConfigKey k) {
            Optional<Path> p = optionalPath(k);
            if (p.isPresent() && !Files.isRegularFile(p.get())) {
                throw bad(k, "is not a readable file (" + p.get().toAbsolutePath() + ")");
            }
            return p;
        }
    }

    /** The error for key {@code k}: names the key, its value and source, its environment variable and its flag. */
    static ConfigException invalid(ConfigKey k, String value, String source, String why) {
        return new ConfigException(k.key(), "configuration key '" + k.key() + "' = '" + value + "' (from " + source
                + ", env " + k.envVar() + k.flag().map(f -> ", flag " + f).orElse("") + ") " + why);
    }

    /** An error about a key checked after loading (e.g. a bundle that does not fit), in the same form as the load errors. */
    public static ConfigException invalid(ConfigKey k, String value, String why) {
        return invalid(k, value, "the configuration", why);
    }

    /** The resolved text of key {@code k} (its default when nothing set it). */
    public String value(ConfigKey k) {
        return values.get(k.key());
    }

    /**
     * This configuration with some keys set otherwise, validated again; every other key, kafka.*
     * included, keeps its value (the demo and bench derive theirs this way, so none is dropped).
     */
    public SedstreamConfig with(Map<String, String> overrides) {
        Map<String, String> keys = new TreeMap<>(values);
        keys.putAll(overrides);
        return load(null, Map.of(), keys);
    }

    /** A copy with other comparison settings (the demo's fallbacks). */
    public SedstreamConfig withComparison(Comparison c) {
        Map<String, String> o = new TreeMap<>();
        o.put(ConfigKey.COMPARISON_ENABLED.key(), Boolean.toString(c.enabled()));
        o.put(ConfigKey.COMPARISON_MODEL2.key(), c.model2Dir().map(Path::toString).orElse(""));
        o.put(ConfigKey.COMPARISON_EVIDENCE.key(), c.evidenceDir().map(Path::toString).orElse(""));
        o.put(ConfigKey.COMPARISON_PRIOR_ODDS.key(), Double.toString(c.priorOdds()));
        o.put(ConfigKey.TOPIC_MODEL_COMPARISON.key(), c.topic());
        return with(o);
    }

    /** The kafka.* settings a plain admin client accepts (see {@link KafkaSettings#adminClientSettings}). */
    public Map<String, String> adminClientSettings() {
        return KafkaSettings.adminClientSettings(kafka);
    }

    /** A copy with another model directory (the demo's fixture fallback). */
    public SedstreamConfig withModelDir(Path dir) {
        return with(Map.of(ConfigKey.MODEL_DIR.key(), dir.toString()));
    }

    /** A copy pointing at other brokers (the embedded broker of demo and bench). */
    public SedstreamConfig withBootstrapServers(String servers) {
        return with(Map.of(ConfigKey.BOOTSTRAP_SERVERS.key(), servers));
    }
}
