package io.sedstream.sed.prior;

/**
 * The galaxy stellar-mass function of Leja et al. (2020, ApJ 893, 111), the double Schechter fit of their
 * continuity model (their Appendix B): phi(log M, z) = ln 10 sum_i phi_i 10^((log M - log M*) (alpha_i + 1))
 * exp(-10^(log M - log M*)) [Mpc^-3 dex^-1], with log phi_1, log phi_2 and log M* given at z = 0.2, 1.6 and
 * 3.0 and interpolated by the quadratic through those three points; alpha_1 = -0.28 and alpha_2 = -1.48
 * do not evolve.
 *
 * <p>Outside 0.2 &lt;= z &lt;= 3 the paper gives nothing. Here, below z = 0.2 the z = 0.2 function is used
 * unchanged, and above z = 3 the z = 3 shape is kept while both normalisations fall by
 * {@link #DECLINE_DEX_PER_UNIT_Z_ABOVE_3} dex per unit redshift: an assumption of this project (the
 * quadratic itself would plunge), roughly the decline of the number density of massive galaxies between
 * z ~ 3 and 6 in the mass functions of Davidzon et al. (2017, A&amp;A 605, A70), not a fit to them.
 */
public final class Leja2020MassFunction {
    /** Redshifts at which Leja et al. (2020) give the parameters. */
    static final double[] ANCHOR_Z = {0.2, 1.6, 3.0};
    static final double[] LOG10_PHI1 = {-2.44, -3.08, -4.14};
    static final double[] LOG10_PHI2 = {-2.89, -3.29, -3.51};
    static final double[] LOG10_MSTAR = {10.79, 10.88, 10.84};
    static final double ALPHA1 = -0.28;
    static final double ALPHA2 = -1.48;
    /** Assumed decline of both normalisations above z = 3 [dex per unit redshift] (see the class comment). */
    public static final double DECLINE_DEX_PER_UNIT_Z_ABOVE_3 = 0.3;

    /** phi(log10 M*, z) [Mpc^-3 dex^-1]. */
    public double phiPerMpc3PerDex(double log10StellarMass, double z) {
        double zc = Math.min(Math.max(z, ANCHOR_Z[0]), ANCHOR_Z[2]);
        double decline = z > ANCHOR_Z[2] ? DECLINE_DEX_PER_UNIT_Z_ABOVE_3 * (z - ANCHOR_Z[2]) : 0.0;
        double logPhi1 = quadratic(LOG10_PHI1, zc) - decline;
        double logPhi2 = quadratic(LOG10_PHI2, zc) - decline;
        double logMstar = quadratic(LOG10_MSTAR, zc);
        double x = log10StellarMass - logMstar;
        double cut = Math.exp(-Math.pow(10.0, x));
        return Math.log(10.0) * cut * (Math.pow(10.0, logPhi1 + x * (ALPHA1 + 1))
                + Math.pow(10.0, logPhi2 + x * (ALPHA2 + 1)));
    }

    /** The quadratic through (ANCHOR_Z[i], y[i]) at z (Lagrange form). */
    static double quadratic(double[] y, double z) {
        double z1 = ANCHOR_Z[0];
        double z2 = ANCHOR_Z[1];
        double z3 = ANCHOR_Z[2];
        return y[0] * (z - z2) * (z - z3) / ((z1 - z2) * (z1 - z3))
                + y[1] * (z - z1) * (z - z3) / ((z2 - z1) * (z2 - z3))
                + y[2] * (z - z1) * (z - z2) / ((z3 - z1) * (z3 - z2));
    }
}
