package io.sedstream.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Codes a consumer must check before trusting a posterior's numbers, published in
 * {@code PosteriorSummary.quality.flags} (stream) and the {@code quality_flags} column (infer). One
 * place decides each rule, so the stream and the batch tool flag the same records.
 */
public enum QualityFlag {
    /**
     * In some parameter more than {@link #OUTSIDE_PRIOR_BOX_FRACTION} of the network's untruncated
     * marginal lies outside the prior interval: the published summaries describe only the truncated
     * remainder, and the photometry is unlike the training set.
     */
    POSTERIOR_OUTSIDE_PRIOR_BOX,
    /**
     * The bundle's misfit model gives the photometry a p-value below the configured threshold: no
     * galaxy the model can produce looks like this (a star, another kind of source, a corrupted band).
     */
    MISFIT;

    /** Mass outside the box above which {@link #POSTERIOR_OUTSIDE_PRIOR_BOX} is raised. */
    public static final double OUTSIDE_PRIOR_BOX_FRACTION = 0.5;

    /** The flags of a posterior whose worst per-parameter mass outside the prior box is {@code massOutsidePriorBox}. */
    public static List<String> of(double massOutsidePriorBox) {
        return of(massOutsidePriorBox, null, 0.0);
    }

    /**
     * The flags of a posterior: {@link #POSTERIOR_OUTSIDE_PRIOR_BOX} from its mass outside the box,
     * {@link #MISFIT} when {@code misfitPValue} (null: the bundle has no misfit model) is below
     * {@code misfitPThreshold}.
     */
    public static List<String> of(double massOutsidePriorBox, Double misfitPValue, double misfitPThreshold) {
        List<String> flags = new ArrayList<>(2);
        if (massOutsidePriorBox > OUTSIDE_PRIOR_BOX_FRACTION) {
            flags.add(POSTERIOR_OUTSIDE_PRIOR_BOX.name());
        }
        if (misfitPValue != null && misfitPValue < misfitPThreshold) {
            flags.add(MISFIT.name());
        }
        return flags;
    }
}
