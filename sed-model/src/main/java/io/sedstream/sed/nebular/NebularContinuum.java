package io.sedstream.sed.nebular;

import io.sedstream.sed.units.PhysicalConstants;

/**
 * Hydrogen nebular continuum (free-free + free-bound + two-photon) per ionising photon, at
 * T_e = 10^4 K, case B. An honest approximation, not a Cloudy calculation (expect ~30% accuracy):
 * <ul>
 * <li>free-free: 4 pi j_nu / (n_e n_p) = 6.8e-38 T^-1/2 exp(-h nu/kT) g_ff (Rybicki &amp; Lightman 1979, eq. 5.14b)
 *     with g_ff = 1 (Kramers);</li>
 * <li>free-bound: the Kramers hydrogen continuum, fb/ff = sum over levels n with h nu &gt;= Ry/n^2 of
 *     (2 Ry / (n^3 kT)) exp(Ry / (n^2 kT)) (e.g. Gray 2005, The Observation and Analysis of Stellar
 *     Photospheres, eq. 8.8), Gaunt factors 1, levels n = 2..60 (n = 1 photons are ionising: case B);</li>
 * <li>two-photon 2s -&gt; 1s: a fraction {@link RecombinationConstants#TWO_PHOTON_FRACTION} of recombinations
 *     each emit two photons with y = nu/nu_Lya distributed as the Nussbaumer &amp; Schmutz (1984, A&amp;A 138,
 *     495) fit A(y) with alpha = 0.88, beta = 1.53, gamma = 0.8, normalised numerically to 2 photons.</li>
 * </ul>
 * Emission measure from ionisation balance: n_e n_p V = Q(H) / alpha_B.
 */
public final class NebularContinuum {
    private static final int MAX_LEVEL = 60;
    private static final double FF_COEFF = 6.8e-38;
    private final double kT;
    private final double twoPhotonNorm;

    public NebularContinuum() {
        this.kT = PhysicalConstants.K_ERG_PER_K * RecombinationConstants.T_ELECTRON_K;
        // Normalise A(y) so that int_0^1 P(y) dy = 2 photons per decay (Simpson, 2000 intervals).
        int n = 2000;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double y = (double) i / n;
            double f = twoPhotonShape(y);
            s += (i == 0 || i == n) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
        }
        this.twoPhotonNorm = 2.0 / (s / (3.0 * n));
    }

    /** Nussbaumer &amp; Schmutz 1984 shape of the 2s-&gt;1s two-photon spectrum, unnormalised, y in [0, 1]. */
    static double twoPhotonShape(double y) {
        if (y <= 0 || y >= 1) {
            return 0;
        }
        double yy = y * (1 - y);
        double g = Math.pow(4 * yy, 0.8);
        return yy * (1 - g) + 0.88 * Math.pow(yy, 1.53) * g;
    }

    /** L_nu [erg/s/Hz] of the nebular continuum per ionising photon per second absorbed, at {@code lambdaAngstrom}. */
    public double lNuPerIonisingPhoton(double lambdaAngstrom) {
        double nu = PhysicalConstants.C_ANGSTROM_PER_S / lambdaAngstrom;
        double hnu = PhysicalConstants.H_ERG_S * nu;
        double ry = PhysicalConstants.RYDBERG_ERG;
        double gammaFf = FF_COEFF / Math.sqrt(RecombinationConstants.T_ELECTRON_K) * Math.exp(-hnu / kT);
        double fbRatio = 0;
        for (int n = 2; n <= MAX_LEVEL; n++) {
            double edge = ry / ((double) n * n);
            if (hnu >= edge) {
                fbRatio += 2 * ry / ((double) n * n * n * kT) * Math.exp(edge / kT);
            }
        }
        double gammaRecombination = gammaFf * (1 + fbRatio); // erg cm^3 / s / Hz
        double perQ = gammaRecombination / RecombinationConstants.ALPHA_B_CM3_PER_S;
        // Two-photon: photons per decay per unit nu = P(y)/nu_Lya; energy h nu each.
        double nuLya = PhysicalConstants.C_ANGSTROM_PER_S / PhysicalConstants.LYMAN_ALPHA_ANGSTROM;
        double y = nu / nuLya;
        double twoPhoton = RecombinationConstants.TWO_PHOTON_FRACTION * hnu * twoPhotonNorm * twoPhotonShape(y) / nuLya;
        return perQ + twoPhoton;
    }
}
