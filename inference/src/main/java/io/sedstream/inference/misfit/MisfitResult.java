package io.sedstream.inference.misfit;

/**
 * One record's misfit.
 *
 * @param score         -ln p of its observed standardised magnitudes under the misfit model (nats)
 * @param pValue        fraction of held-out simulated galaxies with as many observed bands scoring at least as high
 * @param observedBands bands that entered the score
 */
public record MisfitResult(double score, double pValue, int observedBands) {
}
