package io.sedstream.sed.noise;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns noiseless band fluxes into observed fluxes with 1-sigma errors. Gaussian in flux, so faint
 * sources keep negative measured fluxes, as real photometry does.
 */
public interface NoiseModel {

    /** Band names this model covers, in order (must match the forward model's bands). */
    List<String> bandNames();

    /** A one-line description (kind, source, and whether the numbers are approximate). */
    String description();

    /**
     * Draws one noise realisation: {@code observedOut[b] = flux[b] + sigma_b N(0, 1)} and
     * {@code errorOut[b] = sigma_b}, advancing {@code rng}.
     */
    void apply(double[] fluxNJy, SplittableRandom rng, double[] observedOut, double[] errorOut);
}
