package io.sedstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A binary classifier MLP as DJL arrays (PyTorch engine): features [B, F] -> one logit [B, 1],
 * trained with binary cross-entropy on the logit. With balanced classes the Bayes-optimal logit is
 * ln p(x|class 1) - ln p(x|class 0), which is how the evidence network reads it (ln K). Weights are
 * initialised from a seeded Java RNG (He/Glorot-uniform hidden layers, a small output layer, zero
 * biases) so training is reproducible; {@link #snapshot()} returns them in the ONNX orientation.
 */
public final class ClassifierNetwork implements EnsembleTrainer.TrainableNetwork {

    /** Output-layer weights start small so every row's first logit is near 0 (P = 1/2). */
    private static final double OUTPUT_WEIGHT_SCALE = 0.1;

    private final int[] widths;
    private final Activation activation;
    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();

    private ClassifierNetwork(NDManager parent, MlpWeights mlp) {
        if (mlp.outputSize() != 1) {
            throw new IllegalArgumentException("a classifier has one output (the logit), got " + mlp.outputSize());
        }
        this.activation = mlp.activation();
        this.widths = new int[mlp.layers().size() + 1];
        this.manager = parent.newSubManager();
        widths[0] = mlp.inputSize();
        for (int l = 0; l < mlp.layers().size(); l++) {
            DenseLayer layer = mlp.layers().get(l);
            widths[l + 1] = layer.outputs();
            // DJL holds each weight as [in, out] (x W); the ONNX side stores [out, in].
            NDArray w = manager.create(MdnNetwork.transpose(layer.weightOutIn(), layer.outputs(), layer.inputs()),
                    new Shape(layer.inputs(), layer.outputs()));
            NDArray b = manager.create(layer.bias(), new Shape(layer.outputs()));
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            weights.add(w);
            biases.add(b);
        }
    }

    /** A fresh network of the given hidden widths, initialised from {@code seed}. */
    public static ClassifierNetwork initialise(NDManager parent, int featureCount, int[] hidden, Activation activation, long seed) {
        return new ClassifierNetwork(parent, initialWeights(featureCount, hidden, activation, seed));
    }

    /** Loads plain-float weights (e.g. a trained snapshot) into a new network with its own sub-manager. */
    public static ClassifierNetwork fromWeights(NDManager parent, MlpWeights mlp) {
        return new ClassifierNetwork(parent, mlp);
    }

    static MlpWeights initialWeights(int featureCount, int[] hidden, Activation activation, long seed) {
        if (featureCount < 1 || hidden.length == 0) {
            throw new IllegalArgumentException("a classifier needs features and at least one hidden layer");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int in = featureCount;
        for (int l = 0; l <= hidden.length; l++) {
            boolean last = l == hidden.length;
            int out = last ? 1 : hidden[l];
            if (out < 1) {
                throw new IllegalArgumentException("hidden widths must be >= 1, got " + java.util.Arrays.toString(hidden));
            }
            double limit = last ? Math.sqrt(6.0 / (in + out)) * OUTPUT_WEIGHT_SCALE : MdnNetwork.hiddenInitLimit(activation, in, out);
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
            }
            layers.add(new DenseLayer(in, out, w, new float[out]));
            in = out;
        }
        return new MlpWeights(layers, activation);
    }

    /** features [B, F] -> logits [B, 1]; results live in the features' manager. */
    public NDArray forward(NDArray features) {
        NDArray x = features;
        int last = weights.size() - 1;
        for (int l = 0; l < last; l++) {
            x = HiddenActivation.apply(activation, x.matMul(weights.get(l)).add(biases.get(l)));
        }
        return x.matMul(weights.get(last)).add(biases.get(last));
    }

    /**
     * Binary cross-entropy on the logit z for labels y in {0, 1} ([B, 1]): softplus(z) - y z
     * = -[y ln sigma(z) + (1 - y) ln(1 - sigma(z))], per row [B]. Softplus is PyTorch's stable
     * kernel; no Java number enters the graph (see {@link MixtureLogProb}'s class note).
     */
    @Override
    public NDArray rowLoss(NDArray features, NDArray labels) {
        NDArray z = forward(features);
        return ai.djl.nn.Activation.softPlus(z).sub(labels.mul(z)).reshape(z.getShape().get(0));
    }

    @Override
    public List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            all.add(weights.get(l));
            all.add(biases.get(l));
        }
        return Collections.unmodifiableList(all);
    }

    @Override
    public MlpWeights snapshot() {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            layers.add(new DenseLayer(widths[l], widths[l + 1], MdnNetwork.transpose(weights.get(l).toFloatArray(), widths[l], widths[l + 1]),
                    biases.get(l).toFloatArray()));
        }
        return new MlpWeights(layers, activation);
    }

    @Override
    public void close() {
        manager.close();
    }
}
