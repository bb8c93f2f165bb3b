package io.sedstream.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.BandUsage;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.inference.misfit.MisfitResult;
import io.sedstream.inference.misfit.MisfitScorer;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.inference.onnx.OnnxSessions;
import io.sedstream.inference.onnx.SessionConfig;
import io.sedstream.inference.posterior.ConditionalPosterior;
import io.sedstream.inference.posterior.DegeneratePosteriorException;
import io.sedstream.inference.posterior.EstimatorKind;
import io.sedstream.inference.posterior.ParameterSummary;
import io.sedstream.inference.posterior.Posterior;
import io.sedstream.inference.posterior.PosteriorSamples;
import io.sedstream.inference.posterior.SummaryInvariants;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The per-record facade: photometry by band name in, {@link PosteriorResult} out
 * (encode -> ONNX members -> {@link Posterior} of the manifest's estimator kind -> marginal summaries
 * [-> samples]). The posterior's kind comes from the manifest ({@link EstimatorKind}); nothing here
 * depends on which it is.
 *
 * <p>NOT thread-safe: it reuses its input/output tensors and summary buffers across calls so one
 * estimate allocates only its result. Use one Estimator per stream thread; several Estimators may
 * share one {@link ModelBundle} (created with {@link #of(ModelBundle)}), whose sessions are
 * thread-safe.
 */
public final class Estimator implements AutoCloseable {
    private final ModelBundle bundle;
    private final boolean ownsBundle;
    private final Manifest manifest;
    private final FeatureEncoder encoder;
    private final Posterior posterior;
    private final double[] features;
    private final FloatBuffer inputBuffer;
    private final OnnxTensor inputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final FloatBuffer[] outputBuffers;
    private final OnnxTensor[] outputTensors;
    private final List<Map<String, OnnxTensor>> pinnedOutputs;
    private final float[] outputRow;
    private final double[] memberWeights;
    private final List<String> parameterNames;
    // Conditioning on a given redshift; null when the bundle has no redshift parameter or takes redshift as input.
    private final ConditionalPosterior givenRedshift;
    // True when the bundle has a redshift parameter to condition on but its estimator kind cannot condition.
    private final boolean redshiftUnconditionable;
    private final MisfitScorer misfit;
    private boolean closed;

    /** The parameter a spectroscopic redshift fixes. */
    public static final String REDSHIFT_PARAMETER = "redshift";

    private Estimator(ModelBundle bundle, boolean ownsBundle) {
        this.bundle = bundle;
        this.ownsBundle = ownsBundle;
        this.manifest = bundle.manifest();
        this.encoder = bundle.encoder();
        EstimatorKind kind = manifest.estimatorKind();
        this.posterior = kind.newPosterior(manifest);
        this.features = new double[encoder.featureCount()];
        this.parameterNames = manifest.parameterNames();
        boolean conditionable = !encoder.redshiftInput() && parameterNames.contains(REDSHIFT_PARAMETER) && parameterNames.size() > 1;
        this.givenRedshift = conditionable ? kind.conditionalOn(manifest, parameterNames.indexOf(REDSHIFT_PARAMETER)).orElse(null) : null;
        this.redshiftUnconditionable = conditionable && givenRedshift == null;
        this.misfit = bundle.misfit().map(m -> new MisfitScorer(m, manifest.features())).orElse(null);
        int width = bundle.outputWidth();
        this.outputRow = new float[width];
        int members = bundle.memberCount();
        this.memberWeights = new double[members];
        for (int m = 0; m < members; m++) {
            memberWeights[m] = manifest.members().get(m).weight();
        }
        this.outputBuffers = new FloatBuffer[members];
        this.outputTensors = new OnnxTensor[members];
        this.pinnedOutputs = new ArrayList<>(members);
        OnnxTensor in = null;
        try {
            // Direct buffers: ONNX Runtime reads and writes them in place, no copies per call.
            this.inputBuffer = directFloats(encoder.featureCount());
            in = OnnxTensor.createTensor(OnnxSessions.environment(), inputBuffer, new long[] {1, encoder.featureCount()});
            for (int m = 0; m < members; m++) {
                outputBuffers[m] = directFloats(width);
                outputTensors[m] = OnnxTensor.createTensor(OnnxSessions.environment(), outputBuffers[m], new long[] {1, width});
                pinnedOutputs.add(Map.of(OnnxMlpWriter.OUTPUT_NAME, outputTensors[m]));
            }
        } catch (OrtException e) {
            closeTensors(in);
            throw new IllegalStateException("cannot allocate ONNX Runtime tensors for " + manifest.label(), e);
        }
        this.inputTensor = in;
        this.inputs = Map.of(OnnxMlpWriter.INPUT_NAME, inputTensor);
    }

    /** Loads a bundle (default session settings) into an Estimator that owns and closes it. */
    public static Estimator load(Path bundleDirectory) {
        return load(bundleDirectory, SessionConfig.defaults());
    }

    /** Loads a bundle with the given session settings into an Estimator that owns and closes it. */
    public static Estimator load(Path bundleDirectory, SessionConfig config) {
        ModelBundle bundle = ModelBundle.load(bundleDirectory, config);
        try {
            return new Estimator(bundle, true);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /** An Estimator over a shared bundle (the caller closes the bundle after its Estimators). */
    public static Estimator of(ModelBundle bundle) {
        return new Estimator(bundle, false);
    }

    private static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Summaries without samples, for a bundle that does not take redshift as input. */
    public PosteriorResult estimate(List<BandFlux> measurements) {
        return estimate(measurements, null, EstimateOptions.summariesOnly());
    }

    /**
     * Estimates the posterior of one object.
     *
     * @param measurements photometry by band name (any order; unknown bands are reported and ignored)
     * @param specZ        spectroscopic redshift or null: required when the bundle takes redshift as an
     *                     input; otherwise, when given, the other parameters' posterior is the joint
     *                     joint posterior conditioned on it ({@link ConditionalPosterior})
     * @throws io.sedstream.inference.features.InvalidPhotometryException for unusable photometry, or a
     *                     given redshift outside the model's redshift prior interval
     * @throws IllegalStateException when ONNX Runtime fails or the network output is not finite
     */
    public PosteriorResult estimate(List<BandFlux> measurements, Double specZ, EstimateOptions options) {
        if (closed) {
            throw new IllegalStateException("estimator for " + manifest.label() + " is closed");
        }
        long t0 = System.nanoTime();
        BandUsage usage = encoder.encode(measurements, specZ, features, 0);
        checkSpecZ(specZ);
        MisfitResult fit = misfit == null ? null : misfit.evaluate(features, 0);
        inputBuffer.clear();
        for (double f : features) {
            inputBuffer.put((float) f);
        }
        long t1 = System.nanoTime();
        for (int m = 0; m < outputTensors.length; m++) {
            OrtSession session = bundle.session(m);
            try {
                // The output lands in the pinned buffer; the result owns no value, closing it frees nothing of ours.
                session.run(inputs, pinnedOutputs.get(m)).close();
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on member " + manifest.members().get(m).file()
                        + " of " + manifest.label() + ": " + e.getMessage(), e);
            }
        }
        long t2 = System.nanoTime();
        try {
            for (int m = 0; m < outputTensors.length; m++) {
                FloatBuffer out = outputBuffers[m];
                out.clear();
                out.get(outputRow);
                loadMember(m, outputRow, 0, specZ);
            }
            return summariseLoaded(usage, specZ, fit, options, t1 - t0, t2 - t1, t2);
        } catch (DegeneratePosteriorException e) {
            throw degenerate(e);
        }
    }

    private InvalidPhotometryException degenerate(DegeneratePosteriorException e) {
        return new InvalidPhotometryException(InvalidPhotometryException.Reason.POSTERIOR_DEGENERATE,
                "posterior of " + manifest.label() + " refused: " + e.getMessage());
    }

    /** Refuses a given redshift that the posterior cannot be conditioned on (checked before any network call). */
    private void checkSpecZ(Double specZ) {
        if (specZ != null && redshiftUnconditionable) {
            throw new IllegalArgumentException(manifest.label() + "'s estimator kind '" + manifest.estimator().kind()
                    + "' cannot condition its posterior on a spectroscopic redshift; give no spec_z for this bundle");
        }
        if (specZ == null || givenRedshift == null) {
            return;
        }
        var spec = manifest.parameters().get(givenRedshift.knownDimension());
        if (!Double.isFinite(specZ) || specZ < spec.lower() || specZ > spec.upper()) {
            throw new InvalidPhotometryException(InvalidPhotometryException.Reason.REDSHIFT_OUTSIDE_PRIOR, "spectroscopic redshift "
                    + specZ + " lies outside " + manifest.label() + "'s redshift prior interval [" + spec.lower() + ", " + spec.upper() + "]");
        }
    }

    private boolean conditions(Double specZ) {
        return specZ != null && givenRedshift != null;
    }

    private void loadMember(int m, float[] row, int offset, Double specZ) {
        if (conditions(specZ)) {
            givenRedshift.setMember(m, memberWeights[m], row, offset);
        } else {
            posterior.setMember(m, memberWeights[m], row, offset);
        }
    }

    /** Summaries (and samples) of the mixture loaded by {@link #loadMember}, conditioned on {@code specZ} when it is given. */
    private PosteriorResult summariseLoaded(BandUsage usage, Double specZ, MisfitResult fit, EstimateOptions options, long encodeNanos,
                                            long inferNanos, long t2) {
        boolean conditioned = conditions(specZ);
        Posterior mixture = conditioned ? givenRedshift.condition(specZ) : posterior;
        int known = conditioned ? givenRedshift.knownDimension() : -1;
        int d = parameterNames.size();
        List<ParameterSummary> summaries = new ArrayList<>(d);
        double worstOutside = 0;
        for (int i = 0, j = 0; i < d; i++) {
            ParameterSummary s;
            if (i == known) {
                var given = manifest.parameters().get(i);
                s = new ParameterSummary(given.name(), given.unit(), specZ, 0, specZ, specZ, specZ, specZ, specZ, specZ, 0);
            } else {
                s = mixture.summarise(j++);
            }
            ParameterSpec spec = manifest.parameters().get(i);
            String broken = SummaryInvariants.violation(s, spec.lower(), spec.upper());
            if (broken != null) {
                throw new DegeneratePosteriorException("the summary of " + s.name() + " contradicts itself (" + broken + ")");
            }
            summaries.add(s);
            worstOutside = Math.max(worstOutside, s.massOutsidePrior());
        }
        PosteriorSamples samples;
        if (options.sampleCount() > 0) {
            int dm = mixture.dimensions();
            double[] drawn = new double[options.sampleCount() * dm];
            long maxAttempts = 1000L * options.sampleCount() + 10_000L;
            int accepted = mixture.sample(options.sampleCount(), new SplittableRandom(options.seed()), drawn, maxAttempts);
            double rate = (double) accepted / mixture.lastAttempts();
            double[] values = new double[accepted * d];
            for (int s = 0; s < accepted; s++) {
                for (int i = 0, j = 0; i < d; i++) {
                    values[s * d + i] = i == known ? specZ : drawn[s * dm + j++];
                }
            }
            samples = new PosteriorSamples(parameterNames, accepted, values, rate);
        } else {
            samples = PosteriorSamples.none(parameterNames);
        }
        long t3 = System.nanoTime();
        RedshiftSource source = conditioned || (specZ != null && encoder.redshiftInput()) ? RedshiftSource.SPECTROSCOPIC : RedshiftSource.PHOTOMETRIC;
        return new PosteriorResult(manifest.name(), manifest.version(), manifest.fixture(), summaries, usage, worstOutside,
                samples, new PosteriorResult.StageTimings(encodeNanos, inferNanos, t3 - t2), source, fit);
    }

    /**
     * One object of a batch.
     *
     * @param measurements photometry by band name (any order)
     * @param specZ        spectroscopic redshift (required when the bundle conditions on it), or null
     * @param options      samples to draw for this object
     */
    public record BatchItem(List<BandFlux> measurements, Double specZ, EstimateOptions options) {
        public BatchItem {
            if (measurements == null || options == null) {
                throw new IllegalArgumentException("a batch item needs measurements and options");
            }
        }
    }

    /** The outcome of one batch item: a result, or the refusal of its photometry (the rest of the batch is unaffected). */
    public record BatchOutcome(PosteriorResult result, InvalidPhotometryException refusal) {
        public BatchOutcome {
            if ((result == null) == (refusal == null)) {
                throw new IllegalArgumentException("a batch outcome is either a result or a refusal");
            }
        }

        public boolean ok() {
            return result != null;
        }
    }

    /**
     * Estimates the posteriors of several objects with ONE ONNX Runtime call per member (a matrix
     * product instead of {@code items.size()} vector products: most of the network's cost per row
     * goes away). Each result equals what {@link #estimate} gives for the same item, up to the
     * float32 rounding of the batched matrix product. Items whose photometry is refused are
     * reported as such and left out of the network call. Stage timings are per item (the batch's
     * ONNX time is shared equally).
     *
     * @throws IllegalStateException when ONNX Runtime fails or a network output is not finite
     *                               (the whole batch fails: the caller may retry item by item)
     */
    public List<BatchOutcome> estimateBatch(List<BatchItem> items) {
        if (closed) {
            throw new IllegalStateException("estimator for " + manifest.label() + " is closed");
        }
        int n = items.size();
        List<BatchOutcome> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        int f = encoder.featureCount();
        int width = bundle.outputWidth();
        long t0 = System.nanoTime();
        BandUsage[] usages = new BandUsage[n];
        InvalidPhotometryException[] refusals = new InvalidPhotometryException[n];
        MisfitResult[] fits = new MisfitResult[n];
        int rows = 0;
        ensureBatchCapacity(n);
        batchInput.clear();
        for (int i = 0; i < n; i++) {
            BatchItem item = items.get(i);
            try {
                usages[i] = encoder.encode(item.measurements(), item.specZ(), features, 0);
                checkSpecZ(item.specZ());
            } catch (InvalidPhotometryException e) {
                refusals[i] = e;
                continue;
            }
            fits[i] = misfit == null ? null : misfit.evaluate(features, 0);
            for (double x : features) {
                batchInput.put((float) x);
            }
            rows++;
        }
        long t1 = System.nanoTime();
        if (rows > 0) {
            try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(), batchInput.position(0).limit(rows * f).slice(),
                    new long[] {rows, f})) {
                for (int m = 0; m < outputTensors.length; m++) {
                    FloatBuffer outBuffer = batchOutputs[m].position(0).limit(rows * width).slice();
                    try (OnnxTensor output = OnnxTensor.createTensor(OnnxSessions.environment(), outBuffer, new long[] {rows, width})) {
                        bundle.session(m).run(Map.of(OnnxMlpWriter.INPUT_NAME, input), Map.of(OnnxMlpWriter.OUTPUT_NAME, output)).close();
                    }
                    outBuffer.clear();
                    outBuffer.get(batchRows[m], 0, rows * width);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on a batch of " + rows + " rows of " + manifest.label() + ": "
                        + e.getMessage(), e);
            }
        }
        long t2 = System.nanoTime();
        long encodeEach = (t1 - t0) / n;
        long inferEach = rows == 0 ? 0 : (t2 - t1) / rows;
        int row = 0;
        for (int i = 0; i < n; i++) {
            if (refusals[i] != null) {
                out.add(new BatchOutcome(null, refusals[i]));
                continue;
            }
            long ts = System.nanoTime();
            Double specZ = items.get(i).specZ();
            try {
                for (int m = 0; m < outputTensors.length; m++) {
                    loadMember(m, batchRows[m], row * width, specZ);
                }
                out.add(new BatchOutcome(summariseLoaded(usages[i], specZ, fits[i], items.get(i).options(), encodeEach, inferEach, ts), null));
            } catch (DegeneratePosteriorException e) {
                out.add(new BatchOutcome(null, degenerate(e)));
            }
            row++;
        }
        return out;
    }

    // Batch buffers, grown on demand: direct input/output buffers for zero-copy tensors, and heap copies of the outputs.
    private FloatBuffer batchInput;
    private FloatBuffer[] batchOutputs;
    private float[][] batchRows;
    private int batchCapacity;

    private void ensureBatchCapacity(int n) {
        if (n <= batchCapacity) {
            return;
        }
        int cap = Math.max(n, 2 * batchCapacity);
        int width = bundle.outputWidth();
        batchInput = directFloats(cap * encoder.featureCount());
        batchOutputs = new FloatBuffer[outputTensors.length];
        batchRows = new float[outputTensors.length][];
        for (int m = 0; m < outputTensors.length; m++) {
            batchOutputs[m] = directFloats(cap * width);
            batchRows[m] = new float[cap * width];
        }
        batchCapacity = cap;
    }

    /** Copies member {@code member}'s raw network output of the last estimate into {@code dst}. */
    public void lastNetworkOutput(int member, float[] dst) {
        FloatBuffer out = outputBuffers[member];
        out.clear();
        out.get(dst, 0, bundle.outputWidth());
    }

    /**
     * The (unconditioned) posterior of the last estimate made without a given redshift (a live view
     * of this Estimator's workspace).
     */
    public Posterior lastPosterior() {
        return posterior;
    }

    private void closeTensors(OnnxTensor in) {
        if (in != null) {
            in.close();
        }
        for (OnnxTensor t : outputTensors) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeTensors(inputTensor);
        if (ownsBundle) {
            bundle.close();
        }
    }
}
