package io.sedstream.sed.sps;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.units.PhysicalConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SSP spectra per unit mass formed on a coarse grid of age bins and a few metallicities: the
 * mean spectrum over each bin (a population formed at constant SFR within the bin), its surviving
 * stellar mass and its hydrogen-ionising photon rate. Built once per process and shared read-only.
 *
 * <p>Coarse bins are unions of BC03's nativeAges age intervals (first bin 0 - 1 Myr, then steps of
 * {@code ageStepDex}), so each coarse bin integral is an exact sum of recovered nativeAges bin integrals.
 */
public final class SspGrid {

    /** Name of the BC03 grid shipped in the shared data. */
    public static final String BC03_CHABRIER_TAU = "bc03-chabrier-tau";
    /** BC03 Padova 1994 metallicity files of the shared data, ascending in Z (0.004, 0.008, 0.02). */
    private static final String[] BC03_FILES = {
        "sps/bc03-chabrier-tau/bc2003_lr_m42_chab_tau01_dust00.ised",
        "sps/bc03-chabrier-tau/bc2003_lr_m52_chab_tau01_dust00.ised",
        "sps/bc03-chabrier-tau/bc2003_lr_m62_chab_tau01_dust00.ised",
    };
    /** End of the first (youngest) coarse bin [yr]. */
    public static final double FIRST_BIN_END_YR = 1e6;

    private final String name;
    private final double[] metallicityZ;
    private final double[] log10Metallicity;
    private final double[] edgesYr;
    private final double[] lambdaAngstrom;
    private final double[][][] meanLLambda;
    private final double[][] survivingFraction;
    private final double[][] ionisingPhotonsPerS;
    private final double[] clippedFluxFraction;

    private SspGrid(String name, double[] metallicityZ, double[] edgesYr, double[] lambdaAngstrom,
            double[][][] meanLLambda, double[][] survivingFraction, double[] clippedFluxFraction) {
        this.name = name;
        this.metallicityZ = metallicityZ;
        this.log10Metallicity = Arrays.stream(metallicityZ).map(Math::log10).toArray();
        this.edgesYr = edgesYr;
        this.lambdaAngstrom = lambdaAngstrom;
        this.meanLLambda = meanLLambda;
        this.survivingFraction = survivingFraction;
        this.clippedFluxFraction = clippedFluxFraction;
        this.ionisingPhotonsPerS = new double[metallicityZ.length][edgesYr.length - 1];
        for (int z = 0; z < metallicityZ.length; z++) {
            for (int k = 0; k < edgesYr.length - 1; k++) {
                ionisingPhotonsPerS[z][k] = ionisingPhotonRate(lambdaAngstrom, meanLLambda[z][k]);
            }
        }
    }

    /** Loads the BC03 Chabrier tau grid (tau = 0.1 Gyr models, 3 metallicities) and recovers SSPs. */
    public static SspGrid bc03ChabrierTau(DataRoot data, double ageStepDex) {
        List<RecoveredSsp> recovered = new ArrayList<>();
        for (String f : BC03_FILES) {
            recovered.add(RecoveredSsp.fromTauModel(Bc03Ised.read(data.file(f))));
        }
        return fromRecovered(BC03_CHABRIER_TAU, recovered, ageStepDex);
    }

    /** Builds the coarse grid from recovered SSPs (same ages and wavelengths, ascending metallicity). */
    public static SspGrid fromRecovered(String name, List<RecoveredSsp> recovered, double ageStepDex) {
        if (!(ageStepDex > 0.0) || ageStepDex > 0.5) {
            throw new IllegalArgumentException("sps age step must be in (0, 0.5] dex, got " + ageStepDex);
        }
        RecoveredSsp first = recovered.get(0);
        double[] nativeAges = first.edgesYr();
        for (RecoveredSsp r : recovered) {
            if (!Arrays.equals(r.edgesYr(), nativeAges) || !Arrays.equals(r.lambdaAngstrom(), first.lambdaAngstrom())) {
                throw new IllegalArgumentException("SSP grids at different metallicities have different ages or wavelengths");
            }
        }
        for (int i = 1; i < recovered.size(); i++) {
            if (!(recovered.get(i).metallicityZ() > recovered.get(i - 1).metallicityZ())) {
                throw new IllegalArgumentException("SSP metallicities must ascend");
            }
        }
        // Coarse edges: nativeAges indices.
        List<Integer> idx = new ArrayList<>();
        idx.add(0);
        int j = 1;
        while (j < nativeAges.length && nativeAges[j] < FIRST_BIN_END_YR * (1 - 1e-6)) {
            j++;
        }
        idx.add(j);
        double step = Math.pow(10, ageStepDex) * (1 - 1e-3);
        for (int i = j + 1; i < nativeAges.length; i++) {
            if (nativeAges[i] >= nativeAges[idx.get(idx.size() - 1)] * step) {
                idx.add(i);
            }
        }
        if (idx.get(idx.size() - 1).intValue() != nativeAges.length - 1) {
            idx.add(nativeAges.length - 1);
        }
        int nb = idx.size() - 1;
        double[] edges = new double[nb + 1];
        for (int k = 0; k <= nb; k++) {
            edges[k] = nativeAges[idx.get(k)];
        }
        int nz = recovered.size();
        int nw = first.lambdaAngstrom().length;
        double[][][] mean = new double[nz][nb][nw];
        double[][] surv = new double[nz][nb];
        double[] clipped = new double[nz];
        double[] zs = new double[nz];
        for (int z = 0; z < nz; z++) {
            RecoveredSsp r = recovered.get(z);
            zs[z] = r.metallicityZ();
            clipped[z] = r.clippedFluxFraction();
            double[][] bins = r.binIntegral();
            double[] s = r.survivingMassIntegral();
            for (int k = 0; k < nb; k++) {
                double width = edges[k + 1] - edges[k];
                for (int n = idx.get(k); n < idx.get(k + 1); n++) {
                    for (int i = 0; i < nw; i++) {
                        mean[z][k][i] += bins[n][i];
                    }
                    surv[z][k] += s[n];
                }
                for (int i = 0; i < nw; i++) {
                    mean[z][k][i] /= width;
                }
                surv[z][k] = Math.min(1.0, surv[z][k] / width);
            }
        }
        return new SspGrid(name, zs, edges, first.lambdaAngstrom().clone(), mean, surv, clipped);
    }

    /**
     * Hydrogen-ionising photon rate Q(H) [photons/s] of a spectrum L_lambda [Lsun/A] on {@code lambda}:
     * int_{lambda < 911.8 A} L_lambda lambda / (h c) dlambda, trapezoid on the nativeAges points.
     */
    public static double ionisingPhotonRate(double[] lambdaAngstrom, double[] lLambdaLsunPerAngstrom) {
        double edge = PhysicalConstants.LYMAN_LIMIT_ANGSTROM;
        double q = 0;
        for (int i = 1; i < lambdaAngstrom.length; i++) {
            double l0 = lambdaAngstrom[i - 1];
            if (l0 >= edge) {
                break;
            }
            double l1 = lambdaAngstrom[i];
            double y0 = lLambdaLsunPerAngstrom[i - 1] * l0;
            double y1 = lLambdaLsunPerAngstrom[i] * l1;
            if (l1 > edge) { // cut the last interval at the edge
                double w = (edge - l0) / (l1 - l0);
                y1 = y0 + w * (y1 - y0);
                l1 = edge;
            }
            q += 0.5 * (y0 + y1) * (l1 - l0);
        }
        // Lsun/A * A * A -> erg/s * cm via 1e-8 cm/A; divide by h c [erg cm].
        return q * PhysicalConstants.LSUN_BC03_ERG_PER_S * 1e-8 / (PhysicalConstants.H_ERG_S * PhysicalConstants.C_CM_PER_S);
    }

    public String name() {
        return name;
    }

    public int metallicityCount() {
        return metallicityZ.length;
    }

    public double metallicityZ(int i) {
        return metallicityZ[i];
    }

    public double log10MetallicityMin() {
        return log10Metallicity[0];
    }

    public double log10MetallicityMax() {
        return log10Metallicity[log10Metallicity.length - 1];
    }

    /**
     * Index {@code i} of the lower bracketing metallicity for {@code log10Z}; the weight of grid point
     * {@code i + 1} is {@link #upperWeight}. Interpolation is linear in log Z; a value outside the
     * grid is an error (never extrapolated).
     */
    public int lowerMetallicityIndex(double log10Z) {
        checkMetallicity(log10Z);
        for (int i = 0; i < log10Metallicity.length - 2; i++) {
            if (log10Z < log10Metallicity[i + 1]) {
                return i;
            }
        }
        return log10Metallicity.length - 2;
    }

    /** Weight of the upper bracketing metallicity (see {@link #lowerMetallicityIndex}). */
    public double upperWeight(double log10Z) {
        int i = lowerMetallicityIndex(log10Z);
        double w = (log10Z - log10Metallicity[i]) / (log10Metallicity[i + 1] - log10Metallicity[i]);
        return Math.max(0.0, Math.min(1.0, w));
    }

    private void checkMetallicity(double log10Z) {
        double tol = 1e-9;
        if (!(log10Z >= log10Metallicity[0] - tol && log10Z <= log10Metallicity[log10Metallicity.length - 1] + tol)) {
            throw new IllegalArgumentException("log10 metallicity " + log10Z + " outside the SPS grid range ["
                    + log10Metallicity[0] + ", " + log10Metallicity[log10Metallicity.length - 1] + "] of " + name
                    + " (no extrapolation)");
        }
    }

    /** Coarse age bin edges [yr] (copy). */
    public double[] edgesYr() {
        return edgesYr.clone();
    }

    public int binCount() {
        return edgesYr.length - 1;
    }

    /** Native wavelengths [Angstrom] (copy). */
    public double[] lambdaAngstrom() {
        return lambdaAngstrom.clone();
    }

    /** Mean SSP spectrum of bin k at grid metallicity z [Lsun/A per Msun formed] (copy). */
    public double[] meanSpectrum(int z, int k) {
        return meanLLambda[z][k].clone();
    }

    /** Mean surviving stellar mass (living + remnants) per mass formed, in bin k at metallicity z. */
    public double survivingFraction(int z, int k) {
        return survivingFraction[z][k];
    }

    /** Mean ionising photon rate [photons/s per Msun formed] of bin k at metallicity z. */
    public double ionisingPhotonsPerSPerMsun(int z, int k) {
        return ionisingPhotonsPerS[z][k];
    }

    /** Fraction of |flux| clipped from negative recovered cells, per metallicity. */
    public double clippedFluxFraction(int z) {
        return clippedFluxFraction[z];
    }
}
