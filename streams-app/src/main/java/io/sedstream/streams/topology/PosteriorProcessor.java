package io.sedstream.streams.topology;

import io.sedstream.inference.QualityFlag;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.WireFormatException;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.comparison.Evidence;
import io.sedstream.streams.deadletter.DeadLetterRouter;
import io.sedstream.streams.estimation.Estimate;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.estimation.PhotometryEstimator;
import io.sedstream.streams.estimation.PosteriorSummaries;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.validation.PhotometryValidator;
import io.sedstream.streams.validation.Validation;
import io.sedstream.streams.validation.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * validate -> buffer -> (batch) encode + infer + summarise -> PosteriorSummary keyed by objectId.
 *
 * <p>A record that fails validation is thrown as a {@link ValidationException} at once, so the
 * processing exception handler, which holds the exact input bytes, writes its dead letter. A valid
 * record is appended to the batch buffer: in memory, and in the changelogged key-value store
 * {@value PosteriorTopology#BUFFER_STORE} under its position in the batch (slot 0, 1, ...). When
 * {@code inference.batch.size} records are buffered, or when the wall-clock punctuator fires
 * ({@code inference.batch.linger.ms}), the whole buffer goes through ONE batched estimator call;
 * each summary is forwarded to the posterior sink (a record the estimator refuses, or whose summary
 * is too large to send, to the dead-letter sink) and the store's watermark slot is set to the last
 * flushed input offset.
 *
 * <p>With model comparison on ({@code comparison != null}) the same batch also goes through the second
 * model's NPE and the evidence network, one batched call each, and every posterior is accompanied by
 * a ModelComparison forwarded to the comparison sink in the same transaction. A record that M2 or the
 * evidence network refuses still gets its posterior and a comparison that says who refused and why
 * (never a dead letter: the input did become a posterior).
 *
 * <p>Why this is exactly-once: the store's changelog writes are part of the same Kafka
 * transaction as the outputs and the input offsets. A commit therefore captures either a record's
 * output (and a watermark at or past its offset) or the record itself in a live slot (offset above
 * the watermark), never neither and never both. After a crash the store is restored from the
 * committed changelog and {@link #init} puts the live slots back into the batch before any newer
 * input is processed; an aborted transaction loses outputs, changelog writes and offsets together,
 * and its inputs are read again. Slots are reused from batch to batch, so the changelog holds at
 * most {@code batch size + 1} keys after compaction, and with the store's record cache only the
 * last value of each slot per commit interval reaches it.
 */
final class PosteriorProcessor implements Processor<byte[], PhotometryInput, byte[], byte[]> {

    static final String MODEL_HEADER = "sedstream.model";
    static final String FIXTURE_HEADER = "sedstream.fixture";
    /** Store key of the watermark: the offset of the last input whose output has been forwarded. */
    static final int WATERMARK_SLOT = -1;

    /** What the processor needs besides the estimator; built once per topology. */
    record Settings(int samples, double detectionSnr, double misfitPThreshold, int maxOutputBytes, int batchSize, Duration linger) { }

    /** The quality flag of a record whose misfit p-value is below the threshold. */
    public static final String MISFIT_FLAG = QualityFlag.MISFIT.name();

    private final PhotometryEstimator estimator;
    private final PhotometryValidator validator;
    private final StreamMetrics metrics;
    private final DeadLetterRouter deadLetters;
    private final AvroCodec<PhotometryRecord> photometryCodec;
    private final AvroCodec<PosteriorSummary> codec;
    private final ComparisonModels comparison;
    private final AvroCodec<ModelComparison> comparisonCodec;
    private final Settings settings;
    private final ModelIdentity model;
    private final byte[] modelHeader;
    private final List<Pending> pending = new ArrayList<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Integer, byte[]> buffer;

    /**
     * A buffered input: validated (live records), or, for a record restored from the store that no
     * longer decodes or validates (the schemas or limits changed), the dead letter it will become.
     */
    private record Pending(BufferedInput input, Validation.Valid valid, Failure failure, long validateNanos, long bufferedAtNanos) { }

    private record Failure(DeadLetterReason reason, String stage, String description, Throwable cause) { }

    /** M2's answers and the evidence network's for the records of one batch, with the per-record time they took. */
    private record Compared(List<Estimate> model2, List<Evidence> evidence, long perRecordNanos) { }

    /** @param comparison the second model and evidence network, or null when comparison is off */
    PosteriorProcessor(PhotometryEstimator estimator, PhotometryValidator validator, StreamMetrics metrics, DeadLetterRouter deadLetters,
                       AvroCodec<PhotometryRecord> photometryCodec, AvroCodec<PosteriorSummary> codec, ComparisonModels comparison,
                       AvroCodec<ModelComparison> comparisonCodec, Settings settings) {
        this.estimator = estimator;
        this.comparison = comparison;
        this.comparisonCodec = comparisonCodec;
        this.validator = validator;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.photometryCodec = photometryCodec;
        this.codec = codec;
        this.settings = settings;
        this.model = estimator.model();
        this.modelHeader = (model.name() + "/" + model.version()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.buffer = context.getStateStore(PosteriorTopology.BUFFER_STORE);
        restoreBuffered();
        // Also runs with batch size 1: restored records must not wait for new input.
        context.schedule(settings.linger(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    /** Puts back the records that were buffered, and committed as such, before a crash or a rebalance. */
    private void restoreBuffered() {
        byte[] mark = buffer.get(WATERMARK_SLOT);
        long flushedUpTo = mark == null ? -1 : ByteBuffer.wrap(mark).getLong();
        List<KeyValue<Integer, BufferedInput>> live = new ArrayList<>();
        try (KeyValueIterator<Integer, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<Integer, byte[]> kv = it.next();
                if (kv.key != WATERMARK_SLOT) {
                    BufferedInput in = BufferedInput.decode(kv.value);
                    if (in.offset() > flushedUpTo) {
                        live.add(KeyValue.pair(kv.key, in));
                    }
                }
            }
        }
        live.sort(Comparator.comparingLong(kv -> kv.value.offset()));
        for (int i = 0; i < live.size(); i++) {
            // Records enter the batch in offset order at slots 0, 1, ...: anything else is a corrupt buffer.
            if (live.get(i).key != i) {
                throw new IllegalStateException("batch buffer store holds live input offset " + live.get(i).value.offset()
                        + " in slot " + live.get(i).key + ", expected slot " + i + " (watermark " + flushedUpTo + ")");
            }
            pending.add(restored(live.get(i).value));
        }
    }

    private Pending restored(BufferedInput in) {
        long now = System.nanoTime();
        PhotometryRecord record;
        try {
            record = photometryCodec.decode(in.value());
        } catch (WireFormatException e) {
            return new Pending(in, null, new Failure(DeadLetterRouter.reasonOf(e), "deserialize", e.getMessage(), e), 0, now);
        }
        Validation v = validator.validate(record);
        if (v instanceof Validation.Invalid bad) {
            return new Pending(in, null, new Failure(bad.reason(), "validate", bad.description(), null), 0, now);
        }
        return new Pending(in, (Validation.Valid) v, null, 0, now);
    }

    @Override
    public void process(Record<byte[], PhotometryInput> record) {
        long startNanos = System.nanoTime();
        metrics.recordIn();
        Validation v = validator.validate(record.value().record());
        if (v instanceof Validation.Invalid bad) {
            throw new ValidationException(bad.reason(), bad.description());
        }
        Validation.Valid valid = (Validation.Valid) v;
        valid.unknownBands().forEach(metrics::unknownBand);
        RecordMetadata meta = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a posterior needs its input's topic, partition and offset"));
        BufferedInput in = new BufferedInput(meta.topic(), meta.partition(), meta.offset(), record.timestamp(), record.key(),
                record.value().rawValue(), BufferedInput.snapshot(record.headers()));
        buffer.put(pending.size(), in.encode());
        long now = System.nanoTime();
        pending.add(new Pending(in, valid, null, now - startNanos, now));
        if (pending.size() >= settings.batchSize()) {
            flush();
        }
    }

    /** Runs the buffered records through one batched estimator call and forwards every outcome. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Validation.Valid> valids = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            if (p.valid() != null) {
                valids.add(p.valid());
            }
        }
        long t0 = System.nanoTime();
        List<Estimate> estimates = valids.isEmpty() ? List.of() : estimator.estimate(valids, settings.samples());
        long perRecordNanos = valids.isEmpty() ? 0 : (System.nanoTime() - t0) / valids.size();
        if (!valids.isEmpty()) {
            metrics.inference(perRecordNanos * 1e-9, valids.size());
        }
        Compared compared = comparison == null || valids.isEmpty() ? null : compare(valids);
        int next = 0;
        for (Pending p : pending) {
            if (p.failure() != null) {
                forwardDeadLetter(p.input(), p.failure());
            } else {
                emit(p, estimates.get(next), perRecordNanos, compared, next);
                next++;
            }
        }
        buffer.put(WATERMARK_SLOT, ByteBuffer.allocate(Long.BYTES).putLong(pending.get(pending.size() - 1).input().offset()).array());
        pending.clear();
    }

    /** The same batch through M2's NPE and the evidence network: one batched call each. */
    private Compared compare(List<Validation.Valid> valids) {
        long t0 = System.nanoTime();
        List<Estimate> model2 = comparison.model2().estimate(valids, 0);
        List<Evidence> evidence = comparison.evidence().evaluate(valids);
        long perRecordNanos = (System.nanoTime() - t0) / valids.size();
        metrics.comparisonInference(perRecordNanos * 1e-9, valids.size());
        return new Compared(model2, evidence, perRecordNanos);
    }

    private void emit(Pending p, Estimate e, long inferNanos, Compared compared, int index) {
        String objectId = p.valid().record().getObjectId();
        try {
            if (e instanceof Estimate.Failed f) {
                forwardDeadLetter(p.input(), new Failure(DeadLetterReason.INFERENCE_FAILED, "infer",
                        "estimator refused object '" + objectId + "': " + f.description(), f.cause()));
                return;
            }
            Estimate.Posterior post = (Estimate.Posterior) e;
            post.bandsMasked().forEach(metrics::maskedBand);
            PosteriorSummary summary = summarise(p.valid(), post, p.input(), (p.validateNanos() + inferNanos) / 1000);
            // Encoded here, not in the sink, so an oversized summary is caught before it can poison the transaction.
            byte[] value = codec.encode(summary);
            if (value.length > settings.maxOutputBytes()) {
                forwardDeadLetter(p.input(), new Failure(DeadLetterReason.PRODUCTION_FAILED, "produce", "summary of '" + objectId + "' is "
                        + value.length + " bytes, more than the " + settings.maxOutputBytes() + " the producer may send (lower samples.count"
                        + " or raise kafka.producer.max.request.size)", null));
                return;
            }
            // Built before anything is forwarded: a failure here dead-letters the record with nothing half-written.
            ModelComparison mc = compared == null ? null : comparison.compare(objectId, post, compared.model2().get(index),
                    compared.evidence().get(index), p.input().partition(), p.input().offset(),
                    (p.validateNanos() + inferNanos + compared.perRecordNanos()) / 1000);
            byte[] comparisonValue = mc == null ? null : comparisonCodec.encode(mc);
            Headers headers = p.input().headersCopy();
            headers.remove(MODEL_HEADER).add(MODEL_HEADER, modelHeader);
            headers.remove(DeadLetterRouter.REASON_HEADER);
            if (model.fixture()) {
                headers.remove(FIXTURE_HEADER).add(FIXTURE_HEADER, "true".getBytes(StandardCharsets.UTF_8));
            }
            byte[] key = objectId.getBytes(StandardCharsets.UTF_8);
            context.forward(new Record<>(key, value, p.input().timestampMs(), headers), PosteriorTopology.POSTERIORS_SINK);
            metrics.posteriorOut((System.currentTimeMillis() - p.input().timestampMs()) / 1000.0);
            metrics.science(summary);
            if (mc != null) {
                forwardComparison(p.input(), key, mc, comparisonValue);
            }
        } catch (RuntimeException ex) {
            // One record's failure must not cost the rest of the batch: it becomes a dead letter with the cause.
            forwardDeadLetter(p.input(), new Failure(DeadLetterReason.INFERENCE_FAILED, "infer",
                    "summarising object '" + objectId + "' failed: " + ex.getMessage(), ex));
        }
    }

    private void forwardComparison(BufferedInput in, byte[] key, ModelComparison mc, byte[] value) {
        Headers headers = in.headersCopy();
        headers.remove(DeadLetterRouter.REASON_HEADER);
        headers.remove(MODEL_HEADER).add(MODEL_HEADER, modelHeader);
        headers.remove(FIXTURE_HEADER);
        if (mc.getFixture()) {
            headers.add(FIXTURE_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        }
        context.forward(new Record<>(key, value, in.timestampMs(), headers), PosteriorTopology.COMPARISON_SINK);
        if (mc.getModel2Refusal() != null) {
            metrics.comparisonRefused(StreamMetrics.REFUSED_BY_MODEL2);
        }
        if (mc.getEvidenceRefusal() != null) {
            metrics.comparisonRefused(StreamMetrics.REFUSED_BY_EVIDENCE);
        }
        metrics.comparisonOut(comparison.preferred(mc), mc.getLog10BayesFactor());
    }

    private void forwardDeadLetter(BufferedInput in, Failure f) {
        var input = new DeadLetterRouter.Input(in.key(), in.value(), in.topic(), in.partition(), in.offset(), in.timestampMs());
        var dl = deadLetters.producerRecord(input, f.reason(), f.stage(), f.description(), f.cause());
        Headers headers = new RecordHeaders(dl.headers().toArray());
        context.forward(new Record<>(dl.key(), dl.value(), dl.timestamp(), headers), PosteriorTopology.DEAD_LETTER_SINK);
    }

    private PosteriorSummary summarise(Validation.Valid valid, Estimate.Posterior p, BufferedInput in, long latencyMicros) {
        PosteriorSummary summary = PosteriorSummaries.of(valid, p, model, settings.detectionSnr(), settings.misfitPThreshold(),
                new PosteriorSummaries.Origin(in.topic(), in.partition(), in.offset(), in.timestampMs()), latencyMicros);
        for (String flag : summary.getQuality().getFlags()) {
            metrics.qualityFlag(flag);
        }
        if (p.misfitPValue() != null) {
            metrics.misfit(p.misfitPValue(), summary.getQuality().getFlags().contains(MISFIT_FLAG));
        }
        if (p.redshiftSource() == io.sedstream.schemas.RedshiftSource.spectroscopic) {
            metrics.spectroscopicRedshift();
        }
        return summary;
    }

    @Override
    public void close() {
        // Buffered records are NOT flushed here (a processor may not forward while closing): they stay in
        // the changelogged store, committed with the input offsets, and the next owner of the task runs them.
        pending.clear();
    }
}
