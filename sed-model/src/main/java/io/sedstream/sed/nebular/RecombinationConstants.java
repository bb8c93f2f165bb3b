package io.sedstream.sed.nebular;

/** Case-B hydrogen recombination constants at T_e = 10^4 K, n_e ~ 100 cm^-3, in one place. */
public final class RecombinationConstants {
    private RecombinationConstants() {
    }

    /** Electron temperature assumed for the nebular emission [K]. */
    public static final double T_ELECTRON_K = 1e4;
    /**
     * L(H-beta) per ionising photon absorbed per second [erg]: Anders &amp; Fritze-v. Alvensleben 2003
     * (A&amp;A 401, 1063), as used by CIGALE's lines module ({@code 4.757e-13 * n_ly}).
     */
    public static final double HBETA_ERG_PER_IONISING_PHOTON = 4.757e-13;
    /** Case-B recombination coefficient alpha_B(H, 10^4 K) [cm^3/s] (Osterbrock &amp; Ferland 2006). */
    public static final double ALPHA_B_CM3_PER_S = 2.59e-13;
    /**
     * Fraction of case-B recombinations that populate 2s and decay by two-photon emission at low density,
     * alpha_eff(2^2S)/alpha_B = 0.838e-13 / 2.59e-13 at 10^4 K (Osterbrock &amp; Ferland 2006, Sect. 4.3) [T].
     */
    public static final double TWO_PHOTON_FRACTION = 0.838e-13 / 2.59e-13;
}
