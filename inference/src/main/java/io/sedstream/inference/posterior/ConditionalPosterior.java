package io.sedstream.inference.posterior;

/**
 * A posterior workspace that conditions the joint on one parameter's known value (a spectroscopic
 * redshift): members are loaded as for {@link Posterior}, then {@link #condition} gives the
 * posterior of the other D - 1 parameters.
 */
public interface ConditionalPosterior {

    /** Index of the known parameter among the D. */
    int knownDimension();

    /** Loads member {@code member}'s network output row, as {@link Posterior#setMember}. */
    void setMember(int member, double memberWeight, float[] output, int offset);

    /**
     * The posterior of the other parameters given the known one at {@code valuePhysical} (a live
     * view of this workspace, valid until the next call).
     *
     * @throws IllegalArgumentException when the value lies outside the known parameter's prior interval
     */
    Posterior condition(double valuePhysical);
}
