package io.sedstream.sed.sfh;

import java.util.Arrays;

/**
 * The non-parametric Dense Basis history (Iyer &amp; Gawiser 2017, ApJ 838, 127; Iyer et al. 2019, ApJ 879,
 * 116; code kartheikiyer/dense_basis {@code tuple_to_sfh}): formed mass M, recent SFR, and the cosmic
 * times t_1..t_N (fractions of the age of the Universe at observation) by which i/(N+1) of the mass had formed.
 *
 * <p>The cumulative mass fraction m(t) on normalised time t in [0, 1] passes through the anchors
 * (0, 0), (0.01, 0) (so star formation starts from zero; dropped if t_1 &lt;= 0.01),
 * (t_i, i/(N+1)), SFR-constraint anchors at mass fractions c = 0.97, 0.98, 0.99 (Dense Basis's recipe:
 * at time 1 - (1-c)/s if that exceeds 0.9 and the previous anchor time, else at time c with mass
 * 1 - (1-c) s, with s = SFR t_univ / M), and (1, 1).
 *
 * <p>Two deliberate differences from dense_basis: the curve through the anchors is a monotone PCHIP
 * interpolant rather than dense_basis's default Gaussian process (deterministic, cheap, and never yields
 * a negative SFR, so no clipping and rescaling are needed); and constraint anchors that would make m(t)
 * non-monotone (a requested SFR incompatible with the t_i) are dropped, so the t_i are always honoured
 * exactly and the realised recent SFR is whatever the history then gives (report it from
 * {@link #meanSfrMsunPerYr}, not the input).
 */
public final class DenseBasisSfh implements StarFormationHistory {

    /** Mass fractions of the SFR-constraint anchors (dense_basis). */
    private static final double[] CONSTRAINT_FRACTIONS = {0.97, 0.98, 0.99};
    /** Normalised time before which no stars form (dense_basis's extra anchor). */
    private static final double START_FRACTION = 0.01;

    private final double formedMassMsun;
    private final double ageOfUniverseYr;
    private final Pchip cumulative;
    private final double[] anchorTimes;
    private final double[] anchorMass;

    /**
     * @param formedMassMsun     total mass formed [Msun]
     * @param sfrMsunPerYr       requested recent SFR [Msun/yr] (&gt; 0)
     * @param quantileTimes      t_1..t_N, strictly increasing in (0, 1)
     * @param ageOfUniverseYr    age of the Universe at the galaxy's redshift [yr]
     */
    public DenseBasisSfh(double formedMassMsun, double sfrMsunPerYr, double[] quantileTimes, double ageOfUniverseYr) {
        if (!(formedMassMsun > 0) || !(sfrMsunPerYr > 0) || !(ageOfUniverseYr > 0)) {
            throw new IllegalArgumentException("Dense Basis SFH needs positive mass, SFR and age of the Universe, got M="
                    + formedMassMsun + " SFR=" + sfrMsunPerYr + " t_univ=" + ageOfUniverseYr);
        }
        int n = quantileTimes.length;
        for (int i = 0; i < n; i++) {
            double t = quantileTimes[i];
            if (!(t > 0 && t < 1) || (i > 0 && !(t > quantileTimes[i - 1]))) {
                throw new IllegalArgumentException("Dense Basis times must increase strictly within (0, 1): "
                        + Arrays.toString(quantileTimes));
            }
        }
        this.formedMassMsun = formedMassMsun;
        this.ageOfUniverseYr = ageOfUniverseYr;
        double[] tx = new double[n + 8];
        double[] mx = new double[n + 8];
        int k = 0;
        tx[k] = 0;
        mx[k++] = 0;
        if (n == 0 || quantileTimes[0] > START_FRACTION) {
            tx[k] = START_FRACTION;
            mx[k++] = 0;
        }
        for (int i = 0; i < n; i++) {
            tx[k] = quantileTimes[i];
            mx[k++] = (i + 1.0) / (n + 1.0);
        }
        double s = sfrMsunPerYr * ageOfUniverseYr / formedMassMsun;
        for (double c : CONSTRAINT_FRACTIONS) {
            double lastT = tx[k - 1];
            double lastM = mx[k - 1];
            double dt = 1.0 - (1.0 - c) / s;
            double t;
            double m;
            if (dt > 0.9 && dt > lastT) {
                t = dt;
                m = c;
            } else {
                t = c;
                m = 1.0 - (1.0 - c) * s;
            }
            // Keep the anchor only if the curve stays monotone (see class comment).
            if (t > lastT + 1e-9 && m >= lastM && m < 1.0 && t < 1.0 - 1e-9) {
                tx[k] = t;
                mx[k++] = m;
            }
        }
        tx[k] = 1.0;
        mx[k++] = 1.0;
        this.anchorTimes = Arrays.copyOf(tx, k);
        this.anchorMass = Arrays.copyOf(mx, k);
        this.cumulative = new Pchip(anchorTimes, anchorMass);
    }

    /** Cumulative fraction of the mass formed by normalised cosmic time {@code t} in [0, 1]. */
    public double cumulativeFraction(double t) {
        return Math.max(0.0, Math.min(1.0, cumulative.value(t)));
    }

    @Override
    public double formedMassMsun() {
        return formedMassMsun;
    }

    @Override
    public double massOlderThanMsun(double lookbackAgeYr) {
        if (lookbackAgeYr >= ageOfUniverseYr) {
            return 0.0;
        }
        if (lookbackAgeYr <= 0) {
            return formedMassMsun;
        }
        return formedMassMsun * cumulativeFraction(1.0 - lookbackAgeYr / ageOfUniverseYr);
    }

    /** Exact: the cumulative curve is a piecewise cubic in normalised time t = 1 - a / t_univ. */
    @Override
    public double integralOfMassOlderThan(double a0, double a1) {
        double lo = Math.max(0.0, a0);
        double hi = Math.min(ageOfUniverseYr, a1);
        double total = lo > a0 ? formedMassMsun * (lo - a0) : 0.0; // ages below 0 (not used) count the full mass
        if (hi > lo) {
            // int_{lo}^{hi} M C(1 - a/T) da = M T int_{1-hi/T}^{1-lo/T} C(t) dt; the curve stays within [0, 1]
            total += formedMassMsun * ageOfUniverseYr * cumulative.integral(1.0 - hi / ageOfUniverseYr, 1.0 - lo / ageOfUniverseYr);
        }
        return total;
    }

    @Override
    public double oldestAgeYr() {
        return ageOfUniverseYr;
    }

    /** SFR at normalised time t [Msun/yr]. */
    public double sfrAtMsunPerYr(double t) {
        return Math.max(0.0, cumulative.derivative(t)) * formedMassMsun / ageOfUniverseYr;
    }

    /** The anchor times (copy), for diagnostics. */
    public double[] anchorTimes() {
        return anchorTimes.clone();
    }

    /** The anchor cumulative mass fractions (copy), for diagnostics. */
    public double[] anchorMassFractions() {
        return anchorMass.clone();
    }
}
