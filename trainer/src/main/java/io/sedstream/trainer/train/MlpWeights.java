package io.sedstream.trainer.train;

import java.util.List;

/**
 * A trained MDN as plain float arrays: what the ONNX writer needs and what a test can evaluate
 * without any engine. Hidden layers apply {@link #activation()}; the last layer is linear.
 */
public record MlpWeights(MdnArchitecture architecture, List<DenseLayer> layers) {

    public MlpWeights {
        layers = List.copyOf(layers);
        int[] widths = architecture.layerWidths();
        if (layers.size() != widths.length - 1) {
            throw new IllegalArgumentException("expected " + (widths.length - 1) + " layers, got " + layers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer l = layers.get(i);
            if (l.inputs() != widths[i] || l.outputs() != widths[i + 1]) {
                throw new IllegalArgumentException("layer " + i + " is " + l.inputs() + "x" + l.outputs()
                        + " but the architecture wants " + widths[i] + "x" + widths[i + 1]);
            }
        }
    }

    public HiddenActivation activation() {
        return architecture.activation();
    }

    /** Reference forward pass in double precision for one feature row. */
    public double[] forward(float[] features) {
        if (features.length != architecture.featureCount()) {
            throw new IllegalArgumentException("expected " + architecture.featureCount() + " features, got " + features.length);
        }
        double[] x = new double[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = features[i];
        }
        for (int li = 0; li < layers.size(); li++) {
            DenseLayer l = layers.get(li);
            float[] w = l.weightsInOut();
            float[] b = l.bias();
            double[] y = new double[l.outputs()];
            for (int o = 0; o < y.length; o++) {
                y[o] = b[o];
            }
            for (int i = 0; i < l.inputs(); i++) {
                double xi = x[i];
                int row = i * l.outputs();
                for (int o = 0; o < y.length; o++) {
                    y[o] += xi * w[row + o];
                }
            }
            if (li + 1 < layers.size()) {
                for (int o = 0; o < y.length; o++) {
                    y[o] = activation().apply(y[o]);
                }
            }
            x = y;
        }
        return x;
    }
}
