package io.sedstream.trainer.compare;

import java.util.List;

/**
 * NPE and nested sampling on one galaxy.
 *
 * @param galaxy        the galaxy and its truth
 * @param parameters    compared parameter names (present in both the bundle and the model outputs)
 * @param npe           NPE summaries, one per compared parameter
 * @param sampler       nested-sampling summaries, one per compared parameter
 * @param npeSeconds    NPE wall time per galaxy (median of repeated calls, 1000 posterior samples)
 * @param npeSummaryOnlySeconds NPE wall time without posterior samples (exact marginal summaries only)
 * @param samplerSeconds nested-sampling wall time (one run, derived parameters included)
 * @param logZ          nested-sampling log-evidence
 * @param logZError     its error
 * @param likelihoodCalls forward-model calls of the sampler
 * @param alternativeLogZ nested-sampling log-evidence under a second model (NaN when not run)
 * @param alternativeLogZError its error
 * @param evidenceLnK   the evidence network's ln K = ln p(x|model) - ln p(x|second model), the same orientation
 *                      as the nested-sampling Delta log Z (NaN when no network was given)
 */
public record GalaxyComparison(
        TestGalaxy galaxy,
        List<String> parameters,
        List<Summary> npe,
        List<Summary> sampler,
        double npeSeconds,
        double npeSummaryOnlySeconds,
        double samplerSeconds,
        double logZ,
        double logZError,
        long likelihoodCalls,
        double alternativeLogZ,
        double alternativeLogZError,
        double evidenceLnK) {

    public GalaxyComparison {
        parameters = List.copyOf(parameters);
        npe = List.copyOf(npe);
        sampler = List.copyOf(sampler);
    }

    /** Median and central 68% interval of one marginal posterior. */
    public record Summary(double median, double p16, double p84) {
        public double sigma68() {
            return 0.5 * (p84 - p16);
        }

        /** Length of the intersection of the two 68% intervals over the length of their union. */
        public double intervalOverlap(Summary other) {
            double lo = Math.max(p16, other.p16);
            double hi = Math.min(p84, other.p84);
            double union = Math.max(p84, other.p84) - Math.min(p16, other.p16);
            return union > 0 ? Math.max(0, hi - lo) / union : 1.0;
        }

        public boolean contains68(double value) {
            return value >= p16 && value <= p84;
        }
    }

    /** (NPE median - sampler median) / sampler sigma68 for parameter k. */
    public double medianShiftInSamplerSigma(int k) {
        Summary s = sampler.get(k);
        return (npe.get(k).median() - s.median()) / s.sigma68();
    }

    /** log Z(model) - log Z(second model): the log Bayes factor (natural log) from nested sampling. */
    public double deltaLogZ() {
        return logZ - alternativeLogZ;
    }

    public double deltaLogZError() {
        return Math.hypot(logZError, alternativeLogZError);
    }

    public double speedRatio() {
        return samplerSeconds / npeSeconds;
    }
}
