package io.sedstream.inference.posterior.baseline;

import io.sedstream.inference.bundle.ParameterTransform;

/** Today's (main at 0c2d602) summary of one marginal, {mean, std, p2.5, p16, median, p84, p97.5, mode}. */
public final class BaselineSummaries {
    /** main's MixturePosterior.LOGIT_NETWORK_BOUND: the y interval of a logit parameter. */
    private static final double LOGIT_NETWORK_BOUND = 40.0;

    private BaselineSummaries() {
    }

    /**
     * The summary main computes for the 1-D mixture (weights, means and sds in the network variable
     * y) of a parameter with prior box [lower, upper] and the given transform.
     */
    public static double[] summarise(double[] weights, double[] means, double[] sds, double lower, double upper,
                                     ParameterTransform transform) {
        int n = weights.length;
        BaselineTruncatedMarginal t = new BaselineTruncatedMarginal(n);
        boolean logit = transform == ParameterTransform.LOGIT;
        t.reset(logit ? -LOGIT_NETWORK_BOUND : lower, logit ? LOGIT_NETWORK_BOUND : upper);
        for (int i = 0; i < n; i++) {
            t.add(weights[i], means[i], 1.0 / sds[i]);
        }
        t.finish();
        double[] out = new double[8];
        if (logit) {
            new BaselineLogitMarginal(n).summarise(t, lower, upper, out);
        } else {
            t.summarise(out);
        }
        return out;
    }

    /** main's mass of the untruncated y-mixture outside the interval. */
    public static double massOutside(double[] weights, double[] means, double[] sds, double lower, double upper,
                                     ParameterTransform transform) {
        int n = weights.length;
        BaselineTruncatedMarginal t = new BaselineTruncatedMarginal(n);
        boolean logit = transform == ParameterTransform.LOGIT;
        t.reset(logit ? -LOGIT_NETWORK_BOUND : lower, logit ? LOGIT_NETWORK_BOUND : upper);
        for (int i = 0; i < n; i++) {
            t.add(weights[i], means[i], 1.0 / sds[i]);
        }
        return t.massOutside();
    }
}
