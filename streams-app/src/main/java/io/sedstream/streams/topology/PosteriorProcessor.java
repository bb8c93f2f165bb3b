package io.sedstream.streams.topology;

import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.QualityFlags;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.streams.estimation.Estimate;
import io.sedstream.streams.estimation.EstimationException;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.estimation.PhotometryEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.validation.PhotometryValidator;
import io.sedstream.streams.validation.Validation;
import io.sedstream.streams.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * validate -> encode + infer + summarise -> PosteriorSummary keyed by objectId. Failures are thrown
 * ({@link ValidationException}, {@link EstimationException}) so the processing exception handler,
 * which holds the exact input bytes, writes the dead letter.
 */
final class PosteriorProcessor implements Processor<byte[], PhotometryRecord, byte[], byte[]> {

    static final String MODEL_HEADER = "sedstream.model";
    static final String FIXTURE_HEADER = "sedstream.fixture";

    private final PhotometryEstimator estimator;
    private final PhotometryValidator validator;
    private final StreamMetrics metrics;
    private final int samples;
    private final double detectionSnr;
    private final ModelIdentity model;
    private final byte[] modelHeader;
    private final AvroCodec<PosteriorSummary> codec;
    private final int maxOutputBytes;
    private ProcessorContext<byte[], byte[]> context;

    PosteriorProcessor(PhotometryEstimator estimator, PhotometryValidator validator, StreamMetrics metrics, int samples,
                       double detectionSnr, AvroCodec<PosteriorSummary> codec, int maxOutputBytes) {
        this.codec = codec;
        this.maxOutputBytes = maxOutputBytes;
        this.estimator = estimator;
        this.validator = validator;
        this.metrics = metrics;
        this.samples = samples;
        this.detectionSnr = detectionSnr;
        this.model = estimator.model();
        this.modelHeader = (model.name() + "/" + model.version()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], PhotometryRecord> record) {
        long startNanos = System.nanoTime();
        metrics.recordIn();
        Validation v = validator.validate(record.value());
        if (v instanceof Validation.Invalid bad) {
            throw new ValidationException(bad.reason(), bad.description());
        }
        Validation.Valid valid = (Validation.Valid) v;
        valid.unknownBands().forEach(metrics::unknownBand);

        Estimate e = estimator.estimate(List.of(valid), samples).get(0);
        if (e instanceof Estimate.Failed f) {
            throw new EstimationException("estimator refused object '" + valid.record().getObjectId() + "': " + f.description(), f.cause());
        }
        Estimate.Posterior p = (Estimate.Posterior) e;
        long elapsedNanos = System.nanoTime() - startNanos;
        metrics.inference(elapsedNanos * 1e-9, 1);
        p.bandsMasked().forEach(metrics::maskedBand);

        RecordMetadata meta = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a posterior needs its input's topic, partition and offset"));
        PosteriorSummary summary = summarise(valid, p, meta, record.timestamp(), elapsedNanos / 1000);
        String objectId = valid.record().getObjectId();
        // Encoded here, not in the sink, so an oversized summary is caught before it can poison the transaction.
        byte[] value = codec.encode(summary);
        if (value.length > maxOutputBytes) {
            throw new OutputTooLargeException("summary of '" + objectId + "' is " + value.length + " bytes, more than the "
                    + maxOutputBytes + " the producer may send (lower samples.count or raise kafka.producer.max.request.size)");
        }
        Record<byte[], byte[]> out = new Record<>(objectId.getBytes(StandardCharsets.UTF_8), value, record.timestamp(),
                record.headers());
        out.headers().remove(MODEL_HEADER).add(MODEL_HEADER, modelHeader);
        if (model.fixture()) {
            out.headers().remove(FIXTURE_HEADER).add(FIXTURE_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        }
        context.forward(out);
        metrics.posteriorOut((System.currentTimeMillis() - record.timestamp()) / 1000.0);
    }

    private PosteriorSummary summarise(Validation.Valid valid, Estimate.Posterior p, RecordMetadata meta, long inputTimestampMs,
                                       long latencyMicros) {
        PhotometryRecord in = valid.record();
        List<String> detected = new ArrayList<>();
        for (String band : p.bandsUsed()) {
            Double f = valid.fluxNJyByBand().get(band);
            Double err = valid.fluxErrNJyByBand().get(band);
            if (f != null && err != null && f / err > detectionSnr) {
                detected.add(band);
            }
        }
        QualityFlags q = QualityFlags.newBuilder()
                .setBandsDetected(detected.size())
                .setDetectedBands(detected)
                .setMassOutsidePriorBox(p.massOutsidePriorBox())
                .setUnknownBandsIgnored(valid.unknownBands())
                .setFixtureModel(model.fixture())
                .setSpecZ(in.getSpecZ())
                .build();
        return PosteriorSummary.newBuilder()
                .setObjectId(in.getObjectId())
                .setSurvey(in.getSurvey())
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setModelFixture(model.fixture())
                .setParameters(p.parameters())
                .setBandsUsed(p.bandsUsed())
                .setBandsMasked(p.bandsMasked())
                .setQuality(q)
                .setInputTopic(meta.topic())
                .setInputPartition(meta.partition())
                .setInputOffset(meta.offset())
                .setInputTimestamp(Instant.ofEpochMilli(inputTimestampMs))
                .setProcessedAt(Instant.now())
                .setProcessingLatencyMicros(latencyMicros)
                .setSamples(p.samples())
                .build();
    }

}
