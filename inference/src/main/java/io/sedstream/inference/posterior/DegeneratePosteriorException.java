package io.sedstream.inference.posterior;

/**
 * The network's mixture for one object cannot be summarised honestly: a component with real weight
 * has a covariance outside double range, or a summary breaks {@link SummaryInvariants}. Such an
 * object is refused with this message, never published with numbers that contradict themselves.
 */
public final class DegeneratePosteriorException extends IllegalStateException {
    public DegeneratePosteriorException(String message) {
        super(message);
    }
}
