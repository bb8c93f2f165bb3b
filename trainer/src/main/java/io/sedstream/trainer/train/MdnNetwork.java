package io.sedstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The MDN as DJL arrays (PyTorch engine): an MLP whose output is the raw mixture vector. Parameters
 * are initialised from a seeded Java RNG so that training is reproducible independent of the engine's
 * own random state; {@link #snapshot()} reads them back into plain floats for the ONNX writer.
 */
public final class MdnNetwork implements AutoCloseable {

    /** Output-layer weights are scaled down so every component starts near a unit-precision Gaussian. */
    private static final double OUTPUT_WEIGHT_SCALE = 0.1;
    private static final int HEADS = 4;

    private final MdnArchitecture architecture;
    private final NDManager manager;
    private final List<NDArray> weights;
    private final List<NDArray> biases;

    private MdnNetwork(MdnArchitecture architecture, NDManager manager, List<NDArray> weights, List<NDArray> biases) {
        this.architecture = architecture;
        this.manager = manager;
        this.weights = weights;
        this.biases = biases;
    }

    /** Fresh network: He/Glorot-uniform hidden layers, small output layer, component means spread by N(0, 1). */
    public static MdnNetwork initialise(NDManager parent, MdnArchitecture architecture, long seed) {
        return fromWeights(parent, architecture, initialWeights(architecture, seed));
    }

    static MlpWeights initialWeights(MdnArchitecture arch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] widths = arch.layerWidths();
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            boolean last = l + 2 == widths.length;
            double limit = hiddenInitLimit(arch.activation(), in, out);
            if (last) {
                limit = Math.sqrt(6.0 / (in + out)) * OUTPUT_WEIGHT_SCALE;
            }
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
            }
            float[] b = new float[out];
            if (last) {
                int k = arch.components();
                int d = arch.parameterCount();
                for (int i = k; i < k + k * d; i++) {
                    b[i] = (float) gaussian(rng);
                }
            }
            layers.add(new DenseLayer(in, out, w, b));
        }
        return new MlpWeights(layers, arch.activation());
    }

    /** Half-width of the uniform initialisation of a hidden layer: He for ReLU/SiLU, Glorot for tanh. */
    static double hiddenInitLimit(io.sedstream.inference.onnx.Activation activation, int in, int out) {
        return switch (activation) {
            case RELU, SILU -> Math.sqrt(6.0 / in);
            case TANH -> Math.sqrt(6.0 / (in + out));
        };
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * Loads plain-float weights (e.g. a snapshot) into a new network that owns its own sub-manager.
     * DJL holds each weight as [in, out] (x W); the ONNX side stores [out, in].
     */
    public static MdnNetwork fromWeights(NDManager parent, MdnArchitecture arch, MlpWeights mlp) {
        checkMatches(arch, mlp);
        NDManager manager = parent.newSubManager();
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> biases = new ArrayList<>();
        List<DenseLayer> layers = mlp.layers();
        for (int l = 0; l + 1 < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            weights.add(trainable(manager.create(transpose(layer.weightOutIn(), layer.outputs(), layer.inputs()),
                    new Shape(layer.inputs(), layer.outputs()))));
            biases.add(trainable(manager.create(layer.bias(), new Shape(layer.outputs()))));
        }
        // The output layer is held as one block of columns per mixture part (logits, means, log
        // diagonals, off-diagonals) so the loss needs no slicing; snapshot() joins them again.
        DenseLayer out = layers.get(layers.size() - 1);
        float[] w = out.weightOutIn();
        float[] b = out.bias();
        int[] starts = headStarts(arch);
        for (int h = 0; h + 1 < starts.length; h++) {
            int from = starts[h];
            int width = starts[h + 1] - from;
            float[] rowsOfHead = java.util.Arrays.copyOfRange(w, from * out.inputs(), (from + width) * out.inputs());
            weights.add(trainable(manager.create(transpose(rowsOfHead, width, out.inputs()), new Shape(out.inputs(), width))));
            biases.add(trainable(manager.create(java.util.Arrays.copyOfRange(b, from, from + width), new Shape(width))));
        }
        return new MdnNetwork(arch, manager, weights, biases);
    }

    private static void checkMatches(MdnArchitecture arch, MlpWeights mlp) {
        int[] widths = arch.layerWidths();
        if (mlp.layers().size() != widths.length - 1 || mlp.activation() != arch.activation()) {
            throw new IllegalArgumentException("weights (" + mlp.layers().size() + " layers, " + mlp.activation()
                    + ") do not match " + arch);
        }
        for (int l = 0; l < mlp.layers().size(); l++) {
            DenseLayer layer = mlp.layers().get(l);
            if (layer.inputs() != widths[l] || layer.outputs() != widths[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " is " + layer.inputs() + " -> " + layer.outputs()
                        + " but " + arch + " needs " + widths[l] + " -> " + widths[l + 1]);
            }
        }
    }

    /** Row-major [rows][cols] -> [cols][rows]. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private static NDArray trainable(NDArray a) {
        a.setRequiresGradient(true);
        return a;
    }

    /** Column offsets of the mixture parts in the output vector, plus the end: MixtureLayout order. */
    static int[] headStarts(MdnArchitecture arch) {
        int k = arch.components();
        int d = arch.parameterCount();
        return new int[]{0, k, k + k * d, k + 2 * k * d, arch.outputCount()};
    }

    public MdnArchitecture architecture() {
        return architecture;
    }

    /** features [B, F] -> the four mixture parts; results live in the features' manager. */
    MixtureHeads heads(NDArray features) {
        int hidden = weights.size() - HEADS;
        NDArray x = features;
        for (int l = 0; l < hidden; l++) {
            x = HiddenActivation.apply(architecture.activation(), x.matMul(weights.get(l)).add(biases.get(l)));
        }
        NDArray[] parts = new NDArray[HEADS];
        for (int h = 0; h < HEADS; h++) {
            parts[h] = x.matMul(weights.get(hidden + h)).add(biases.get(hidden + h));
        }
        return new MixtureHeads(parts[0], parts[1], parts[2], parts[3]);
    }

    /** features [B, F] -> raw mixture vector [B, outputs] in MixtureLayout order (what ONNX returns). */
    public NDArray forward(NDArray features) {
        MixtureHeads h = heads(features);
        return h.logits().concat(h.means(), 1).concat(h.logDiagonal(), 1).concat(h.upper(), 1);
    }

    /** Network outputs split by mixture part: [B,K], [B,K*D], [B,K*D], [B,K*D(D-1)/2]. */
    record MixtureHeads(NDArray logits, NDArray means, NDArray logDiagonal, NDArray upper) {
    }

    /** Weights then biases per layer, in a stable order (used as optimizer parameter ids). */
    List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            all.add(weights.get(l));
            all.add(biases.get(l));
        }
        return Collections.unmodifiableList(all);
    }

    /** Copies the current parameters into plain float arrays (ONNX orientation, output heads joined in MixtureLayout order). */
    public MlpWeights snapshot() {
        int[] widths = architecture.layerWidths();
        int hidden = weights.size() - HEADS;
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            layers.add(new DenseLayer(widths[l], widths[l + 1], transpose(weights.get(l).toFloatArray(), widths[l], widths[l + 1]),
                    biases.get(l).toFloatArray()));
        }
        int in = widths[hidden];
        int outputs = architecture.outputCount();
        int[] starts = headStarts(architecture);
        float[] w = new float[in * outputs];
        float[] b = new float[outputs];
        for (int h = 0; h < HEADS; h++) {
            int width = starts[h + 1] - starts[h];
            float[] rowsOfHead = transpose(weights.get(hidden + h).toFloatArray(), in, width);
            System.arraycopy(rowsOfHead, 0, w, starts[h] * in, rowsOfHead.length);
            System.arraycopy(biases.get(hidden + h).toFloatArray(), 0, b, starts[h], width);
        }
        layers.add(new DenseLayer(in, outputs, w, b));
        return new MlpWeights(layers, architecture.activation());
    }

    @Override
    public void close() {
        manager.close();
    }
}
