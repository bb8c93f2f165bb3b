package io.sedstream.trainer.train;

import ai.djl.ndarray.NDArray;
import io.sedstream.inference.onnx.Activation;

import java.util.Locale;

/** Applies the inference module's {@link Activation} (what the ONNX graph will run) to DJL arrays. */
final class HiddenActivation {

    private HiddenActivation() {
    }

    static NDArray apply(Activation activation, NDArray x) {
        return switch (activation) {
            case RELU -> ai.djl.nn.Activation.relu(x);
            case TANH -> ai.djl.nn.Activation.tanh(x);
            // x * sigmoid(x) written out: DJL's swish multiplies by a Java number, which it backs with
            // a temporary buffer that is freed before backward reads it.
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
        };
    }

    /** Parses a command-line activation name (relu, tanh, silu). */
    static Activation parse(String text) {
        for (Activation a : Activation.values()) {
            if (a.name().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + text + "' (expected relu, tanh or silu)");
    }

    static String id(Activation a) {
        return a.name().toLowerCase(Locale.ROOT);
    }
}
