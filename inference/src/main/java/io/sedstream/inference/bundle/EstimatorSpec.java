package io.sedstream.inference.bundle;

import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest's {@code estimator} block: the estimator kind (looked up in
 * {@link io.sedstream.inference.posterior.EstimatorKinds}) and its integer settings (the mixture's
 * components, a flow's layers...). Bundles written before the block existed have a {@code mixture}
 * block instead, which reads as the full-covariance Gaussian mixture.
 *
 * @param kind     the estimator kind's name
 * @param settings the kind's integer settings by name
 */
public record EstimatorSpec(String kind, Map<String, Integer> settings) {
    public EstimatorSpec {
        if (kind == null || kind.isBlank()) {
            throw new InvalidModelBundleException("estimator.kind must be non-blank");
        }
        if (settings == null) {
            throw new InvalidModelBundleException("estimator settings must be given");
        }
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** The full-covariance Gaussian mixture with K components per member (every shipped bundle). */
    public static EstimatorSpec gaussianMixture(int components) {
        return new EstimatorSpec(io.sedstream.inference.posterior.GaussianMixtureKind.NAME,
                Map.of(io.sedstream.inference.posterior.GaussianMixtureKind.COMPONENTS, components));
    }

    /**
     * The setting called {@code name}.
     *
     * @throws InvalidModelBundleException when the manifest does not give it
     */
    public int setting(String name) {
        Integer value = settings.get(name);
        if (value == null) {
            throw new InvalidModelBundleException("estimator." + name + " must be given for estimator kind " + kind);
        }
        return value;
    }
}
