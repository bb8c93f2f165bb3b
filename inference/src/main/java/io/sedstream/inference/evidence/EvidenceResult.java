package io.sedstream.inference.evidence;

import java.util.List;

/**
 * The evidence network's verdict on one object.
 *
 * @param lnBayesFactor    ln K = ln p(x|M1) - ln p(x|M2) (natural log; > 0 favours model 1)
 * @param log10BayesFactor the same in log10, ln K / ln 10 (the usual Jeffreys-scale quantity)
 * @param bandsUsed        bands of the bundle that were observed
 * @param bandsMasked      bands of the bundle that were missing (encoded with flag 1)
 */
public record EvidenceResult(double lnBayesFactor, double log10BayesFactor, List<String> bandsUsed, List<String> bandsMasked) {
    private static final double LN10 = Math.log(10.0);

    public EvidenceResult {
        if (!Double.isFinite(lnBayesFactor)) {
            throw new IllegalArgumentException("ln Bayes factor must be finite, got " + lnBayesFactor);
        }
        bandsUsed = List.copyOf(bandsUsed);
        bandsMasked = List.copyOf(bandsMasked);
    }

    /** A result from ln K, log10 K derived. */
    public static EvidenceResult ofLn(double lnBayesFactor, List<String> bandsUsed, List<String> bandsMasked) {
        return new EvidenceResult(lnBayesFactor, lnBayesFactor / LN10, bandsUsed, bandsMasked);
    }

    /**
     * Posterior probability of model 1: K o / (1 + K o) for prior odds o = P(M1)/P(M2), computed as
     * the logistic function of ln K + ln o without forming K (no overflow for any finite ln K).
     *
     * @param priorOdds P(M1)/P(M2), positive and finite (1 for equal prior odds)
     */
    public double probabilityModel1(double priorOdds) {
        return posteriorProbabilityModel1(lnBayesFactor, priorOdds);
    }

    /** {@link #probabilityModel1(double)} for a bare ln K (validation works on arrays of them). */
    public static double posteriorProbabilityModel1(double lnBayesFactor, double priorOdds) {
        if (!(priorOdds > 0) || !Double.isFinite(priorOdds)) {
            throw new IllegalArgumentException("prior odds must be positive and finite, got " + priorOdds);
        }
        return logistic(lnBayesFactor + Math.log(priorOdds));
    }

    /** 1 / (1 + e^-x), with the exponential always of a non-positive argument. */
    static double logistic(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
