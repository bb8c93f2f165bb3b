package io.sedstream.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sedstream.inference.onnx.MlpWeights;

import java.util.List;
import java.util.function.Consumer;

/**
 * Trains an ensemble of MDN members by maximum likelihood of the standardised parameters: the
 * shared {@link EnsembleTrainer} loop (Adam, clipping, validation split, LR decay on plateaus,
 * early stopping on validation log-probability, wall-clock cap) with the mixture's negative
 * log-probability as the per-row loss.
 */
public final class MdnTrainer {

    private final EnsembleTrainer loop;

    public MdnTrainer(Engine engine, Consumer<String> progress) {
        this.loop = new EnsembleTrainer(engine, progress);
    }

    /** Trains {@code members} members with seeds derived from {@code config.seed()}; they share the validation split. */
    public List<TrainedMember> trainEnsemble(BatchSource data, MdnArchitecture arch, TrainingConfig config, int members) {
        checkShapes(data, arch);
        return loop.trainEnsemble(data, factory(arch), config, members);
    }

    /**
     * Trains only member {@code member} of the ensemble {@link #trainEnsemble} would train (same
     * seed, same validation split), within {@code wallSeconds}: what a child JVM of a parallel run does.
     */
    public TrainedMember trainMember(BatchSource data, MdnArchitecture arch, TrainingConfig config, int member, double wallSeconds) {
        checkShapes(data, arch);
        return loop.trainMember(EnsembleTrainer.SharedSplit.of(data, config), factory(arch), config, member, wallSeconds);
    }

    private static EnsembleTrainer.NetworkFactory factory(MdnArchitecture arch) {
        return (root, seed) -> new MdnObjective(root, arch, seed);
    }

    private static void checkShapes(BatchSource data, MdnArchitecture arch) {
        if (data.featureCount() != arch.featureCount() || data.parameterCount() != arch.parameterCount()) {
            throw new IllegalArgumentException("data has " + data.featureCount() + " features / " + data.parameterCount()
                    + " parameters but the architecture expects " + arch.featureCount() + " / " + arch.parameterCount());
        }
    }

    /** The MDN and its mixture log-density: per-row loss -log q(theta | x). */
    private static final class MdnObjective implements EnsembleTrainer.TrainableNetwork {
        private final MdnNetwork net;
        private final MixtureLogProb mixture;

        MdnObjective(NDManager root, MdnArchitecture arch, long seed) {
            this.net = MdnNetwork.initialise(root, arch, seed);
            this.mixture = new MixtureLogProb(root, arch.components(), arch.parameterCount());
        }

        @Override
        public List<NDArray> parameters() {
            return net.parameters();
        }

        @Override
        public NDArray rowLoss(NDArray features, NDArray targets) {
            return mixture.logProb(net.heads(features), targets).neg();
        }

        @Override
        public MlpWeights snapshot() {
            return net.snapshot();
        }

        @Override
        public void close() {
            mixture.close();
            net.close();
        }
    }
}
