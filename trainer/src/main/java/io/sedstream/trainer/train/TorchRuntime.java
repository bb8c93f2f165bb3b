package io.sedstream.trainer.train;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine once per process with explicit thread counts. Thread properties are
 * read by the engine when it first loads, so they must be set before the first {@link #engine} call.
 * Offline mode keeps DJL from trying to download native libraries (they ship in the Maven jars).
 */
public final class TorchRuntime {

    private TorchRuntime() {
    }

    /**
     * @param intraOpThreads threads per operator (0 = leave the engine's default, one per core)
     */
    public static synchronized Engine engine(int intraOpThreads) {
        System.setProperty("ai.djl.offline", "true");
        if (intraOpThreads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        // Eager training does not use TorchScript graphs; skip the executor's profiling pass.
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        return Engine.getEngine("PyTorch");
    }
}
