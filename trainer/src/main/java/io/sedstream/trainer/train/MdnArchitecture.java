package io.sedstream.trainer.train;

import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.posterior.MixtureLayout;

import java.util.Arrays;

/**
 * Shape of a mixture-density network: an MLP body from {@code featureCount} inputs through the hidden
 * layers to {@code components * (1 + 2D + D(D-1)/2)} outputs, laid out as the inference module's
 * MixtureLayout (logits | means | log diag U | strict upper triangle of U, row-major).
 */
public record MdnArchitecture(int featureCount, int parameterCount, int components, int[] hiddenWidths,
                              Activation activation) {

    public static final int[] DEFAULT_HIDDEN = {256, 256, 256};
    public static final int DEFAULT_COMPONENTS = 20;

    public MdnArchitecture {
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount must be >= 1, got " + featureCount);
        }
        if (parameterCount < 1) {
            throw new IllegalArgumentException("parameterCount must be >= 1, got " + parameterCount);
        }
        if (components < 1) {
            throw new IllegalArgumentException("components must be >= 1, got " + components);
        }
        if (hiddenWidths == null || hiddenWidths.length == 0) {
            throw new IllegalArgumentException("at least one hidden layer is required");
        }
        for (int w : hiddenWidths) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden widths must be >= 1, got " + Arrays.toString(hiddenWidths));
            }
        }
        hiddenWidths = hiddenWidths.clone();
        if (activation == null) {
            throw new IllegalArgumentException("activation is required");
        }
    }

    @Override
    public int[] hiddenWidths() {
        return hiddenWidths.clone();
    }

    /** Strict upper-triangle entries of one D x D factor. */
    public int upperCount() {
        return parameterCount * (parameterCount - 1) / 2;
    }

    /** Outputs per component: one logit, D means, D log-diagonals, D(D-1)/2 off-diagonals. */
    public int outputsPerComponent() {
        return 1 + 2 * parameterCount + upperCount();
    }

    public int outputCount() {
        return components * outputsPerComponent();
    }

    /** The inference module's view of the output vector (same width by construction). */
    public MixtureLayout mixtureLayout() {
        return new MixtureLayout(components, parameterCount);
    }

    public static Activation parseActivation(String text) {
        return HiddenActivation.parse(text);
    }

    /** Layer widths from input to output, e.g. [42, 256, 256, 256, 1820]. */
    public int[] layerWidths() {
        int[] widths = new int[hiddenWidths.length + 2];
        widths[0] = featureCount;
        System.arraycopy(hiddenWidths, 0, widths, 1, hiddenWidths.length);
        widths[widths.length - 1] = outputCount();
        return widths;
    }

    public long weightCount() {
        int[] w = layerWidths();
        long n = 0;
        for (int i = 0; i + 1 < w.length; i++) {
            n += (long) w[i] * w[i + 1] + w[i + 1];
        }
        return n;
    }

    public static int[] parseHidden(String text) {
        String[] parts = text.split(",");
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden widths must be comma-separated integers, got '" + text + "'", e);
            }
        }
        return widths;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MdnArchitecture a && a.featureCount == featureCount && a.parameterCount == parameterCount
                && a.components == components && Arrays.equals(a.hiddenWidths, hiddenWidths) && a.activation == activation;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hiddenWidths) + featureCount * 7 + parameterCount * 13 + components * 17 + activation.hashCode();
    }

    @Override
    public String toString() {
        return "MdnArchitecture[features=" + featureCount + ", D=" + parameterCount + ", K=" + components
                + ", hidden=" + Arrays.toString(hiddenWidths) + ", activation=" + HiddenActivation.id(activation) + "]";
    }
}
