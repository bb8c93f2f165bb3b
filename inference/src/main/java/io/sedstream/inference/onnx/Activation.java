package io.sedstream.inference.onnx;

/** Hidden-layer activations the MLP writer can export; each maps to standard ONNX operators. */
public enum Activation {
    /** max(0, x): ONNX {@code Relu}. */
    RELU,
    /** tanh(x): ONNX {@code Tanh}. */
    TANH,
    /** x * sigmoid(x) (a.k.a. swish): ONNX {@code Sigmoid} followed by {@code Mul}, valid at any opset. */
    SILU;

    /** The activation applied to one value, in double precision (the reference forward pass). */
    public double apply(double x) {
        return switch (this) {
            case RELU -> x > 0 ? x : 0.0;
            case TANH -> Math.tanh(x);
            case SILU -> x / (1.0 + Math.exp(-x));
        };
    }
}
