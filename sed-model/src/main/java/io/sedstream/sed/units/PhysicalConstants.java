package io.sedstream.sed.units;

/** Physical constants and unit conversions, cgs. CODATA 2018 unless stated; IAU 2015 nominal Lsun. */
public final class PhysicalConstants {
    private PhysicalConstants() {
    }

    /** Speed of light [cm/s] (exact, SI definition). */
    public static final double C_CM_PER_S = 2.99792458e10;
    /** Speed of light [Angstrom/s]. */
    public static final double C_ANGSTROM_PER_S = C_CM_PER_S * 1e8;
    /** Planck constant [erg s] (exact, SI 2019). */
    public static final double H_ERG_S = 6.62607015e-27;
    /** Boltzmann constant [erg/K] (exact, SI 2019). */
    public static final double K_ERG_PER_K = 1.380649e-16;
    /** Solar luminosity used by BC03 [erg/s] (Bruzual & Charlot 2003 normalise spectra to Lsun = 3.826e33). */
    public static final double LSUN_BC03_ERG_PER_S = 3.826e33;
    /** Megaparsec [cm] (IAU 2012 au and parsec definition). */
    public static final double MPC_CM = 3.0856775814913673e24;
    /** Julian year [s]. */
    public static final double YEAR_S = 365.25 * 86400.0;
    /** Gigayear [yr]. */
    public static final double GYR_YR = 1e9;
    /** 1 nJy in erg/s/cm^2/Hz. */
    public static final double NJY_CGS = 1e-32;
    /** AB magnitude of 1 nJy: AB = 31.4 - 2.5 log10(f / nJy) (Oke & Gunn 1983 zero point 3631 Jy). */
    public static final double AB_ZERO_POINT_NJY = 31.4;
    /** Hydrogen ionisation edge (Lyman limit) [Angstrom], vacuum. */
    public static final double LYMAN_LIMIT_ANGSTROM = 911.8;
    /** Lyman-alpha wavelength [Angstrom], vacuum. */
    public static final double LYMAN_ALPHA_ANGSTROM = 1215.67;
    /** Rydberg energy (hydrogen ionisation potential) [erg] (13.605693 eV). */
    public static final double RYDBERG_ERG = 13.605693122994 * 1.602176634e-12;

    /** AB magnitude of a flux density in nJy. */
    public static double abMagnitude(double fluxNJy) {
        return AB_ZERO_POINT_NJY - 2.5 * Math.log10(fluxNJy);
    }

    /** Flux density in nJy of an AB magnitude. */
    public static double fluxNJyFromAb(double abMag) {
        return Math.pow(10.0, -0.4 * (abMag - AB_ZERO_POINT_NJY));
    }
}
