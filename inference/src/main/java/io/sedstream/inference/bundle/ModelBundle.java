package io.sedstream.inference.bundle;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.misfit.MisfitJson;
import io.sedstream.inference.misfit.MisfitModel;
import io.sedstream.inference.onnx.OnnxSessions;
import io.sedstream.inference.onnx.SessionConfig;
import io.sedstream.inference.posterior.MixtureLayout;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated model bundle of either kind ({@link BundleKind}): {@code manifest.json} plus
 * one ONNX Runtime session per ensemble member. Loading refuses, with the reason, any bundle whose manifest is invalid, whose
 * member files are missing or unreadable, or whose ONNX inputs/outputs disagree with the manifest
 * (names {@code features}/{@code mdn}, float32, shapes [batch, F] and [batch, W], W the width the
 * manifest's estimator kind gives: K(1+2D+D(D-1)/2) for the full-covariance Gaussian mixture).
 *
 * <p>Thread-safe: sessions may be run concurrently (ONNX Runtime sessions are); per-thread state
 * lives in {@link io.sedstream.inference.Estimator}. Close it to release the native sessions.
 */
public final class ModelBundle implements AutoCloseable {
    private final Path directory;
    private final Manifest manifest;
    private final FeatureEncoder encoder;
    private final int outputWidth;
    private final List<OrtSession> sessions;
    private final MisfitModel misfit;

    private ModelBundle(Path directory, Manifest manifest, List<OrtSession> sessions, MisfitModel misfit) {
        this.directory = directory;
        this.misfit = misfit;
        this.manifest = manifest;
        this.encoder = FeatureEncoder.of(manifest);
        this.outputWidth = manifest.outputWidth();
        this.sessions = List.copyOf(sessions);
    }

    /** Loads a posterior-estimator bundle with default session settings (one intra-op thread). */
    public static ModelBundle load(Path directory) {
        return load(directory, SessionConfig.defaults());
    }

    /**
     * Loads and validates a posterior-estimator bundle.
     *
     * @throws InvalidModelBundleException naming the bundle and the reason it is refused (an
     *         evidence-network bundle among them)
     */
    public static ModelBundle load(Path directory, SessionConfig config) {
        return load(directory, config, BundleKind.POSTERIOR_ESTIMATOR);
    }

    /**
     * Loads and validates a bundle of the given kind: the manifest (its shared and its kind's checks),
     * the misfit model it names, and every member's ONNX signature against it (input
     * {@value BundleKind#INPUT_NAME} [batch, F], output {@link Manifest#outputName()} [batch,
     * {@link Manifest#outputWidth()}]).
     *
     * @throws InvalidModelBundleException naming the bundle and the reason it is refused
     */
    public static ModelBundle load(Path directory, SessionConfig config, BundleKind kind) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidModelBundleException("model bundle directory not found: " + directory.toAbsolutePath());
        }
        Manifest manifest = ManifestJson.read(directory.resolve(ManifestJson.FILE_NAME), kind);
        int width = manifest.outputWidth();
        String outputDescription = manifest.outputDescription();
        // Read before the sessions open, so a refusal leaves nothing to close.
        MisfitModel misfit = manifest.misfitFile() == null ? null
                : MisfitJson.read(directory.resolve(manifest.misfitFile()), manifest.bandNames());
        List<OrtSession> sessions = BundleMembers.open(directory, manifest.members(), config,
                (where, session) -> BundleMembers.requireSignature(where, session,
                        BundleKind.INPUT_NAME, manifest.featureCount(), "the manifest's " + manifest.featureCount() + " features",
                        manifest.outputName(), width, outputDescription));
        return new ModelBundle(directory, manifest, sessions, misfit);
    }

    public Path directory() {
        return directory;
    }

    public Manifest manifest() {
        return manifest;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** Floats per row of every member's output (the estimator kind's width). */
    public int outputWidth() {
        return outputWidth;
    }

    /**
     * The output layout of a full-covariance Gaussian mixture bundle.
     *
     * @throws IllegalStateException for a bundle of another estimator kind
     */
    public MixtureLayout layout() {
        return manifest.mixtureLayout();
    }

    /** The misfit model the manifest names, if any (bundles without one still load). */
    public Optional<MisfitModel> misfit() {
        return Optional.ofNullable(misfit);
    }

    /** Number of ensemble members. */
    public int memberCount() {
        return sessions.size();
    }

    /** Session of member {@code m} (for callers that manage their own tensors). */
    public OrtSession session(int member) {
        return sessions.get(member);
    }

    /**
     * Batch inference: {@code batch} feature rows (row-major [batch][F]) through every member.
     *
     * @return per member, its outputs row-major [batch][width]
     */
    public float[][] inferBatch(float[] features, int batch) throws OrtException {
        int f = manifest.featureCount();
        if (batch < 1 || features.length < (long) batch * f) {
            throw new IllegalArgumentException("need " + batch + " rows of " + f + " features, got " + features.length + " floats");
        }
        float[][] out = new float[sessions.size()][];
        try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(features, 0, batch * f), new long[] {batch, f})) {
            for (int m = 0; m < sessions.size(); m++) {
                try (OrtSession.Result result = sessions.get(m).run(Map.of(BundleKind.INPUT_NAME, input))) {
                    OnnxTensor tensor = (OnnxTensor) result.get(manifest.outputName())
                            .orElseThrow(() -> new IllegalStateException("member produced no '" + manifest.outputName() + "' output"));
                    FloatBuffer buffer = tensor.getFloatBuffer();
                    float[] values = new float[buffer.remaining()];
                    buffer.get(values);
                    out[m] = values;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        RuntimeException failure = new IllegalStateException("closing model bundle " + manifest.label());
        BundleMembers.closeAll(sessions, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ModelBundle[" + manifest.label() + " at " + directory + "]";
    }
}
