package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.Manifest;
import java.util.Optional;

/**
 * The full-covariance Gaussian mixture density network: output layout {@link MixtureLayout},
 * posterior {@link MixturePosterior}, exact conditioning {@link ConditionalMixture}. Its one
 * setting is {@value #COMPONENTS} (K per member).
 */
public final class GaussianMixtureKind implements EstimatorKind {
    /** The kind's manifest name. */
    public static final String NAME = "gaussian-mixture-full-covariance";
    /** The setting holding K, the components per member. */
    public static final String COMPONENTS = "components";

    @Override
    public String name() {
        return NAME;
    }

    /** The output layout the manifest describes. */
    public static MixtureLayout layout(Manifest manifest) {
        return new MixtureLayout(manifest.estimator().setting(COMPONENTS), manifest.parameterCount());
    }

    @Override
    public int outputWidth(Manifest manifest) {
        return layout(manifest).width();
    }

    @Override
    public String outputDescription(Manifest manifest) {
        MixtureLayout layout = layout(manifest);
        return "K=" + layout.components() + " components x D=" + layout.dimensions() + " parameters (" + layout.width() + " values)";
    }

    @Override
    public Posterior newPosterior(Manifest manifest) {
        return MixturePosterior.forManifest(manifest);
    }

    @Override
    public Optional<ConditionalPosterior> conditionalOn(Manifest manifest, int dim) {
        if (manifest.parameterCount() < 2) {
            return Optional.empty();
        }
        return Optional.of(ConditionalMixture.forManifest(manifest, manifest.parameterNames().get(dim)));
    }
}
