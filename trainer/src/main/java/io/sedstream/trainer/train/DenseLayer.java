package io.sedstream.trainer.train;

/**
 * One fully connected layer as plain floats: {@code y = x W + b} with W stored row-major as
 * [inputs][outputs] (the ONNX MatMul orientation).
 */
public record DenseLayer(int inputs, int outputs, float[] weightsInOut, float[] bias) {

    public DenseLayer {
        if (weightsInOut.length != inputs * outputs) {
            throw new IllegalArgumentException("weights length " + weightsInOut.length + " != " + inputs + " x " + outputs);
        }
        if (bias.length != outputs) {
            throw new IllegalArgumentException("bias length " + bias.length + " != " + outputs);
        }
        weightsInOut = weightsInOut.clone();
        bias = bias.clone();
    }

    @Override
    public float[] weightsInOut() {
        return weightsInOut.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    /** W transposed to [outputs][inputs] row-major (the ONNX Gemm transB=1 / PyTorch Linear orientation). */
    public float[] weightsOutIn() {
        float[] t = new float[weightsInOut.length];
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < outputs; o++) {
                t[o * inputs + i] = weightsInOut[i * outputs + o];
            }
        }
        return t;
    }
}
