package io.sedstream.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Creates ONNX Runtime sessions on the process's single {@link OrtEnvironment}. */
public final class OnnxSessions {
    private OnnxSessions() {
    }

    /** The one ONNX Runtime environment of the process (ONNX Runtime keeps it as a singleton). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** A session for a serialised model with the given settings. */
    public static OrtSession open(byte[] model, SessionConfig config) throws OrtException {
        try (OrtSession.SessionOptions options = options(config)) {
            return environment().createSession(model, options);
        }
    }

    private static OrtSession.SessionOptions options(SessionConfig config) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(config.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (config.intraOpThreads() > 1) {
                // Idle pool threads sleep instead of spinning: the machine is shared with stream threads.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
