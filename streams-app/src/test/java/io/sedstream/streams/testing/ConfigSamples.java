package io.sedstream.streams.testing;

import io.sedstream.streams.config.ConfigKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A legal value, different from the default, for every configuration key (to check that none is dropped on the way). */
public final class ConfigSamples {
    private ConfigSamples() {
    }

    /** @param dir where the directory and file that some keys must name are created */
    public static Map<String, String> everyKeyOffDefault(Path dir) {
        try {
            Path schemas = Files.createDirectories(dir.resolve("schemas"));
            Path map = Files.writeString(dir.resolve("confluent.properties"), "1=photometry.avsc\n");
            Map<String, String> v = new LinkedHashMap<>();
            for (ConfigKey k : ConfigKey.values()) {
                v.put(k.key(), switch (k) {
                    case BOOTSTRAP_SERVERS -> "broker-a:9093,broker-b:9093";
                    case APPLICATION_ID -> "sample-app";
                    case MODEL_DIR -> "/models/sample/1.0.0";
                    case MODELS_ROOT -> "/opt/models";
                    case TOPIC_PHOTOMETRY -> "in-sample";
                    case TOPIC_POSTERIORS -> "out-sample";
                    case TOPIC_DLQ -> "dlq-sample";
                    case TOPIC_MODEL_COMPARISON -> "cmp-sample";
                    case COMPARISON_ENABLED -> "false";
                    case COMPARISON_MODEL2 -> "/models/m2/1.0.0";
                    case COMPARISON_EVIDENCE -> "/models/ev/1.0.0";
                    case COMPARISON_PRIOR_ODDS -> "0.5";
                    case SAMPLES_COUNT -> "17";
                    case VALIDATION_MAX_MEASUREMENTS -> "77";
                    case VALIDATION_MAX_ABS_FLUX_NJY -> "5.0E9";
                    case DETECTION_SNR -> "4.5";
                    case MISFIT_P_THRESHOLD -> "0.01";
                    case STREAM_THREADS -> "3";
                    case COMMIT_INTERVAL_MS -> "333";
                    case BATCH_SIZE -> "32";
                    case BATCH_LINGER_MS -> "25";
                    case HTTP_PORT -> "9191";
                    case STATE_DIR -> "/var/lib/sample-state";
                    case SCHEMAS_DIR -> schemas.toString();
                    case SCHEMAS_CONFLUENT_MAP -> map.toString();
                    case SHUTDOWN_TIMEOUT_MS -> "12345";
                });
                if (v.get(k.key()).equals(k.defaultValue()) && !k.isBoolean()) {
                    throw new IllegalStateException("sample of " + k.key() + " equals its default");
                }
            }
            v.put("kafka.security.protocol", "SASL_SSL");
            v.put("kafka.consumer.max.poll.records", "123");
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
