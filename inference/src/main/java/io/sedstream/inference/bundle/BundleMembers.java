package io.sedstream.inference.bundle;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.sedstream.inference.onnx.OnnxSessions;
import io.sedstream.inference.onnx.SessionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opening the ONNX members of a bundle directory and checking their signatures: shared by every
 * kind of bundle (NPE posteriors in {@link ModelBundle}, evidence networks in
 * {@code io.sedstream.inference.evidence}), so a missing, unreadable or mis-shaped member is refused
 * with the same reasons whatever the bundle.
 */
public final class BundleMembers {
    private BundleMembers() {
    }

    /** Checks one opened member's signature; throws {@link InvalidModelBundleException} on a mismatch. */
    @FunctionalInterface
    public interface SignatureCheck {
        void check(String where, OrtSession session) throws OrtException;
    }

    /**
     * Opens one session per member and checks each; on any failure closes what was opened.
     *
     * @throws InvalidModelBundleException naming the bundle, the member and the reason
     */
    public static List<OrtSession> open(Path directory, List<MemberSpec> members, SessionConfig config, SignatureCheck check) {
        List<OrtSession> sessions = new ArrayList<>();
        try {
            for (MemberSpec member : members) {
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
                String where = "bundle " + directory + ": member " + member.file() + ": ";
                try {
                    check.check(where, session);
                } catch (OrtException e) {
                    throw new InvalidModelBundleException(where + "cannot read its signature: " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            closeAll(sessions, e);
            throw e;
        }
        return sessions;
    }

    /**
     * Requires exactly one input named {@code inputName} of width {@code inputWidth} and an output
     * named {@code outputName} of width {@code outputWidth}, both float32 [dynamic batch, width].
     */
    public static void requireSignature(String where, OrtSession session, String inputName, int inputWidth, String inputExpected,
            String outputName, int outputWidth, String outputExpected) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (inputs.size() != 1 || !inputs.containsKey(inputName)) {
            throw new InvalidModelBundleException(where + "expected exactly one input named '" + inputName + "', found " + inputs.keySet());
        }
        if (!outputs.containsKey(outputName)) {
            throw new InvalidModelBundleException(where + "expected an output named '" + outputName + "', found " + outputs.keySet());
        }
        requireFloatMatrix(where + "input '" + inputName + "'", inputs.get(inputName), inputWidth, inputExpected);
        requireFloatMatrix(where + "output '" + outputName + "'", outputs.get(outputName), outputWidth, outputExpected);
    }

    /** Requires a float32 tensor of shape [dynamic batch, width]. */
    public static void requireFloatMatrix(String what, NodeInfo info, int width, String expected) {
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

    /** Closes every session, adding close failures to {@code cause} as suppressed exceptions. */
    public static void closeAll(List<OrtSession> sessions, RuntimeException cause) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
