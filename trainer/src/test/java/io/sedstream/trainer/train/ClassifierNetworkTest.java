package io.sedstream.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.MlpWeights;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classifier trained by binary cross-entropy on balanced classes learns the log likelihood
 * ratio: on two Gaussian classes, whose ln K is known in closed form, its logit must match it.
 */
class ClassifierNetworkTest {

    /** Class 1 ~ N(MU1, I), class 0 ~ N(-MU1, I) in 2-D: ln K(x) = 2 MU1 . x exactly. */
    private static final double[] MU1 = {1.0, 0.5};

    /** Balanced labelled rows: even rows class 1, odd rows class 0. */
    private record TwoGaussians(float[] x, float[] label) implements BatchSource {
        static TwoGaussians draw(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[2 * n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                double sign = i % 2 == 0 ? 1 : -1;
                y[i] = i % 2 == 0 ? 1f : 0f;
                x[2 * i] = (float) (sign * MU1[0] + r.nextGaussian());
                x[2 * i + 1] = (float) (sign * MU1[1] + r.nextGaussian());
            }
            return new TwoGaussians(x, y);
        }

        @Override
        public int size() {
            return label.length;
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 1;
        }

        @Override
        public void fill(int[] rows, int from, int to, float[] features, float[] theta, SplittableRandom rng, boolean augment) {
            for (int i = 0; i < to - from; i++) {
                int r = rows[from + i];
                features[2 * i] = x[2 * r];
                features[2 * i + 1] = x[2 * r + 1];
                theta[i] = label[r];
            }
        }
    }

    private static List<TrainedMember> train(long seed) {
        Engine engine = TorchRuntime.engine(1);
        TrainingConfig config = new TrainingConfig(12, 128, 3e-3, 5.0, 0.1, 12, seed, Duration.ofMinutes(2), 4, 0.5);
        return new EnsembleTrainer(engine, l -> { }).trainEnsemble(TwoGaussians.draw(8000, 3),
                (root, s) -> ClassifierNetwork.initialise(root, 2, new int[] {32, 32}, Activation.SILU, s), config, 1);
    }

    @Test
    void logitLearnsTheAnalyticLogBayesFactor() {
        TrainedMember member = train(9L).get(0);
        MlpWeights mlp = member.weights();
        // Bayes-optimal cross-entropy of this problem, E[softplus(-|ln K| sign)], is far below ln 2.
        assertTrue(member.bestValidationLoss() < 0.45, "validation BCE " + member.bestValidationLoss());
        TwoGaussians test = TwoGaussians.draw(2000, 77);
        double sumSq = 0;
        double sumSqTruth = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] x = {test.x()[2 * i], test.x()[2 * i + 1]};
            double truth = 2 * (MU1[0] * x[0] + MU1[1] * x[1]);
            double logit = mlp.forward(x)[0];
            sumSq += (logit - truth) * (logit - truth);
            sumSqTruth += truth * truth;
        }
        double rms = Math.sqrt(sumSq / test.size());
        double rmsTruth = Math.sqrt(sumSqTruth / test.size());
        // ln K spreads over +-5 here (rms ~2.8); a network that learnt it is within a few tenths of a nat.
        assertTrue(rms < 0.3, "rms |logit - ln K| = " + rms + " (rms ln K = " + rmsTruth + ")");
    }

    @Test
    void rowLossIsBinaryCrossEntropyOfTheLogitAndSnapshotsRoundTrip() {
        Engine engine = TorchRuntime.engine(1);
        try (NDManager root = engine.newBaseManager();
             ClassifierNetwork net = ClassifierNetwork.initialise(root, 3, new int[] {8}, Activation.TANH, 4L);
             NDManager step = root.newSubManager()) {
            MlpWeights w = net.snapshot();
            float[] x = {0.3f, -1.2f, 2.0f, -0.7f, 0.1f, 0.9f};
            float[] y = {1f, 0f};
            NDArray loss = net.rowLoss(step.create(x, new Shape(2, 3)), step.create(y, new Shape(2, 1)));
            float[] got = loss.toFloatArray();
            assertEquals(2, got.length);
            for (int i = 0; i < 2; i++) {
                double z = w.forward(new float[] {x[3 * i], x[3 * i + 1], x[3 * i + 2]})[0];
                double p = 1 / (1 + Math.exp(-z));
                double bce = -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
                assertEquals(bce, got[i], 1e-6);
            }
            try (ClassifierNetwork copy = ClassifierNetwork.fromWeights(root, w)) {
                MlpWeights again = copy.snapshot();
                for (int l = 0; l < w.layers().size(); l++) {
                    assertArrayEquals(w.layers().get(l).weightOutIn(), again.layers().get(l).weightOutIn());
                }
            }
        }
    }
}
