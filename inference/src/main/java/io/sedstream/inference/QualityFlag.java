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
    POSTERIOR_OUTSIDE_PRIOR_BOX;

    /** Mass outside the box above which {@link #POSTERIOR_OUTSIDE_PRIOR_BOX} is raised. */
    public static final double OUTSIDE_PRIOR_BOX_FRACTION = 0.5;

    /** The flags of a posterior whose worst per-parameter mass outside the prior box is {@code massOutsidePriorBox}. */
    public static List<String> of(double massOutsidePriorBox) {
        List<String> flags = new ArrayList<>(1);
        if (massOutsidePriorBox > OUTSIDE_PRIOR_BOX_FRACTION) {
            flags.add(POSTERIOR_OUTSIDE_PRIOR_BOX.name());
        }
        return flags;
    }
}
