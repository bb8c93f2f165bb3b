package io.sedstream.inference.onnx;

/**
 * ONNX Runtime session settings.
 *
 * @param intraOpThreads threads one inference may use; 1 (the default) suits streaming, where
 *                       parallelism comes from stream threads, and avoids spinning thread pools
 */
public record SessionConfig(int intraOpThreads) {
    public SessionConfig {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(1);
    }
}
