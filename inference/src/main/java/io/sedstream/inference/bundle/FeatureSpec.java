package io.sedstream.inference.bundle;

import java.util.List;

/**
 * How photometry becomes the network input: the encoding id, whether redshift (spec-z) is an
 * extra input, and the per-feature standardisation (x - mean) / std in feature order.
 * Which features exist and in which order is defined by the encoding
 * ({@link io.sedstream.inference.features.FeatureEncoder#ENCODING_ASINH_V1}).
 */
public record FeatureSpec(String encoding, boolean redshiftInput, List<Double> means, List<Double> stds) {
    public FeatureSpec {
        if (encoding == null || encoding.isBlank()) {
            throw new InvalidModelBundleException("features.encoding must be non-blank");
        }
        if (means == null || stds == null) {
            throw new InvalidModelBundleException("features.means and features.stds must be given");
        }
        means = List.copyOf(means);
        stds = List.copyOf(stds);
        for (int i = 0; i < means.size(); i++) {
            if (!Double.isFinite(means.get(i))) {
                throw new InvalidModelBundleException("features.means[" + i + "] is not finite: " + means.get(i));
            }
        }
        for (int i = 0; i < stds.size(); i++) {
            double s = stds.get(i);
            if (!Double.isFinite(s) || !(s > 0)) {
                throw new InvalidModelBundleException("features.stds[" + i + "] must be positive and finite, got " + s);
            }
        }
    }

    public double[] meansArray() {
        return means.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] stdsArray() {
        return stds.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
