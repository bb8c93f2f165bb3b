package io.sedstream.sed.sps;

/**
 * Single-age (SSP) spectra per unit mass formed, recovered from a tau model and held as integrals over
 * age bins: {@code binIntegral[k][i] = int_{edge_k}^{edge_k+1} S(a, lambda_i) da} [Lsun/A yr / Msun].
 *
 * <p>Bin integrals rather than point values: for F(t) = int_0^t psi(t-a) S(a) da with
 * psi(u) = exp(-u/tau)/tau, the identity S = tau dF/dt + F integrates exactly to
 * int_{a0}^{a1} S da = tau [F(a1) - F(a0)] + int_{a0}^{a1} F da, so only a quadrature of the smooth F
 * remains (trapezoid rule on BC03's age grid) and no derivative is differenced point by point.
 *
 * <p>Negative values: where F falls on the tau timescale the two terms nearly cancel and quadrature
 * error can leave a small negative bin integral (about 0.6% of (age, wavelength) cells, 3e-5 of the
 * total |flux|, measured on the tau = 0.1 Gyr files). An SSP cannot emit negative light, so such
 * cells are clipped to zero; {@link #clippedFluxFraction()} records the discarded fraction. The same
 * recovery gives the surviving stellar mass (living + remnants) of an SSP from BC03's {@code strm}.
 *
 * @param edgesYr              bin edges [yr], ascending, first = 0
 * @param lambdaAngstrom       wavelengths [Angstrom]
 * @param binIntegral          [bin][wavelength] integral of S over the bin [Lsun/A yr per Msun formed]
 * @param survivingMassIntegral [bin] integral over the bin of the surviving mass fraction [yr]
 * @param clippedFluxFraction  sum of |negative cells| / sum of |all cells|, before clipping
 * @param clippedCells         number of (bin, wavelength) cells clipped
 *
 * <p>Built once per metallicity at start-up; the arrays are not copied: callers must not modify them.
 */
public record RecoveredSsp(
        double metallicityZ,
        double[] edgesYr,
        double[] lambdaAngstrom,
        double[][] binIntegral,
        double[] survivingMassIntegral,
        double clippedFluxFraction,
        int clippedCells) {

    /** Number of age bins. */
    public int binCount() {
        return edgesYr.length - 1;
    }

    /**
     * Recovers SSP bin integrals from one tau model (its own age grid gives the bins).
     * The smallest tau available gives the best-conditioned recovery.
     */
    public static RecoveredSsp fromTauModel(Bc03Ised tauModel) {
        double tau = tauModel.tauYr();
        if (!(tau > 0)) {
            throw new IllegalArgumentException(tauModel.source() + " is not a tau model (tau = " + tau + ")");
        }
        double[] ages = tauModel.agesYr();
        if (ages[0] != 0) {
            throw new IllegalArgumentException(tauModel.source() + ": first age must be 0, is " + ages[0]);
        }
        float[][] f = tauModel.lLambdaLsunPerAngstrom();
        int nb = ages.length - 1;
        int nw = tauModel.lambdaAngstrom().length;
        double[][] bins = new double[nb][nw];
        double negative = 0;
        double total = 0;
        int clipped = 0;
        for (int k = 0; k < nb; k++) {
            double da = ages[k + 1] - ages[k];
            for (int i = 0; i < nw; i++) {
                double v = recoverBin(tau, f[k][i], f[k + 1][i], da);
                total += Math.abs(v);
                if (v < 0) {
                    negative -= v;
                    clipped++;
                    v = 0; // clipped: see class comment
                }
                bins[k][i] = v;
            }
        }
        double[] mass = tauModel.trailing()[Bc03Ised.TRAILING_STELLAR_MASS];
        double[] survInt = new double[nb];
        for (int k = 0; k < nb; k++) {
            survInt[k] = Math.max(0.0, recoverBin(tau, mass[k], mass[k + 1], ages[k + 1] - ages[k]));
        }
        return new RecoveredSsp(tauModel.metallicityZ(), ages.clone(), tauModel.lambdaAngstrom().clone(), bins,
                survInt, total > 0 ? negative / total : 0, clipped);
    }

    /** int_{a0}^{a1} S da = tau (F1 - F0) + (F0 + F1)/2 (a1 - a0): the identity integrated, trapezoid for int F. */
    static double recoverBin(double tauYr, double f0, double f1, double daYr) {
        return tauYr * (f1 - f0) + 0.5 * (f0 + f1) * daYr;
    }

    /**
     * Convolves the recovered SSPs with psi(u) = exp(-u/tau)/tau up to age {@code tYr}, the inverse of the
     * recovery: F(t) = sum_k psi_k int_k S da, with psi averaged analytically over each bin. Bins older
     * than t are ignored and a bin straddling t is cut at t (constant S within it).
     */
    public double[] convolveTau(double tauYr, double tYr) {
        double[] out = new double[lambdaAngstrom.length];
        for (int k = 0; k < binCount(); k++) {
            double lo = edgesYr[k];
            double hi = Math.min(edgesYr[k + 1], tYr);
            if (hi <= lo) {
                break;
            }
            double frac = (hi - lo) / (edgesYr[k + 1] - lo);
            // mean of exp(-(t-a)/tau)/tau over a in [lo, hi]
            double psiMean = (Math.exp(-(tYr - hi) / tauYr) - Math.exp(-(tYr - lo) / tauYr)) / (hi - lo);
            double w = psiMean * frac;
            double[] b = binIntegral[k];
            for (int i = 0; i < out.length; i++) {
                out[i] += w * b[i];
            }
        }
        return out;
    }

    /** Surviving stellar mass of the tau model at age t, by the same convolution. */
    public double convolveTauSurvivingMass(double tauYr, double tYr) {
        double out = 0;
        for (int k = 0; k < binCount(); k++) {
            double lo = edgesYr[k];
            double hi = Math.min(edgesYr[k + 1], tYr);
            if (hi <= lo) {
                break;
            }
            double frac = (hi - lo) / (edgesYr[k + 1] - lo);
            double psiMean = (Math.exp(-(tYr - hi) / tauYr) - Math.exp(-(tYr - lo) / tauYr)) / (hi - lo);
            out += psiMean * frac * survivingMassIntegral[k];
        }
        return out;
    }
}
