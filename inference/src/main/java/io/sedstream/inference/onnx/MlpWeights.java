package io.sedstream.inference.onnx;

import java.util.List;

/**
 * A multilayer perceptron: dense layers with one activation after every layer but the last
 * (the last layer is linear, as a mixture-density head needs).
 */
public record MlpWeights(List<DenseLayer> layers, Activation activation) {
    public MlpWeights {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least one layer");
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must be given");
        }
        layers = List.copyOf(layers);
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
            }
        }
    }

    public int inputSize() {
        return layers.get(0).inputs();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** Plain-Java forward pass of one input row, in double precision. */
    public double[] forward(float[] input) {
        if (input.length != inputSize()) {
            throw new IllegalArgumentException("input has " + input.length + " values, MLP expects " + inputSize());
        }
        double[] x = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            x[i] = input[i];
        }
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            double[] y = new double[layer.outputs()];
            layer.forward(x, y);
            if (l < layers.size() - 1) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = activation.apply(y[i]);
                }
            }
            x = y;
        }
        return x;
    }
}
