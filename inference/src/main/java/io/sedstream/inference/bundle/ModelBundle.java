package io.sedstream.inference.bundle;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.inference.onnx.OnnxSessions;
import io.sedstream.inference.onnx.SessionConfig;
import io.sedstream.inference.posterior.MixtureLayout;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated model bundle: {@code manifest.json} plus one ONNX Runtime session per
 * ensemble member. Loading refuses, with the reason, any bundle whose manifest is invalid, whose
 * member files are missing or unreadable, or whose ONNX inputs/outputs disagree with the manifest
 * (names {@code features}/{@code mdn}, float32, shapes [batch, F] and [batch, K(1+2D+D(D-1)/2)]).
 *
 * <p>Thread-safe: sessions may be run concurrently (ONNX Runtime sessions are); per-thread state
 * lives in {@link io.sedstream.inference.Estimator}. Close it to release the native sessions.
 */
public final class ModelBundle implements AutoCloseable {
    private final Path directory;
    private final Manifest manifest;
    private final FeatureEncoder encoder;
    private final MixtureLayout layout;
    private final List<OrtSession> sessions;

    private ModelBundle(Path directory, Manifest manifest, List<OrtSession> sessions) {
        this.directory = directory;
        this.manifest = manifest;
        this.encoder = FeatureEncoder.of(manifest);
        this.layout = manifest.mixtureLayout();
        this.sessions = List.copyOf(sessions);
    }

    /** Loads a bundle with default session settings (one intra-op thread). */
    public static ModelBundle load(Path directory) {
        return load(directory, SessionConfig.defaults());
    }

    /**
     * Loads and validates a bundle.
     *
     * @throws InvalidModelBundleException naming the bundle and the reason it is refused
     */
    public static ModelBundle load(Path directory, SessionConfig config) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidModelBundleException("model bundle directory not found: " + directory.toAbsolutePath());
        }
        Manifest manifest = ManifestJson.read(directory.resolve(ManifestJson.FILE_NAME));
        List<OrtSession> sessions = new ArrayList<>();
        try {
            for (MemberSpec member : manifest.members()) {
                Path file = directory.resolve(member.file());
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException e) {
                    throw new InvalidModelBundleException("bundle " + directory + ": member file missing: " + member.file(), e);
                } catch (IOException e) {
                    throw new InvalidModelBundleException("bundle " + directory + ": cannot read member " + member.file() + ": " + e.getMessage(), e);
                }
                OrtSession session;
                try {
                    session = OnnxSessions.open(bytes, config);
                } catch (OrtException e) {
                    throw new InvalidModelBundleException("bundle " + directory + ": member " + member.file()
                            + " is not a loadable ONNX model: " + e.getMessage(), e);
                }
                sessions.add(session);
                checkSignature(directory, member.file(), session, manifest);
            }
        } catch (RuntimeException e) {
            closeAll(sessions, e);
            throw e;
        }
        return new ModelBundle(directory, manifest, sessions);
    }

    private static void checkSignature(Path dir, String file, OrtSession session, Manifest manifest) {
        String where = "bundle " + dir + ": member " + file + ": ";
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.size() != 1 || !inputs.containsKey(OnnxMlpWriter.INPUT_NAME)) {
                throw new InvalidModelBundleException(where + "expected exactly one input named '" + OnnxMlpWriter.INPUT_NAME + "', found " + inputs.keySet());
            }
            if (!outputs.containsKey(OnnxMlpWriter.OUTPUT_NAME)) {
                throw new InvalidModelBundleException(where + "expected an output named '" + OnnxMlpWriter.OUTPUT_NAME + "', found " + outputs.keySet());
            }
            checkTensor(where + "input '" + OnnxMlpWriter.INPUT_NAME + "'", inputs.get(OnnxMlpWriter.INPUT_NAME), manifest.featureCount(),
                    "the manifest's " + manifest.featureCount() + " features");
            MixtureLayout layout = manifest.mixtureLayout();
            checkTensor(where + "output '" + OnnxMlpWriter.OUTPUT_NAME + "'", outputs.get(OnnxMlpWriter.OUTPUT_NAME), layout.width(),
                    "K=" + layout.components() + " components x D=" + layout.dimensions() + " parameters (" + layout.width() + " values)");
        } catch (OrtException e) {
            throw new InvalidModelBundleException(where + "cannot read its signature: " + e.getMessage(), e);
        }
    }

    private static void checkTensor(String what, NodeInfo info, int width, String expected) {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            throw new InvalidModelBundleException(what + " is not a tensor");
        }
        if (tensor.type != OnnxJavaType.FLOAT) {
            throw new InvalidModelBundleException(what + " has element type " + tensor.type + ", expected FLOAT");
        }
        long[] shape = tensor.getShape();
        if (shape.length != 2) {
            throw new InvalidModelBundleException(what + " has rank " + shape.length + ", expected [batch, " + width + "]");
        }
        if (shape[0] != -1) {
            throw new InvalidModelBundleException(what + " has a fixed batch size " + shape[0] + ", expected a dynamic batch dimension");
        }
        if (shape[1] != width) {
            throw new InvalidModelBundleException(what + " has width " + shape[1] + " but the manifest implies " + expected);
        }
    }

    private static void closeAll(List<OrtSession> sessions, RuntimeException cause) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                cause.addSuppressed(e);
            }
        }
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

    public MixtureLayout layout() {
        return layout;
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
     * @return per member, the mixture outputs row-major [batch][width]
     */
    public float[][] inferBatch(float[] features, int batch) throws OrtException {
        int f = manifest.featureCount();
        if (batch < 1 || features.length < (long) batch * f) {
            throw new IllegalArgumentException("need " + batch + " rows of " + f + " features, got " + features.length + " floats");
        }
        float[][] out = new float[sessions.size()][];
        try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(features, 0, batch * f), new long[] {batch, f})) {
            for (int m = 0; m < sessions.size(); m++) {
                try (OrtSession.Result result = sessions.get(m).run(Map.of(OnnxMlpWriter.INPUT_NAME, input))) {
                    OnnxTensor tensor = (OnnxTensor) result.get(OnnxMlpWriter.OUTPUT_NAME)
                            .orElseThrow(() -> new IllegalStateException("member produced no '" + OnnxMlpWriter.OUTPUT_NAME + "' output"));
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
        closeAll(sessions, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ModelBundle[" + manifest.label() + " at " + directory + "]";
    }
}
