package io.sedstream.streams.topology;

import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.deadletter.DeadLetterRouter;
import io.sedstream.streams.estimation.PhotometryEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.validation.PhotometryValidator;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The posterior topology, built in one place so tests run exactly what production runs:
 * <pre>
 * photometry --decode--> validate --> [batch buffer store] --> encode/infer/summarise --> posteriors
 *     |                     |                                         |-- (comparison on) M2 NPE + evidence network --> model-comparison
 *     |                     |                                         |   (refused, too large) --> photometry-dlq
 *     +-- deserialization --+-- processing ---------------------------+-- production exception handlers --> photometry-dlq
 * </pre>
 * Bytes that do not decode and records that fail validation are dead-lettered by the exception
 * handlers (configured by {@link StreamsConfigFactory}), which see the exact input bytes; records
 * that fail after buffering are dead-lettered by the processor itself, from the bytes it buffered.
 * Everything, including the buffer store's changelog, joins the same exactly-once transaction.
 */
public final class PosteriorTopology {

    public static final String SOURCE = "photometry-source";
    public static final String PROCESSOR = "posterior-processor";
    public static final String POSTERIORS_SINK = "posteriors-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    /** Present only when comparison is on. */
    public static final String COMPARISON_SINK = "model-comparison-sink";
    /** The changelogged key-value store of buffered records (slot -> {@link BufferedInput}; slot -1 = watermark). */
    public static final String BUFFER_STORE = "posterior-batch-buffer";

    private PosteriorTopology() {
    }

    /** The topology without model comparison. */
    public static Topology buildTopology(SedstreamConfig config, PhotometryEstimator estimator, SchemaStore schemas,
                                         StreamMetrics metrics, DeadLetterRouter deadLetters) {
        return buildTopology(config, estimator, null, schemas, metrics, deadLetters);
    }

    /**
     * The topology. The estimators are shared by all stream threads (they are thread-safe).
     *
     * @param comparison the second model and evidence network, or null: no comparison sink at all
     */
    public static Topology buildTopology(SedstreamConfig config, PhotometryEstimator estimator, ComparisonModels comparison,
                                         SchemaStore schemas, StreamMetrics metrics, DeadLetterRouter deadLetters) {
        AvroCodec<ModelComparison> comparisonCodec = new AvroCodec<>(ModelComparison.class, schemas);
        AvroCodec<PhotometryRecord> photometryCodec = new AvroCodec<>(PhotometryRecord.class, schemas);
        AvroCodec<PosteriorSummary> posteriorCodec = new AvroCodec<>(PosteriorSummary.class, schemas);
        PhotometryValidator validator = new PhotometryValidator(estimator.model().bands(), config.maxMeasurements(),
                config.maxAbsFluxNJy());
        PosteriorProcessor.Settings settings = new PosteriorProcessor.Settings(config.samplesCount(), config.detectionSnr(),
                config.misfitPThreshold(), maxOutputBytes(config), config.batchSize(), Duration.ofMillis(config.batchLingerMs()));
        // Built with the service's own Streams settings: a bare Topology() makes a default StreamsConfig of its own
        // (and with it Streams' warning about processing.exception.handler.global.enabled).
        Topology t = new Topology(new org.apache.kafka.streams.TopologyConfig(
                new org.apache.kafka.streams.StreamsConfig(StreamsConfigFactory.streamsProperties(config, deadLetters))));
        t.addSource(SOURCE, new ByteArrayDeserializer(), PhotometryInput.deserializer(photometryCodec), config.topicPhotometry());
        t.addProcessor(PROCESSOR, () -> new PosteriorProcessor(estimator, validator, metrics, deadLetters, photometryCodec,
                posteriorCodec, comparison, comparisonCodec, settings), SOURCE);
        t.addStateStore(bufferStore(), PROCESSOR);
        t.addSink(POSTERIORS_SINK, config.topicPosteriors(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(DEAD_LETTER_SINK, config.topicDlq(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        if (comparison != null) {
            t.addSink(COMPARISON_SINK, config.comparison().topic(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        }
        return t;
    }

    /** A dead-letter router for the processor (same topic, application id and counters as the exception handlers'). */
    public static DeadLetterRouter deadLetterRouter(SedstreamConfig config, SchemaStore schemas, StreamMetrics metrics) {
        return new DeadLetterRouter(config.topicDlq(), config.applicationId(), new AvroCodec<>(DeadLetter.class, schemas), metrics);
    }

    /**
     * In memory (it holds at most one batch), changelogged (that is what makes buffering exactly-once),
     * cached (a slot rewritten many times within a commit interval reaches the changelog once). Small
     * segments so compaction keeps the changelog, and so a restore, down to a few batches.
     */
    static StoreBuilder<KeyValueStore<Integer, byte[]>> bufferStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE), Serdes.Integer(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of("cleanup.policy", "compact", "segment.bytes", Integer.toString(8 * 1024 * 1024),
                        "min.cleanable.dirty.ratio", "0.1"));
    }

    /** The producer's max.request.size (Kafka default 1 MiB) less room for the key, headers and batch overhead. */
    static int maxOutputBytes(SedstreamConfig config) {
        String v = config.kafka().getOrDefault("producer.max.request.size", config.kafka().getOrDefault("max.request.size", "1048576"));
        try {
            return Math.max(1024, Integer.parseInt(v.trim()) - 16 * 1024);
        } catch (NumberFormatException e) {
            throw new io.sedstream.streams.config.ConfigException("kafka.producer.max.request.size",
                    "configuration key 'kafka.producer.max.request.size' = '" + v + "' is not an integer");
        }
    }
}
