package io.sedstream.inference.posterior;

/**
 * The self-consistency every published marginal summary must have: lower &lt;= p2.5 &lt;= p16 &lt;=
 * median &lt;= p84 &lt;= p97.5 &lt;= upper, mean and mode inside the box, and a finite std that is
 * positive whenever the central 95% interval has width (and zero only when it has none). A summary
 * that breaks one is refused, never published (issue 13: a wrong answer that looks fine is worse
 * than none).
 */
public final class SummaryInvariants {
    private SummaryInvariants() {
    }

    /** The first broken invariant, in words, or null when the summary is self-consistent. */
    public static String violation(ParameterSummary s, double lower, double upper) {
        double[] values = {s.mean(), s.std(), s.p2_5(), s.p16(), s.median(), s.p84(), s.p97_5(), s.mode()};
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return "a summary value is not finite";
            }
        }
        double[] ordered = {lower, s.p2_5(), s.p16(), s.median(), s.p84(), s.p97_5(), upper};
        String[] names = {"lower", "p2.5", "p16", "p50", "p84", "p97.5", "upper"};
        for (int j = 1; j < ordered.length; j++) {
            if (!(ordered[j - 1] <= ordered[j])) {
                return names[j - 1] + " " + ordered[j - 1] + " > " + names[j] + " " + ordered[j];
            }
        }
        if (!(s.mean() >= lower && s.mean() <= upper)) {
            return "mean " + s.mean() + " outside the prior box [" + lower + ", " + upper + "]";
        }
        if (!(s.mode() >= lower && s.mode() <= upper)) {
            return "mode " + s.mode() + " outside the prior box [" + lower + ", " + upper + "]";
        }
        double width95 = s.p97_5() - s.p2_5();
        if (s.std() < 0) {
            return "negative std " + s.std();
        }
        if (width95 > 0 && !(s.std() > 0)) {
            return "std 0 beside a 95% interval of width " + width95;
        }
        if (width95 == 0 && s.std() > 0) {
            return "std " + s.std() + " beside a 95% interval of width 0";
        }
        // Any distribution on [lower, upper] has std <= (upper - lower) / 2.
        if (s.std() > 0.5 * (upper - lower) * (1 + 1e-9)) {
            return "std " + s.std() + " larger than half the prior box " + (upper - lower);
        }
        return null;
    }
}
