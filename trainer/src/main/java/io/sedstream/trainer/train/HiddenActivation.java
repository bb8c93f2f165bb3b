package io.sedstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

import java.util.Locale;

/** Activation of the hidden layers of the MDN body; each has a direct ONNX counterpart. */
public enum HiddenActivation {
    RELU,
    TANH,
    /** SiLU / swish with beta = 1: x * sigmoid(x). */
    SILU;

    NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case TANH -> Activation.tanh(x);
            // x * sigmoid(x) written out: Activation.swish multiplies by a Java number, which DJL
            // backs with a temporary buffer that is freed before backward reads it.
            case SILU -> x.mul(Activation.sigmoid(x));
        };
    }

    /** Plain-Java evaluation, used by tests and by the float-array forward pass. */
    public double apply(double x) {
        return switch (this) {
            case RELU -> Math.max(0.0, x);
            case TANH -> Math.tanh(x);
            case SILU -> x / (1.0 + Math.exp(-x));
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HiddenActivation parse(String text) {
        for (HiddenActivation a : values()) {
            if (a.id().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + text + "' (expected relu, tanh or silu)");
    }
}
