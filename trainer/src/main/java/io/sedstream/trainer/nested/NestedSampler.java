package io.sedstream.trainer.nested;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Static nested sampling (Skilling 2006, Bayesian Analysis 1, 833): nLive points drawn from the
 * prior; at each iteration the worst is retired with prior volume X_i = exp(-i / nLive) and
 * replaced by a draw from the prior restricted to L > L_worst. The evidence is the sum of
 * L_i (X_{i-1} - X_i) plus the live points left at the end; its error is sqrt(H / nLive)
 * (Skilling 2006, sect. 9), H being the information (KL divergence of posterior from prior).
 *
 * <p>Everything happens in the unit hypercube; the {@link PriorTransform} gives the physical
 * parameters. One run is single-threaded and fully determined by its seed.
 */
public final class NestedSampler {

    /** A slice that cannot find the constrained region after this many shrinks has a bug behind it. */
    private static final int MAX_SHRINKS = 10_000;
    private static final int MAX_STEP_OUTS = 10_000;

    private final NestedSamplerConfig config;

    public NestedSampler(NestedSamplerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    public NestedSamplerConfig config() {
        return config;
    }

    public NestedSamplingResult run(PriorTransform prior, LogLikelihood likelihood) {
        return run(prior, likelihood, null);
    }

    /** As {@link #run(PriorTransform, LogLikelihood)}, reporting progress every nLive iterations. */
    public NestedSamplingResult run(PriorTransform prior, LogLikelihood likelihood, ProgressListener listener) {
        return new Run(prior, likelihood, listener).execute();
    }

    /** A snapshot of a run in progress. */
    public record Progress(long iteration, long likelihoodCalls, double logZ, double logX, double logLStar,
                           double remainingDlogZ, int boundEllipsoids, double sliceScale) {
    }

    /** Receives {@link Progress} snapshots. */
    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(Progress progress);
    }

    /** The mutable state of one run; confined to the calling thread. */
    private final class Run {
        private final PriorTransform prior;
        private final LogLikelihood likelihood;
        private final int dim;
        private final int physDim;
        private final int nLive;
        private final SplittableRandom rng;
        private final double[][] liveU;
        private final double[][] liveTheta;
        private final double[] liveLogL;
        private final DeadPoints dead;
        private long calls;
        private MultiEllipsoid bound;
        private long lastBoundIteration = Long.MIN_VALUE;
        private double sliceScale = 1.0;
        private final double[] work;
        private final double[] trialU;
        private final double[] trialTheta;
        private double trialLogL;
        private final ProgressListener listener;

        Run(PriorTransform prior, LogLikelihood likelihood, ProgressListener listener) {
            this.listener = listener;
            if (prior == null || likelihood == null) {
                throw new IllegalArgumentException("prior transform and likelihood must not be null");
            }
            this.prior = prior;
            this.likelihood = likelihood;
            this.dim = prior.dimension();
            this.physDim = prior.physicalDimension();
            if (dim < 1 || physDim < dim) {
                throw new IllegalArgumentException("prior transform must have dimension >= 1 and physicalDimension >= dimension,"
                        + " got " + dim + " and " + physDim);
            }
            this.nLive = config.nLive();
            this.rng = new SplittableRandom(config.seed());
            this.liveU = new double[nLive][dim];
            this.liveTheta = new double[nLive][physDim];
            this.liveLogL = new double[nLive];
            this.dead = new DeadPoints(dim, physDim);
            this.work = new double[dim];
            this.trialU = new double[dim];
            this.trialTheta = new double[physDim];
        }

        NestedSamplingResult execute() {
            for (int i = 0; i < nLive; i++) {
                for (int j = 0; j < dim; j++) {
                    liveU[i][j] = rng.nextDouble();
                }
                liveLogL[i] = evaluate(liveU[i], liveTheta[i]);
            }
            double logZ = Double.NEGATIVE_INFINITY;
            double logX = 0.0;
            // X_{i-1} - X_i = X_{i-1} (1 - e^{-1/n})
            double logShrinkWidth = Math.log(-Math.expm1(-1.0 / nLive));
            long iteration = 0;
            boolean converged = false;
            while (true) {
                double maxLive = Double.NEGATIVE_INFINITY;
                int worst = 0;
                for (int i = 0; i < nLive; i++) {
                    maxLive = Math.max(maxLive, liveLogL[i]);
                    if (liveLogL[i] < liveLogL[worst]) {
                        worst = i;
                    }
                }
                double remaining = logZ > Double.NEGATIVE_INFINITY
                        ? MultiEllipsoid.logAddExp(logZ, maxLive + logX) - logZ : Double.POSITIVE_INFINITY;
                if (listener != null && iteration % nLive == 0) {
                    listener.onProgress(new Progress(iteration, calls, logZ, logX, liveLogL[worst], remaining,
                            bound == null ? 0 : bound.size(), sliceScale));
                }
                if (remaining < config.dlogZ()) {
                    converged = true;
                    break;
                }
                if (iteration >= config.maxIterations() || calls >= config.maxLikelihoodCalls()) {
                    break;
                }
                iteration++;
                double logLStar = liveLogL[worst];
                double logWeight = logLStar + logX + logShrinkWidth;
                logZ = MultiEllipsoid.logAddExp(logZ, logWeight);
                dead.add(liveU[worst], liveTheta[worst], logLStar, logWeight);
                logX = -iteration / (double) nLive;
                replace(worst, logLStar, logX, iteration);
            }
            // The live points fill the remaining volume X: the k-th worst of them is expected at
            // X (1 - k / (nLive + 1)) (uniform order statistics).
            Integer[] order = new Integer[nLive];
            for (int i = 0; i < nLive; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(liveLogL[a], liveLogL[b]));
            double previousLogX = logX;
            for (int k = 1; k <= nLive; k++) {
                int i = order[k - 1];
                double nextLogX = logX + Math.log1p(-k / (double) (nLive + 1));
                double logWidth = previousLogX + Math.log(-Math.expm1(nextLogX - previousLogX));
                double logWeight = liveLogL[i] + logWidth;
                logZ = MultiEllipsoid.logAddExp(logZ, logWeight);
                dead.add(liveU[i], liveTheta[i], liveLogL[i], logWeight);
                previousLogX = nextLogX;
            }
            return dead.toResult(nLive, iteration, calls, converged);
        }

        private double evaluate(double[] u, double[] theta) {
            prior.toPhysical(u, theta);
            double l = likelihood.logLikelihood(theta);
            calls++;
            if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                throw new IllegalStateException("log-likelihood returned " + l + " at unit-cube point "
                        + Arrays.toString(u) + " (physical " + Arrays.toString(theta) + ")");
            }
            return l;
        }

        private void replace(int worst, double logLStar, double logX, long iteration) {
            if (logX > config.priorPhaseLogX()) {
                samplePrior(logLStar);
            } else {
                if (bound == null || iteration - lastBoundIteration >= config.boundUpdateInterval()) {
                    bound = MultiEllipsoid.build(liveU, config.enlargement(), true);
                    lastBoundIteration = iteration;
                }
                if (config.method() == SamplingMethod.ELLIPSOIDS) {
                    sampleEllipsoids(logLStar);
                } else {
                    sliceFromChosenStart(worst, logLStar);
                }
            }
            System.arraycopy(trialU, 0, liveU[worst], 0, dim);
            System.arraycopy(trialTheta, 0, liveTheta[worst], 0, physDim);
            liveLogL[worst] = trialLogL;
        }

        /**
         * Starts a slice chain. With one component, from any live point but the one being
         * replaced. With several (separate modes), a component is first drawn in proportion to
         * its share of the bound's volume and the start is a live point inside it: a chain
         * rarely leaves its mode, so a uniformly chosen start would let the modes' shares of live
         * points drift like a neutral urn (variance ~ 2 p (1 - p) H / nLive), whereas the volume
         * ties each mode's share of new points to its prior mass (as MultiNest's choice of
         * ellipsoid does). Bounding volumes over-weight the modes with fewer points a little
         * (+0.03 on a 0.25 share in 5-D), so with several components a few independent draws from
         * the bound are tried first (a budget of 2 x slices calls): one that lands inside L > L*
         * is an exact draw and splits new points between modes by their true volume. The chain's directions come from the component's one ellipsoid, fixed
         * for the whole chain: axes chosen from the current point (or from a piece of a curved
         * ridge) make the kernel state-dependent and biased a banana's mean by ~0.05 sigma in our
         * tests.
         */
        private void sliceFromChosenStart(int worst, double logLStar) {
            if (bound.components() > 1 && tryEllipsoidDraws(logLStar, 2 * config.slicesFor(dim))) {
                return;
            }
            int c = bound.componentByVolume(rng, trialU, work);
            if (bound.components() > 1) {
                for (int attempt = 0; attempt < 20 * nLive; attempt++) {
                    int i = rng.nextInt(nLive);
                    if (i != worst && bound.componentContains(c, liveU[i], work)) {
                        sliceFrom(i, bound.componentAxes(c), logLStar);
                        return;
                    }
                }
            }
            int start = rng.nextInt(nLive - 1);
            start = start >= worst ? start + 1 : start;
            sliceFrom(start, bound.componentAxes(c), logLStar);
        }

        /** Up to {@code budget} uniform draws from the bound; true when one lands in L > L*. */
        private boolean tryEllipsoidDraws(double logLStar, int budget) {
            int used = 0;
            while (used < budget) {
                checkCallBudget();
                if (!bound.sampleUniform(rng, trialU, work) || !insideUnitCube(trialU)) {
                    continue;
                }
                used++;
                trialLogL = evaluate(trialU, trialTheta);
                if (trialLogL > logLStar) {
                    return true;
                }
            }
            return false;
        }

        /** Plain rejection from the prior: acceptance is X itself, so only used early on. */
        private void samplePrior(double logLStar) {
            while (true) {
                checkCallBudget();
                for (int j = 0; j < dim; j++) {
                    trialU[j] = rng.nextDouble();
                }
                trialLogL = evaluate(trialU, trialTheta);
                if (trialLogL > logLStar) {
                    return;
                }
            }
        }

        private void sampleEllipsoids(double logLStar) {
            while (true) {
                checkCallBudget();
                if (!bound.sampleUniform(rng, trialU, work) || !insideUnitCube(trialU)) {
                    continue;
                }
                trialLogL = evaluate(trialU, trialTheta);
                if (trialLogL > logLStar) {
                    return;
                }
            }
        }

        /**
         * Random-direction slice sampling from live point {@code start}: each move draws an
         * isotropic direction in the frame of {@code cluster}'s ellipsoid, steps out (Neal 2003, fig. 3) and shrinks until a point with L > L* is found. Points
         * outside the unit cube are outside the slice without a likelihood call. The step scale
         * adapts between chains (never within one) so that expansions and contractions balance.
         * The axes stay fixed for the whole chain, so the chain leaves the uniform law on the
         * constrained prior invariant.
         */
        private void sliceFrom(int start, Ellipsoid cluster, double logLStar) {
            double[] x = liveU[start].clone();
            double[] xTheta = liveTheta[start].clone();
            double xLogL = liveLogL[start];
            double[] direction = new double[dim];
            double[] isotropic = new double[dim];
            int slices = config.slicesFor(dim);
            int expansions = 0;
            int contractions = 0;
            for (int s = 0; s < slices; s++) {
                double norm2 = 0;
                for (int j = 0; j < dim; j++) {
                    isotropic[j] = rng.nextGaussian();
                    norm2 += isotropic[j] * isotropic[j];
                }
                double inv = sliceScale / Math.sqrt(norm2);
                for (int j = 0; j < dim; j++) {
                    isotropic[j] *= inv;
                }
                cluster.axisTimes(isotropic, direction);
                double r = rng.nextDouble();
                double lo = -r;
                double hi = 1.0 - r;
                int steps = 0;
                while (insideSlice(x, direction, lo, logLStar)) {
                    lo -= 1.0;
                    expansions++;
                    if (++steps > MAX_STEP_OUTS) {
                        throw new IllegalStateException("slice stepping-out did not leave the region L > L* after "
                                + MAX_STEP_OUTS + " steps; the likelihood may be flat to the cube's edge");
                    }
                }
                while (insideSlice(x, direction, hi, logLStar)) {
                    hi += 1.0;
                    expansions++;
                    if (++steps > MAX_STEP_OUTS) {
                        throw new IllegalStateException("slice stepping-out did not leave the region L > L* after "
                                + MAX_STEP_OUTS + " steps; the likelihood may be flat to the cube's edge");
                    }
                }
                int shrinks = 0;
                while (true) {
                    checkCallBudget();
                    double t = lo + rng.nextDouble() * (hi - lo);
                    for (int j = 0; j < dim; j++) {
                        trialU[j] = x[j] + t * direction[j];
                    }
                    if (insideUnitCube(trialU)) {
                        trialLogL = evaluate(trialU, trialTheta);
                        if (trialLogL > logLStar) {
                            System.arraycopy(trialU, 0, x, 0, dim);
                            System.arraycopy(trialTheta, 0, xTheta, 0, physDim);
                            xLogL = trialLogL;
                            break;
                        }
                    }
                    if (t < 0) {
                        lo = t;
                    } else {
                        hi = t;
                    }
                    contractions++;
                    if (++shrinks > MAX_SHRINKS) {
                        throw new IllegalStateException("slice shrinkage found no point with L > L* = " + logLStar
                                + " after " + MAX_SHRINKS + " shrinks (start point not inside the constraint?)");
                    }
                }
            }
            System.arraycopy(x, 0, trialU, 0, dim);
            System.arraycopy(xTheta, 0, trialTheta, 0, physDim);
            trialLogL = xLogL;
            // expansions ~ contractions at a well-matched scale; change by at most 2x per point
            double multiplier = 2.0 * Math.max(expansions, 1) / (Math.max(expansions, 1) + contractions);
            sliceScale *= Math.min(2.0, Math.max(0.5, multiplier));
        }

        private boolean insideSlice(double[] x, double[] direction, double t, double logLStar) {
            for (int j = 0; j < dim; j++) {
                trialU[j] = x[j] + t * direction[j];
            }
            if (!insideUnitCube(trialU)) {
                return false;
            }
            checkCallBudget();
            return evaluate(trialU, trialTheta) > logLStar;
        }

        private void checkCallBudget() {
            if (calls >= config.maxLikelihoodCalls()) {
                throw new IllegalStateException("nested sampling exceeded maxLikelihoodCalls = "
                        + config.maxLikelihoodCalls() + " while drawing a new live point");
            }
        }
    }

    static boolean insideUnitCube(double[] u) {
        for (double v : u) {
            if (!(v >= 0.0 && v <= 1.0)) {
                return false;
            }
        }
        return true;
    }
}
