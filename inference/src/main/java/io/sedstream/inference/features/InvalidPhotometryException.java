package io.sedstream.inference.features;

/**
 * Photometry the encoder cannot turn into features. The {@link Reason} lets a caller (e.g. the
 * stream's dead-letter routing) count and route by cause; the message names the band and value.
 */
public final class InvalidPhotometryException extends IllegalArgumentException {
    /** Why a record was refused. */
    public enum Reason {
        /** A flux or error is NaN or infinite. */
        NON_FINITE_VALUE,
        /** An observed flux has a zero or negative error. */
        NON_POSITIVE_ERROR,
        /** A flux is given without its error. */
        FLUX_WITHOUT_ERROR,
        /** The same band appears twice in one record. */
        DUPLICATE_BAND,
        /** None of the bundle's bands is observed (all missing, or only unknown bands). */
        NO_OBSERVED_BAND,
        /** The bundle takes redshift as an input and the record has none (or a bad one). */
        MISSING_REDSHIFT,
        /**
         * The photometry is so far outside the training distribution that the network's posterior
         * cannot be summarised consistently (see {@code DegeneratePosteriorException}).
         */
        POSTERIOR_DEGENERATE,
        /** A given (spectroscopic) redshift is not finite or lies outside the model's redshift prior interval. */
        REDSHIFT_OUTSIDE_PRIOR
    }

    private final Reason reason;

    public InvalidPhotometryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
