package io.sedstream.sed.cosmology;

import io.sedstream.sed.units.PhysicalConstants;

/**
 * Flat Lambda-CDM with radiation: distances and ages by numerical integration of the Friedmann
 * equation, tabulated once on a fine redshift grid and interpolated (immutable after construction).
 *
 * <p>E(z)^2 = Omega_r (1+z)^4 + Omega_m (1+z)^3 + Omega_Lambda, with Omega_Lambda = 1 - Omega_m - Omega_r.
 * Massive neutrinos are counted as matter (valid below z ~ 100, the range of interest); photons and
 * the massless neutrino species as radiation.
 */
public final class Cosmology {

    /** Largest redshift tabulated. */
    public static final double Z_MAX = 30.0;
    private static final double DZ = 0.0005;

    private final String name;
    private final double h0KmPerSPerMpc;
    private final double omegaMatter;
    private final double omegaRadiation;
    private final double omegaLambda;
    private final double hubbleDistanceMpc;
    private final double hubbleTimeGyr;
    private final double[] ageGyr;
    private final double[] comovingDistanceMpc;

    /**
     * Planck 2018 VI (A&amp;A 641, A6), Table 2 TT,TE,EE+lowE+lensing+BAO, as in astropy's {@code Planck18}:
     * H0 = 67.66, Om0 = 0.30966 (CDM + baryons), Tcmb0 = 2.7255 K, Neff = 3.046, m_nu = (0, 0, 0.06) eV.
     */
    public static Cosmology planck18() {
        double h = 0.6766;
        double tcmb = 2.7255;
        // Photon density: Omega_gamma h^2 = 4.48131e-7 Tcmb^4 (a_B T^4 / rho_crit / h^2, cgs).
        double omegaGamma = 4.48131e-7 * Math.pow(tcmb, 4) / (h * h);
        // Each massless neutrino species: (7/8)(4/11)^(4/3) (Neff/3) of the photon density.
        double perNeutrino = 7.0 / 8.0 * Math.pow(4.0 / 11.0, 4.0 / 3.0) * (3.046 / 3.0);
        double omegaRad = omegaGamma * (1.0 + 2.0 * perNeutrino);
        // The 0.06 eV species is non-relativistic today: Omega_nu h^2 = sum m_nu / 93.14 eV.
        double omegaNuMassive = 0.06 / 93.14 / (h * h);
        return new Cosmology("Planck18", 67.66, 0.30966 + omegaNuMassive, omegaRad);
    }

    public Cosmology(String name, double h0KmPerSPerMpc, double omegaMatter, double omegaRadiation) {
        if (!(h0KmPerSPerMpc > 0) || !(omegaMatter > 0) || omegaRadiation < 0 || omegaMatter + omegaRadiation >= 1) {
            throw new IllegalArgumentException("bad cosmology: H0=" + h0KmPerSPerMpc + " Om=" + omegaMatter
                    + " Or=" + omegaRadiation);
        }
        this.name = name;
        this.h0KmPerSPerMpc = h0KmPerSPerMpc;
        this.omegaMatter = omegaMatter;
        this.omegaRadiation = omegaRadiation;
        this.omegaLambda = 1.0 - omegaMatter - omegaRadiation;
        double h0PerS = h0KmPerSPerMpc * 1e5 / PhysicalConstants.MPC_CM;
        this.hubbleDistanceMpc = PhysicalConstants.C_CM_PER_S / 1e5 / h0KmPerSPerMpc;
        this.hubbleTimeGyr = 1.0 / h0PerS / PhysicalConstants.YEAR_S / PhysicalConstants.GYR_YR;
        int n = (int) Math.round(Z_MAX / DZ) + 1;
        this.ageGyr = new double[n];
        this.comovingDistanceMpc = new double[n];
        tabulate();
    }

    /** E(z) = H(z)/H0. */
    public double e(double z) {
        double a1 = 1.0 + z;
        return Math.sqrt(omegaRadiation * a1 * a1 * a1 * a1 + omegaMatter * a1 * a1 * a1 + omegaLambda);
    }

    private void tabulate() {
        int n = ageGyr.length;
        // Comoving distance: D_C = D_H int_0^z dz'/E(z'), Simpson's rule on each step.
        comovingDistanceMpc[0] = 0;
        for (int k = 1; k < n; k++) {
            double z0 = (k - 1) * DZ;
            double z1 = k * DZ;
            double zm = 0.5 * (z0 + z1);
            comovingDistanceMpc[k] = comovingDistanceMpc[k - 1]
                    + hubbleDistanceMpc * DZ / 6.0 * (1 / e(z0) + 4 / e(zm) + 1 / e(z1));
        }
        // Age at Z_MAX: t = t_H int_0^a a' da' / sqrt(Or + Om a' + OL a'^4) (non-singular at a' = 0).
        double aMax = 1.0 / (1.0 + Z_MAX);
        int m = 20000;
        double h = aMax / m;
        double sum = 0;
        for (int i = 0; i <= m; i++) {
            double a = i * h;
            double f = a / Math.sqrt(omegaRadiation + omegaMatter * a + omegaLambda * a * a * a * a);
            sum += (i == 0 || i == m) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
        }
        ageGyr[n - 1] = hubbleTimeGyr * sum * h / 3.0;
        // Then downwards in z: dt = t_H dz / ((1+z) E(z)).
        for (int k = n - 2; k >= 0; k--) {
            double z0 = k * DZ;
            double z1 = (k + 1) * DZ;
            double zm = 0.5 * (z0 + z1);
            ageGyr[k] = ageGyr[k + 1] + hubbleTimeGyr * DZ / 6.0
                    * (1 / ((1 + z0) * e(z0)) + 4 / ((1 + zm) * e(zm)) + 1 / ((1 + z1) * e(z1)));
        }
    }

    private double interpolate(double[] table, double z) {
        if (!(z >= 0) || z > Z_MAX) {
            throw new IllegalArgumentException("redshift " + z + " outside the tabulated range [0, " + Z_MAX + "]");
        }
        double x = z / DZ;
        int i = Math.min((int) x, table.length - 2);
        double w = x - i;
        return table[i] + w * (table[i + 1] - table[i]);
    }

    /** Age of the Universe at redshift z [Gyr]. */
    public double ageGyr(double z) {
        return interpolate(ageGyr, z);
    }

    /** Age of the Universe at redshift z [yr]. */
    public double ageYr(double z) {
        return ageGyr(z) * PhysicalConstants.GYR_YR;
    }

    /** Lookback time to redshift z [Gyr]. */
    public double lookbackTimeGyr(double z) {
        return ageGyr[0] - ageGyr(z);
    }

    /** Line-of-sight comoving distance [Mpc]. */
    public double comovingDistanceMpc(double z) {
        return interpolate(comovingDistanceMpc, z);
    }

    /** Luminosity distance [Mpc] (flat: D_L = (1+z) D_C). */
    public double luminosityDistanceMpc(double z) {
        return (1.0 + z) * comovingDistanceMpc(z);
    }

    /** Luminosity distance [cm]. */
    public double luminosityDistanceCm(double z) {
        return luminosityDistanceMpc(z) * PhysicalConstants.MPC_CM;
    }

    public String name() {
        return name;
    }

    public double h0KmPerSPerMpc() {
        return h0KmPerSPerMpc;
    }

    public double omegaMatter() {
        return omegaMatter;
    }

    public double omegaRadiation() {
        return omegaRadiation;
    }

    public double omegaLambda() {
        return omegaLambda;
    }
}
