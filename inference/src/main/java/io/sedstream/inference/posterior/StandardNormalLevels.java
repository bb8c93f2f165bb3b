package io.sedstream.inference.posterior;

/** Standard normal quantiles for the reported percentile levels, used as Newton starting points. */
final class StandardNormalLevels {
    private StandardNormalLevels() {
    }

    static double z(double p) {
        if (p == 0.5) {
            return 0.0;
        }
        if (p == 0.16) {
            return -0.994457883209753;
        }
        if (p == 0.84) {
            return 0.994457883209753;
        }
        if (p == 0.025) {
            return -1.959963984540054;
        }
        if (p == 0.975) {
            return 1.959963984540054;
        }
        return StandardNormal.quantile(p);
    }
}
