package io.sedstream.streams.topology;

import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.PhotometryEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.validation.PhotometryValidator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The posterior topology, built in one place so tests run exactly what production runs:
 * <pre>
 * photometry --decode--> validate --> encode/infer/summarise --> posteriors
 *     |                     |                 |
 *     +-- deserialization --+-- processing ---+-- production exception handlers --> photometry-dlq
 * </pre>
 * Dead letters are written by the exception handlers (configured by {@link StreamsConfigFactory}), which
 * see the exact input bytes; the handlers' records join the same exactly-once transaction.
 */
public final class PosteriorTopology {

    private PosteriorTopology() {
    }

    /** Adds the topology to {@code builder}. The estimator is shared by all stream threads (it is thread-safe). */
    public static void buildTopology(StreamsBuilder builder, SedstreamConfig config, PhotometryEstimator estimator,
                                     SchemaStore schemas, StreamMetrics metrics) {
        AvroSerde<PhotometryRecord> photometrySerde = new AvroSerde<>(new AvroCodec<>(PhotometryRecord.class, schemas));
        AvroCodec<PosteriorSummary> posteriorCodec = new AvroCodec<>(PosteriorSummary.class, schemas);
        int maxOutputBytes = maxOutputBytes(config);
        PhotometryValidator validator = new PhotometryValidator(estimator.model().bands(), config.maxMeasurements(),
                config.maxAbsFluxNJy());
        builder.stream(config.topicPhotometry(), Consumed.with(Serdes.ByteArray(), photometrySerde).withName("photometry-source"))
                .process(() -> new PosteriorProcessor(estimator, validator, metrics, config.samplesCount(), config.detectionSnr(),
                        posteriorCodec, maxOutputBytes), Named.as("posterior-processor"))
                .to(config.topicPosteriors(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("posteriors-sink"));
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
