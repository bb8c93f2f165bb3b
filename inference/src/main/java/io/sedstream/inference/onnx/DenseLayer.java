package io.sedstream.inference.onnx;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One fully connected layer y = W x + b. The weight is stored row-major as [outputs][inputs],
 * PyTorch's {@code nn.Linear} layout, so a trained layer's weight tensor can be copied as is.
 */
public record DenseLayer(int inputs, int outputs, float[] weightOutIn, float[] bias) {
    public DenseLayer {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("dense layer sizes must be positive, got " + inputs + " -> " + outputs);
        }
        if (weightOutIn == null || weightOutIn.length != inputs * outputs) {
            throw new IllegalArgumentException("dense layer weight must hold outputs*inputs = " + (inputs * outputs)
                    + " values, got " + (weightOutIn == null ? "null" : weightOutIn.length));
        }
        if (bias == null || bias.length != outputs) {
            throw new IllegalArgumentException("dense layer bias must hold " + outputs + " values, got "
                    + (bias == null ? "null" : bias.length));
        }
        for (float w : weightOutIn) {
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException("dense layer weight holds a non-finite value");
            }
        }
        for (float b : bias) {
            if (!Float.isFinite(b)) {
                throw new IllegalArgumentException("dense layer bias holds a non-finite value");
            }
        }
        weightOutIn = weightOutIn.clone();
        bias = bias.clone();
    }

    /**
     * A layer of independent Gaussian weights (sd {@code weightScale}) and biases (sd
     * {@code biasScale}), drawn weights first, row-major: the seeded untrained fixtures' layers.
     */
    public static DenseLayer gaussian(SplittableRandom random, int in, int out, double weightScale, double biasScale) {
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (weightScale * random.nextGaussian());
        }
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            b[i] = (float) (biasScale * random.nextGaussian());
        }
        return new DenseLayer(in, out, w, b);
    }

    /** Weight W[out][in]. */
    public float weight(int out, int in) {
        return weightOutIn[out * inputs + in];
    }

    @Override
    public float[] weightOutIn() {
        return weightOutIn.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer d && d.inputs == inputs && d.outputs == outputs
                && Arrays.equals(d.weightOutIn, weightOutIn) && Arrays.equals(d.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weightOutIn) + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "DenseLayer[" + inputs + " -> " + outputs + "]";
    }

    /** y = W x + b in double precision; the reference the ONNX export is tested against. */
    void forward(double[] x, double[] y) {
        for (int o = 0; o < outputs; o++) {
            double s = bias[o];
            int row = o * inputs;
            for (int i = 0; i < inputs; i++) {
                s += weightOutIn[row + i] * x[i];
            }
            y[o] = s;
        }
    }
}
