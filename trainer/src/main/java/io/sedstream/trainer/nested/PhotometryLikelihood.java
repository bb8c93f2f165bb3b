package io.sedstream.trainer.nested;

import java.util.Arrays;

/**
 * The exact Gaussian likelihood of observed fluxes given model fluxes:
 * ln L = sum over observed bands of -0.5 ((f_obs - f_model) / sigma)^2 - ln(sigma sqrt(2 pi)).
 * Missing bands (NaN flux) are skipped, which is the marginal likelihood of the bands observed.
 * The model fluxes come from a {@link FluxPredictor}, so the same class serves any forward model.
 */
public final class PhotometryLikelihood implements LogLikelihood {

    /** Model fluxes in nJy for physical parameters, in the same band order as the data. */
    @FunctionalInterface
    public interface FluxPredictor {
        void predictFluxNJy(double[] physical, double[] fluxOutNJy);
    }

    private final double[] observedFluxNJy;
    private final double[] inverseErrNJy;
    private final int[] observedBands;
    private final double logNormalisation;
    private final FluxPredictor predictor;
    private final double[] modelFluxNJy;

    /**
     * @param observedFluxNJy per band; NaN marks a missing band
     * @param fluxErrNJy      per band 1-sigma error; must be positive and finite where observed
     */
    public PhotometryLikelihood(double[] observedFluxNJy, double[] fluxErrNJy, FluxPredictor predictor) {
        if (observedFluxNJy.length != fluxErrNJy.length) {
            throw new IllegalArgumentException("flux and error arrays differ in length: "
                    + observedFluxNJy.length + " vs " + fluxErrNJy.length);
        }
        if (predictor == null) {
            throw new IllegalArgumentException("flux predictor must not be null");
        }
        int n = observedFluxNJy.length;
        int[] bands = new int[n];
        int m = 0;
        double logNorm = 0;
        this.inverseErrNJy = new double[n];
        for (int b = 0; b < n; b++) {
            if (Double.isNaN(observedFluxNJy[b])) {
                continue;
            }
            double err = fluxErrNJy[b];
            if (!(err > 0) || Double.isInfinite(err) || Double.isInfinite(observedFluxNJy[b])) {
                throw new IllegalArgumentException("band " + b + " is observed (flux " + observedFluxNJy[b]
                        + " nJy) but its error is " + err + " nJy; errors must be positive and finite");
            }
            inverseErrNJy[b] = 1.0 / err;
            logNorm -= Math.log(err) + 0.5 * Math.log(2 * Math.PI);
            bands[m++] = b;
        }
        if (m == 0) {
            throw new IllegalArgumentException("no observed band: every flux is NaN");
        }
        this.observedFluxNJy = observedFluxNJy.clone();
        this.observedBands = Arrays.copyOf(bands, m);
        this.logNormalisation = logNorm;
        this.predictor = predictor;
        this.modelFluxNJy = new double[n];
    }

    /** Number of bands used (observed). */
    public int observedBandCount() {
        return observedBands.length;
    }

    /** Not thread-safe: reuses one model-flux buffer. */
    @Override
    public double logLikelihood(double[] physical) {
        predictor.predictFluxNJy(physical, modelFluxNJy);
        double chi2 = 0;
        for (int b : observedBands) {
            double r = (observedFluxNJy[b] - modelFluxNJy[b]) * inverseErrNJy[b];
            chi2 += r * r;
        }
        if (Double.isNaN(chi2)) {
            throw new IllegalStateException("forward model gave a NaN flux at parameters " + Arrays.toString(physical)
                    + ": " + Arrays.toString(modelFluxNJy));
        }
        return logNormalisation - 0.5 * chi2;
    }
}
