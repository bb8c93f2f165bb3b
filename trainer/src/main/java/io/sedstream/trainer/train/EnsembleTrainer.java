package io.sedstream.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sedstream.inference.onnx.MlpWeights;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The training loop every network of the trainer shares (the NPE's mixture-density network, the
 * evidence network's classifier): an ensemble of members, each minimising the mean of its
 * network's per-row loss with Adam, global gradient-norm clipping, a held-back validation split,
 * learning-rate decay on plateaus, early stopping on the validation loss (best weights kept) and a
 * wall-clock cap shared evenly between members. Every random choice (split, initial weights,
 * shuffling, band dropout) comes from seeded Java RNGs, so a run is reproducible from its seed.
 */
public final class EnsembleTrainer {

    /** A network under training: its parameters, its per-row loss and its current weights. */
    public interface TrainableNetwork extends AutoCloseable {
        /** Trainable arrays in a stable order (used as optimizer parameter ids). */
        List<NDArray> parameters();

        /** Per-row loss [B] (nats) of features [B, F] and targets [B, T], differentiable. */
        NDArray rowLoss(NDArray features, NDArray targets);

        /** The current weights as plain floats, ready for the ONNX writer. */
        MlpWeights snapshot();

        @Override
        void close();
    }

    /** Creates a freshly initialised network under {@code root} from {@code seed}. */
    @FunctionalInterface
    public interface NetworkFactory {
        TrainableNetwork create(NDManager root, long seed);
    }

    private static final int EVAL_BATCH = 4096;

    private final Engine engine;
    private final Consumer<String> progress;

    public EnsembleTrainer(Engine engine, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
    }

    /**
     * Trains {@code members} members with seeds derived from {@code config.seed()}; they share the
     * validation split. The data's parameter columns are the loss's targets.
     */
    public List<TrainedMember> trainEnsemble(BatchSource data, NetworkFactory factory, TrainingConfig config, int members) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1, got " + members);
        }
        long start = System.nanoTime();
        SharedSplit shared = SharedSplit.of(data, config);
        List<TrainedMember> trained = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            double wallSeconds = evenShareSeconds(config.maxWall(), (System.nanoTime() - start) / 1e9, members - m);
            trained.add(trainMember(shared, factory, config, m, wallSeconds));
        }
        return trained;
    }

    /**
     * Trains member {@code member} of an ensemble exactly as {@link #trainEnsemble} does (same seed,
     * same split), whether it runs in this loop or alone in a child JVM.
     */
    public TrainedMember trainMember(SharedSplit shared, NetworkFactory factory, TrainingConfig config, int member,
                                     double wallSeconds) {
        return train(member, memberSeed(config.seed(), member), shared.data, shared.split.train(), shared.validation,
                factory, config, wallSeconds);
    }

    /** Member {@code member}'s seed: the {@code member}-th draw (from 0) of {@code SplittableRandom(runSeed)}. */
    public static long memberSeed(long runSeed, int member) {
        if (member < 0) {
            throw new IllegalArgumentException("member index must be >= 0, got " + member);
        }
        SplittableRandom seeds = new SplittableRandom(runSeed);
        long seed = seeds.nextLong();
        for (int m = 0; m < member; m++) {
            seed = seeds.nextLong();
        }
        return seed;
    }

    /**
     * An even share of what is left of the cap among the {@code sharesLeft} members (or waves of
     * members) still to train, so a cap never starves the last ones.
     */
    public static double evenShareSeconds(java.time.Duration cap, double usedSeconds, int sharesLeft) {
        if (sharesLeft < 1) {
            throw new IllegalArgumentException("shares left must be >= 1, got " + sharesLeft);
        }
        return (cap.toMillis() / 1000.0 - usedSeconds) / sharesLeft;
    }

    /**
     * What every member of one ensemble shares: the data, the train/validation split and the
     * validation rows encoded once, all derived from the data and {@code config.seed()} alone.
     */
    public static final class SharedSplit {
        private final BatchSource data;
        private final Split split;
        private final ValidationSet validation;

        private SharedSplit(BatchSource data, Split split, ValidationSet validation) {
            this.data = data;
            this.split = split;
            this.validation = validation;
        }

        public static SharedSplit of(BatchSource data, TrainingConfig config) {
            if (data.size() < 10) {
                throw new IllegalArgumentException("need at least 10 training rows, got " + data.size());
            }
            Split split = Split.of(data.size(), config.validationFraction(), config.seed());
            ValidationSet validation = ValidationSet.encode(data, split.validation(), config.seed() ^ 0x5DEECE66DL);
            return new SharedSplit(data, split, validation);
        }
    }

    private TrainedMember train(int member, long seed, BatchSource data, int[] trainRows, ValidationSet validation,
                        NetworkFactory factory, TrainingConfig config, double wallSeconds) {
        SplittableRandom rng = new SplittableRandom(seed);
        int f = data.featureCount();
        int d = data.parameterCount();
        int batch = Math.min(config.batchSize(), trainRows.length);
        float[] featureBuffer = new float[batch * f];
        float[] thetaBuffer = new float[batch * d];
        int[] order = trainRows.clone();
        LearningRate rate = new LearningRate(config.learningRate());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(rate).build();
        List<EpochReport> history = new ArrayList<>();
        long memberStart = System.nanoTime();
        try (NDManager root = engine.newBaseManager();
             TrainableNetwork net = factory.create(root, rng.nextLong())) {
            List<NDArray> params = net.parameters();
            MlpWeights best = net.snapshot();
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            int sinceDecay = 0;
            String stopReason = "max epochs (" + config.maxEpochs() + ")";
            for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                shuffle(order, rng);
                long epochStart = System.nanoTime();
                double lossSum = 0;
                long rows = 0;
                for (int from = 0; from + batch <= order.length; from += batch) {
                    data.fill(order, from, from + batch, featureBuffer, thetaBuffer, rng, true);
                    lossSum += step(root, net, params, adam, featureBuffer, thetaBuffer, batch, f, d,
                            config.gradientClipNorm()) * batch;
                    rows += batch;
                }
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                double trainLoss = lossSum / rows;
                double valLoss = validation.meanLoss(root, net, f, d);
                if (!Double.isFinite(trainLoss) || !Double.isFinite(valLoss)) {
                    throw new IllegalStateException("training diverged in member " + member + " epoch " + epoch
                            + " (train loss " + trainLoss + ", validation loss " + valLoss + "); lower --lr or the clip norm");
                }
                boolean improved = valLoss < bestLoss - 1e-4;
                if (improved) {
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    best = net.snapshot();
                    sinceBest = 0;
                    sinceDecay = 0;
                } else {
                    sinceBest++;
                    sinceDecay++;
                }
                double elapsed = (System.nanoTime() - memberStart) / 1e9;
                EpochReport report = new EpochReport(member, epoch, trainLoss, valLoss, rate.value, rows / trainSeconds,
                        elapsed, improved);
                history.add(report);
                progress.accept(report.line());
                if (sinceBest >= config.patience()) {
                    stopReason = "early stop: no validation improvement for " + config.patience() + " epochs";
                    break;
                }
                if (sinceDecay >= config.lrPlateauEpochs()) {
                    rate.value *= config.lrDecay();
                    sinceDecay = 0;
                }
                double perEpoch = elapsed / epoch;
                if (elapsed + perEpoch > wallSeconds) {
                    stopReason = String.format(java.util.Locale.ROOT, "wall-clock cap: %.0f s used of %.0f s", elapsed, wallSeconds);
                    break;
                }
            }
            progress.accept("member " + member + " done: best val " + String.format(java.util.Locale.ROOT, "%.4f", bestLoss)
                    + " at epoch " + bestEpoch + " (" + stopReason + ")");
            return new TrainedMember(member, seed, best, bestLoss, bestEpoch, history, stopReason);
        }
    }

    /** One Adam step on a batch; returns the batch's mean loss. */
    private float step(NDManager root, TrainableNetwork net, List<NDArray> params, Optimizer adam,
                       float[] features, float[] theta, int n, int f, int d, double clipNorm) {
        try (NDManager step = root.newSubManager()) {
            NDArray x = step.create(features, new Shape(n, f));
            NDArray t = step.create(theta, new Shape(n, d));
            float loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray negLogProb = net.rowLoss(x, t).mean();
                collector.backward(negLogProb);
                loss = negLogProb.getFloat();
            }
            List<NDArray> grads = new ArrayList<>(params.size());
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.attach(step);
                grads.add(g);
            }
            NDArray squared = grads.get(0).square().sum();
            for (int i = 1; i < grads.size(); i++) {
                squared = squared.add(grads.get(i).square().sum());
            }
            double norm = Math.sqrt(squared.getFloat());
            if (norm > clipNorm) {
                float scale = (float) (clipNorm / norm);
                for (NDArray g : grads) {
                    g.muli(scale);
                }
            }
            for (int i = 0; i < params.size(); i++) {
                adam.update("p" + i, params.get(i), grads.get(i));
                grads.get(i).subi(grads.get(i));
            }
            return loss;
        }
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** Adam's learning rate, lowered in place on validation plateaus. */
    private static final class LearningRate implements Tracker {
        private float value;

        LearningRate(double initial) {
            this.value = (float) initial;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return value;
        }
    }

    /** Deterministic train/validation split of row indices. */
    record Split(int[] train, int[] validation) {
        static Split of(int n, double fraction, long seed) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            shuffle(all, new SplittableRandom(seed));
            int nVal = Math.max(1, (int) Math.round(n * fraction));
            int[] val = java.util.Arrays.copyOfRange(all, 0, nVal);
            int[] train = java.util.Arrays.copyOfRange(all, nVal, n);
            java.util.Arrays.sort(val);
            java.util.Arrays.sort(train);
            return new Split(train, val);
        }
    }

    /** Validation rows encoded once (with one fixed draw of band dropout) so epochs compare like with like. */
    record ValidationSet(float[] features, float[] theta, int rows) {
        static ValidationSet encode(BatchSource data, int[] rows, long seed) {
            float[] features = new float[rows.length * data.featureCount()];
            float[] theta = new float[rows.length * data.parameterCount()];
            data.fill(rows, 0, rows.length, features, theta, new SplittableRandom(seed), true);
            return new ValidationSet(features, theta, rows.length);
        }

        double meanLoss(NDManager root, TrainableNetwork net, int f, int d) {
            double sum = 0;
            for (int from = 0; from < rows; from += EVAL_BATCH) {
                int n = Math.min(EVAL_BATCH, rows - from);
                try (NDManager step = root.newSubManager()) {
                    NDArray x = step.create(java.util.Arrays.copyOfRange(features, from * f, (from + n) * f), new Shape(n, f));
                    NDArray t = step.create(java.util.Arrays.copyOfRange(theta, from * d, (from + n) * d), new Shape(n, d));
                    sum += net.rowLoss(x, t).sum().getFloat();
                }
            }
            return sum / rows;
        }
    }
}
