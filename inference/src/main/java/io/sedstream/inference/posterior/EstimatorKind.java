package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import java.util.Optional;

/**
 * One kind of posterior estimator a bundle's manifest may name ({@code estimator.kind}): how wide
 * each ONNX member's output row is and how such a row becomes a {@link Posterior}. The bundle,
 * manifest, writer and {@link io.sedstream.inference.Estimator} code is the same for every kind;
 * adding a kind (a normalizing flow, say) means one implementation of this interface plus one entry
 * in {@link EstimatorKinds}.
 */
public interface EstimatorKind {

    /** The name manifests use for this kind. */
    String name();

    /**
     * Floats per row of every member's output {@code mdn} for the manifest's parameters and
     * estimator settings.
     *
     * @throws InvalidModelBundleException when the manifest's settings do not describe a valid estimator of this kind
     */
    int outputWidth(Manifest manifest);

    /** What the output row holds, for refusal messages ("K=20 components x D=12 parameters"). */
    String outputDescription(Manifest manifest);

    /** A fresh posterior workspace shaped for the manifest. */
    Posterior newPosterior(Manifest manifest);

    /**
     * A workspace that conditions on the parameter {@code dim}'s known value, when this kind can
     * condition exactly; empty otherwise (a given spectroscopic redshift is then refused).
     */
    default Optional<ConditionalPosterior> conditionalOn(Manifest manifest, int dim) {
        return Optional.empty();
    }
}
