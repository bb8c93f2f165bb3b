package io.sedstream.trainer.nested;

import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits one galaxy's photometry with nested sampling under the forward model and its default
 * prior: the exact Gaussian flux likelihood ({@link PhotometryLikelihood}, missing bands skipped),
 * sampled in the unit cube of the model's free parameters ({@link SedPriorTransform}); the output
 * parameters (redshift, masses, SFRs, t25..t75, age, beta) are then computed for every sample
 * that carries weight. Not thread-safe (one forward-model workspace); one fitter per thread.
 */
public final class SedNestedFitter {

    /** Samples whose weight is below exp(-this) times the largest are dropped (their total is negligible). */
    private static final double NEGLIGIBLE_LOG_WEIGHT = 30.0;

    private final ForwardModel model;
    private final NestedSamplerConfig config;
    private final SedPriorTransform prior;
    private final ForwardModel.Workspace workspace;

    public SedNestedFitter(ForwardModel model, NestedSamplerConfig config) {
        if (model == null || config == null) {
            throw new IllegalArgumentException("model and config must not be null");
        }
        this.model = model;
        this.config = config;
        this.prior = SedPriorTransform.of(model.prior());
        this.workspace = model.newWorkspace();
    }

    public SedPriorTransform priorTransform() {
        return prior;
    }

    /** The likelihood of these fluxes (NaN = missing band) as a function of the free parameters. */
    public PhotometryLikelihood likelihood(double[] observedFluxNJy, double[] fluxErrNJy) {
        int bands = model.bandNames().size();
        if (observedFluxNJy.length != bands) {
            throw new IllegalArgumentException("expected " + bands + " fluxes in the model's band order "
                    + model.bandNames() + ", got " + observedFluxNJy.length);
        }
        return new PhotometryLikelihood(observedFluxNJy, fluxErrNJy,
                (free, out) -> model.noiselessFluxes(free, workspace, out));
    }

    /** Fits one galaxy; {@code seed} replaces the config's seed so each galaxy gets its own stream. */
    public SedFit fit(double[] observedFluxNJy, double[] fluxErrNJy, long seed) {
        PhotometryLikelihood likelihood = likelihood(observedFluxNJy, fluxErrNJy);
        long t0 = System.nanoTime();
        NestedSamplingResult r = new NestedSampler(config.withSeed(seed)).run(prior, likelihood);
        long t1 = System.nanoTime();
        double[] logW = r.logWeights();
        double maxLogW = Double.NEGATIVE_INFINITY;
        for (double lw : logW) {
            maxLogW = Math.max(maxLogW, lw);
        }
        double[][] free = r.samples();
        List<double[]> kept = new ArrayList<>();
        List<Double> keptWeights = new ArrayList<>();
        double[] flux = new double[model.bandNames().size()];
        double total = 0;
        for (int i = 0; i < free.length; i++) {
            if (logW[i] < maxLogW - NEGLIGIBLE_LOG_WEIGHT) {
                continue;
            }
            double[] outputs = new double[ParameterNames.OUTPUTS.size()];
            model.simulate(free[i], workspace, flux, outputs);
            kept.add(outputs);
            double w = Math.exp(logW[i]);
            keptWeights.add(w);
            total += w;
        }
        long t2 = System.nanoTime();
        double[][] samples = kept.toArray(new double[0][]);
        double[] weights = new double[samples.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = keptWeights.get(i) / total;
        }
        return new SedFit(ParameterNames.OUTPUTS, samples, weights, r.logZ(), r.logZError(), r.information(),
                r.likelihoodCalls(), r.iterations(), r.converged(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
