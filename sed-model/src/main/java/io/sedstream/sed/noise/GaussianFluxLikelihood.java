package io.sedstream.sed.noise;

/**
 * The exact likelihood of observed fluxes under the Gaussian flux noise the noise models generate:
 * ln L = -1/2 sum_b [((obs_b - model_b)/sigma_b)^2 + ln(2 pi sigma_b^2)] over bands that are present
 * (bands with NaN observed flux or non-positive error are skipped as missing).
 */
public final class GaussianFluxLikelihood {
    private GaussianFluxLikelihood() {
    }

    private static final double LN_2PI = Math.log(2 * Math.PI);

    public static double logLikelihood(double[] observedNJy, double[] errorNJy, double[] modelNJy) {
        double s = 0;
        for (int b = 0; b < observedNJy.length; b++) {
            double sigma = errorNJy[b];
            if (Double.isNaN(observedNJy[b]) || !(sigma > 0)) {
                continue;
            }
            double r = (observedNJy[b] - modelNJy[b]) / sigma;
            s += r * r + LN_2PI + 2 * Math.log(sigma);
        }
        return -0.5 * s;
    }
}
