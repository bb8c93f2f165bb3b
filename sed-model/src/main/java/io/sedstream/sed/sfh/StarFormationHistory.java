package io.sedstream.sed.sfh;

/**
 * A star-formation history seen at the epoch of observation, described by the mass formed at lookback
 * ages greater than a given age (the cumulative history read backwards). Every implementation forms
 * no stars earlier than the Big Bang: {@code massOlderThanMsun(a) = 0} for {@code a >= oldestAgeYr()}
 * and {@code oldestAgeYr() <= } the age of the Universe at the galaxy's redshift.
 */
public interface StarFormationHistory {

    /** Total mass formed up to the epoch of observation [Msun]. */
    double formedMassMsun();

    /** Mass formed at lookback ages greater than {@code lookbackAgeYr} [Msun], non-increasing in the age. */
    double massOlderThanMsun(double lookbackAgeYr);

    /** Lookback age of the first star formation [yr]. */
    double oldestAgeYr();

    /**
     * int_{a0}^{a1} massOlderThan(a) da [Msun yr], a0 &lt;= a1: with the masses at the ends it gives the first
     * moment of the ages in a bin (int a dm = a0 C(a0) - a1 C(a1) + this). Default: composite Simpson on 32
     * intervals; implementations override it with exact forms.
     */
    default double integralOfMassOlderThan(double a0, double a1) {
        int n = 32;
        double h = (a1 - a0) / n;
        double s = massOlderThanMsun(a0) + massOlderThanMsun(a1);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * massOlderThanMsun(a0 + i * h);
        }
        return s * h / 3;
    }

    /** Mean star-formation rate over the last {@code windowYr} [Msun/yr]. */
    default double meanSfrMsunPerYr(double windowYr) {
        return (formedMassMsun() - massOlderThanMsun(windowYr)) / windowYr;
    }

    /**
     * The cosmic time, as a fraction of {@code ageOfUniverseYr} (the age at observation), by which
     * {@code fraction} of the mass had formed: the Dense Basis t_x. Bisection on the cumulative history.
     */
    default double formationTimeFraction(double fraction, double ageOfUniverseYr) {
        double target = (1.0 - fraction) * formedMassMsun(); // mass formed after that time
        // mass formed more recently than lookback age a is M - massOlderThan(a), increasing in a.
        double lo = 0;
        double hi = ageOfUniverseYr;
        for (int i = 0; i < 100; i++) {
            double mid = 0.5 * (lo + hi);
            double recent = formedMassMsun() - massOlderThanMsun(mid);
            if (recent < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 1.0 - 0.5 * (lo + hi) / ageOfUniverseYr;
    }
}
