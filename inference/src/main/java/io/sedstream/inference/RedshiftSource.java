package io.sedstream.inference;

/** Where a posterior's redshift comes from. */
public enum RedshiftSource {
    /** Inferred from the photometry with the rest of the parameters. */
    PHOTOMETRIC,
    /**
     * Given (a spectroscopic redshift): the other parameters' posterior is conditioned on it (or, for
     * a bundle that takes redshift as an input, the network was given it) and redshift's summary is
     * the given value with zero width.
     */
    SPECTROSCOPIC
}
