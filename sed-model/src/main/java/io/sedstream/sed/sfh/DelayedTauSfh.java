package io.sedstream.sed.sfh;

/**
 * Delayed-exponential history SFR(t') proportional to t' exp(-t'/tau), t' the time since star formation
 * began (e.g. Carnall et al. 2019, ApJ 873, 44, eq. 4 "delayed exponentially declining"), normalised to
 * the formed mass. Cumulative: P(t') = 1 - exp(-t'/tau)(1 + t'/tau) in units of tau^2.
 */
public final class DelayedTauSfh implements StarFormationHistory {
    private final double formedMassMsun;
    private final double tauYr;
    private final double startAgeYr;
    private final double totalShape;

    /**
     * @param formedMassMsun  total mass formed by the epoch of observation [Msun]
     * @param tauYr           e-folding time [yr]
     * @param startAgeYr      lookback age at which star formation began [yr], at most the age of the Universe
     */
    public DelayedTauSfh(double formedMassMsun, double tauYr, double startAgeYr) {
        if (!(formedMassMsun > 0) || !(tauYr > 0) || !(startAgeYr > 0)) {
            throw new IllegalArgumentException("delayed-tau SFH needs positive mass, tau and start age, got M="
                    + formedMassMsun + " tau=" + tauYr + " start=" + startAgeYr);
        }
        this.formedMassMsun = formedMassMsun;
        this.tauYr = tauYr;
        this.startAgeYr = startAgeYr;
        this.totalShape = shape(startAgeYr);
    }

    private double shape(double sinceStartYr) {
        double x = sinceStartYr / tauYr;
        // 1 - e^-x (1 + x), written to stay accurate for small x (leading term x^2/2).
        if (x < 1e-3) {
            return x * x / 2 * (1 - 2 * x / 3);
        }
        return -Math.expm1(-x) - x * Math.exp(-x);
    }

    @Override
    public double formedMassMsun() {
        return formedMassMsun;
    }

    @Override
    public double massOlderThanMsun(double lookbackAgeYr) {
        if (lookbackAgeYr >= startAgeYr) {
            return 0.0;
        }
        if (lookbackAgeYr <= 0) {
            return formedMassMsun;
        }
        return formedMassMsun * shape(startAgeYr - lookbackAgeYr) / totalShape;
    }

    /** Exact: int P(x) dx = tau [u + (u + 2) e^-u - 2], u = x / tau (series for small u). */
    @Override
    public double integralOfMassOlderThan(double a0, double a1) {
        double lo = Math.max(0.0, a0);
        double hi = Math.min(startAgeYr, a1);
        if (hi <= lo) {
            return 0.0;
        }
        // a -> x = start - a (time since onset): int_{lo}^{hi} P(start - a) da = int_{start-hi}^{start-lo} P(x) dx
        return formedMassMsun / totalShape * (shapeIntegral(startAgeYr - lo) - shapeIntegral(startAgeYr - hi));
    }

    private double shapeIntegral(double sinceStartYr) {
        double u = sinceStartYr / tauYr;
        if (u < 1e-2) {
            double u3 = u * u * u;
            return tauYr * u3 * (1.0 / 6 - u / 12 + u * u / 40 - u * u * u / 180);
        }
        return tauYr * (u + (u + 2) * Math.exp(-u) - 2);
    }

    @Override
    public double oldestAgeYr() {
        return startAgeYr;
    }

    public double tauYr() {
        return tauYr;
    }
}
