package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A second estimator kind, for the tests that prove a kind plugs in by one class and one registry
 * line ({@code META-INF/services} in the test resources): a DIAGONAL Gaussian mixture whose member
 * output row is {@code [logits (K) | means (K*D) | log sd (K*D)]} in the standardised parameters,
 * width K(1 + 2D). Each loaded row is rewritten as the full-covariance mixture it equals (U diagonal
 * with log diag U = -log sd, no off-diagonal terms) and handed to {@link MixturePosterior}, so the
 * summaries are the exact ones; the tests check them against direct quadrature of the diagonal
 * mixture, which this class does not use.
 */
public final class DiagonalMixtureKind implements EstimatorKind {
    public static final String NAME = "diagonal-gaussian-mixture-test";

    @Override
    public String name() {
        return NAME;
    }

    static int components(Manifest manifest) {
        int k = manifest.estimator().setting(GaussianMixtureKind.COMPONENTS);
        if (k < 1) {
            throw new io.sedstream.inference.bundle.InvalidModelBundleException("estimator.components must be at least 1, got " + k);
        }
        return k;
    }

    /** Width of one diagonal output row. */
    public static int width(int components, int dimensions) {
        return components * (1 + 2 * dimensions);
    }

    @Override
    public int outputWidth(Manifest manifest) {
        return width(components(manifest), manifest.parameterCount());
    }

    @Override
    public String outputDescription(Manifest manifest) {
        return "K=" + components(manifest) + " diagonal components x D=" + manifest.parameterCount() + " parameters ("
                + outputWidth(manifest) + " values)";
    }

    /** The full-covariance row equal to a diagonal row. */
    static void toFullCovariance(float[] diagonal, int offset, int k, int d, MixtureLayout full, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int c = 0; c < k; c++) {
            out[full.logitOffset(c)] = diagonal[offset + c];
            for (int i = 0; i < d; i++) {
                out[full.meanOffset(c, i)] = diagonal[offset + k + c * d + i];
                out[full.logDiagonalOffset(c, i)] = -diagonal[offset + k + k * d + c * d + i];
            }
        }
    }

    @Override
    public Posterior newPosterior(Manifest manifest) {
        int k = components(manifest);
        int d = manifest.parameterCount();
        MixtureLayout full = new MixtureLayout(k, d);
        MixturePosterior inner = new MixturePosterior(full, manifest.members().size(), manifest.parameters());
        float[] row = new float[full.width()];
        return new Posterior() {
            @Override
            public List<String> parameterNames() {
                return inner.parameterNames();
            }

            @Override
            public int dimensions() {
                return d;
            }

            @Override
            public void setMember(int member, double memberWeight, float[] output, int offset) {
                toFullCovariance(output, offset, k, d, full, row);
                inner.setMember(member, memberWeight, row, 0);
            }

            @Override
            public ParameterSummary summarise(int dim) {
                return inner.summarise(dim);
            }

            @Override
            public double marginalCdf(int dim, double x) {
                return inner.marginalCdf(dim, x);
            }

            @Override
            public double marginalQuantile(int dim, double p) {
                return inner.marginalQuantile(dim, p);
            }

            @Override
            public double marginalMassOutside(int dim) {
                return inner.marginalMassOutside(dim);
            }

            @Override
            public double logDensity(double[] thetaPhysical) {
                return inner.logDensity(thetaPhysical);
            }

            @Override
            public int sample(int count, RandomGenerator random, double[] out, long maxAttempts) {
                return inner.sample(count, random, out, maxAttempts);
            }

            @Override
            public long lastAttempts() {
                return inner.lastAttempts();
            }
        };
    }

    @Override
    public Optional<ConditionalPosterior> conditionalOn(Manifest manifest, int dim) {
        int k = components(manifest);
        int d = manifest.parameterCount();
        MixtureLayout full = new MixtureLayout(k, d);
        ConditionalMixture inner = new ConditionalMixture(full, manifest.members().size(), manifest.parameters(), dim);
        float[] row = new float[full.width()];
        return Optional.of(new ConditionalPosterior() {
            @Override
            public int knownDimension() {
                return inner.knownDimension();
            }

            @Override
            public void setMember(int member, double memberWeight, float[] output, int offset) {
                toFullCovariance(output, offset, k, d, full, row);
                inner.setMember(member, memberWeight, row, 0);
            }

            @Override
            public Posterior condition(double valuePhysical) {
                return inner.condition(valuePhysical);
            }
        });
    }
}
