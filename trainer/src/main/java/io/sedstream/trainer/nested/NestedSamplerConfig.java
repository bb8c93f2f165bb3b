package io.sedstream.trainer.nested;

/**
 * Settings of one nested-sampling run.
 *
 * @param nLive              number of live points (evidence error scales as 1/sqrt(nLive))
 * @param dlogZ              stop when log(Z + L_max X) - log Z falls below this (remaining-evidence
 *                           criterion, Skilling 2006; dynesty's dlogz)
 * @param method             constrained-sampling method
 * @param slices             slice moves per new point for RSLICE; 0 means 3 + D
 * @param enlargement        linear enlargement of each bounding ellipsoid (ELLIPSOIDS; also the
 *                           test of which cluster holds a point for RSLICE)
 * @param boundUpdateEvery   iterations between bound rebuilds; 0 means max(1, nLive / 10)
 * @param priorPhaseLogX     draw new points by plain rejection from the prior while the prior
 *                           volume log X stays above this (acceptance there is X itself)
 * @param maxIterations      hard cap on iterations (a run that hits it says so in the result)
 * @param maxLikelihoodCalls hard cap on likelihood evaluations
 * @param seed               seed of the run's random stream; same seed and inputs give the same run
 */
public record NestedSamplerConfig(
        int nLive,
        double dlogZ,
        SamplingMethod method,
        int slices,
        double enlargement,
        int boundUpdateEvery,
        double priorPhaseLogX,
        long maxIterations,
        long maxLikelihoodCalls,
        long seed) {

    public NestedSamplerConfig {
        if (nLive < 2) {
            throw new IllegalArgumentException("nLive must be >= 2, got " + nLive);
        }
        if (!(dlogZ > 0)) {
            throw new IllegalArgumentException("dlogZ must be > 0, got " + dlogZ);
        }
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (slices < 0) {
            throw new IllegalArgumentException("slices must be >= 0 (0 = 3 + D), got " + slices);
        }
        if (!(enlargement >= 1.0)) {
            throw new IllegalArgumentException("enlargement must be >= 1, got " + enlargement);
        }
        if (boundUpdateEvery < 0) {
            throw new IllegalArgumentException("boundUpdateEvery must be >= 0, got " + boundUpdateEvery);
        }
        if (!(priorPhaseLogX <= 0)) {
            throw new IllegalArgumentException("priorPhaseLogX must be <= 0, got " + priorPhaseLogX);
        }
        if (maxIterations < 1 || maxLikelihoodCalls < 1) {
            throw new IllegalArgumentException("maxIterations and maxLikelihoodCalls must be >= 1");
        }
    }

    /** Defaults: 500 live points, dlogZ 0.1, RSLICE with 3 + D slices, prior phase down to X = 0.05. */
    public static NestedSamplerConfig defaults(long seed) {
        return new NestedSamplerConfig(500, 0.1, SamplingMethod.RSLICE, 0, 1.25, 0,
                Math.log(0.05), 10_000_000L, 2_000_000_000L, seed);
    }

    public NestedSamplerConfig withNLive(int n) {
        return new NestedSamplerConfig(n, dlogZ, method, slices, enlargement, boundUpdateEvery,
                priorPhaseLogX, maxIterations, maxLikelihoodCalls, seed);
    }

    public NestedSamplerConfig withDlogZ(double d) {
        return new NestedSamplerConfig(nLive, d, method, slices, enlargement, boundUpdateEvery,
                priorPhaseLogX, maxIterations, maxLikelihoodCalls, seed);
    }

    public NestedSamplerConfig withMethod(SamplingMethod m) {
        return new NestedSamplerConfig(nLive, dlogZ, m, slices, enlargement, boundUpdateEvery,
                priorPhaseLogX, maxIterations, maxLikelihoodCalls, seed);
    }

    public NestedSamplerConfig withSlices(int s) {
        return new NestedSamplerConfig(nLive, dlogZ, method, s, enlargement, boundUpdateEvery,
                priorPhaseLogX, maxIterations, maxLikelihoodCalls, seed);
    }

    public NestedSamplerConfig withEnlargement(double e) {
        return new NestedSamplerConfig(nLive, dlogZ, method, slices, e, boundUpdateEvery,
                priorPhaseLogX, maxIterations, maxLikelihoodCalls, seed);
    }

    public NestedSamplerConfig withMaxLikelihoodCalls(long calls) {
        return new NestedSamplerConfig(nLive, dlogZ, method, slices, enlargement, boundUpdateEvery,
                priorPhaseLogX, maxIterations, calls, seed);
    }

    public NestedSamplerConfig withSeed(long s) {
        return new NestedSamplerConfig(nLive, dlogZ, method, slices, enlargement, boundUpdateEvery,
                priorPhaseLogX, maxIterations, maxLikelihoodCalls, s);
    }

    /** Slice moves per new point for a D-dimensional problem. */
    int slicesFor(int dimension) {
        return slices > 0 ? slices : 3 + dimension;
    }

    /** Iterations between bound rebuilds. */
    int boundUpdateInterval() {
        return boundUpdateEvery > 0 ? boundUpdateEvery : Math.max(1, nLive / 10);
    }
}
