package io.sedstream.sed.prior;

import io.sedstream.sed.cosmology.Cosmology;
import io.sedstream.sed.model.ParameterNames;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A galaxy-population prior ({@code population = leja2020-speagle2014} in a model file): redshift and stellar
 * mass are drawn jointly from n(z, M*) proportional to dV/dz(z) phi(log M*, z), the comoving volume element of the
 * model's cosmology times the stellar-mass function of Leja et al. (2020) ({@link Leja2020MassFunction}),
 * over the model's redshift box and stellar masses from {@code population.log10_stellar_mass_min} to the top
 * of the formed-mass box; then star formation and dust follow the mass and redshift:
 * <ul>
 * <li>star-forming (probability 1 - f_q): log SFR on the main sequence of Speagle et al. (2014, ApJS 214, 15,
 *     their eq. 28), log SFR = (0.84 - 0.026 t) log M* - (6.51 - 0.11 t), t = age of the Universe [Gyr],
 *     with {@link #MAIN_SEQUENCE_SCATTER_DEX} scatter;</li>
 * <li>quiescent (probability f_q): {@link #QUIESCENT_OFFSET_DEX} dex below the main sequence with
 *     {@link #QUIESCENT_SCATTER_DEX} scatter. f_q(M*, z) = f_max(z) / (1 + exp(-(log M* - M_q(z)) / 0.25)),
 *     f_max = 0.85 (1 + z)^-0.7, M_q = 10.5 + 0.3 z: a simple form chosen to follow roughly the measured
 *     quiescent fractions (about half of log M* ~ 11 galaxies at z ~ 0.5, fewer than a fifth at z ~ 2;
 *     Muzzin et al. 2013, ApJ 777, 18), not a fit;</li>
 * <li>dust: the nebular attenuation of Garn &amp; Best (2010, MNRAS 409, 421),
 *     A_Halpha = 0.91 + 0.77 X + 0.11 X^2 - 0.09 X^3, X = log(M* / 10^10 Msun) (clamped to [-1.5, 1.2],
 *     where the cubic is fitted), turned into the stellar A_V = 0.44 A_Halpha k(V) / k(Halpha) with the
 *     Calzetti (2000) curve (k = 4.05, 3.33), times a log-normal scatter of {@link #DUST_SCATTER_DEX} dex;
 *     quiescent galaxies get {@link #QUIESCENT_DUST_FACTOR} of it.</li>
 * </ul>
 * The model's parameter is the formed mass: log M_formed = log M* + {@link #FORMED_MINUS_STELLAR_DEX} (the
 * Chabrier-IMF returned fraction, ~40% after a few Gyr). Its sSFR is per formed mass. Values that fall
 * outside the model's prior box (the bounds the network is trained on) are clamped to just inside it.
 * Redshift, mass, A_V and (Dense Basis) sSFR come from the population; every other parameter keeps its
 * {@code prior.NAME} line. The apparent-magnitude limit is applied by the simulator ({@code selection.*}).
 */
public final class PopulationPrior implements Prior {
    public static final String LEJA2020_SPEAGLE2014 = "leja2020-speagle2014";
    public static final double MAIN_SEQUENCE_SCATTER_DEX = 0.3;
    public static final double QUIESCENT_OFFSET_DEX = 1.5;
    public static final double QUIESCENT_SCATTER_DEX = 0.4;
    public static final double DUST_SCATTER_DEX = 0.3;
    public static final double QUIESCENT_DUST_FACTOR = 0.3;
    public static final double FORMED_MINUS_STELLAR_DEX = 0.2;
    /** A_V(stars) per A_Halpha(gas): 0.44 x k(V) / k(Halpha) of Calzetti et al. (2000). */
    static final double AV_STARS_PER_A_HALPHA = 0.44 * 4.05 / 3.33;
    private static final double DZ = 0.01;
    private static final double DLOGM = 0.01;
    private static final double CLAMP_EPS = 1e-6;

    private final ModelPrior base;
    private final Cosmology cosmology;
    private final Leja2020MassFunction smf = new Leja2020MassFunction();
    private final double log10StellarMassMin;
    private final int iZ;
    private final int iMass;
    private final int iAv;
    private final int iSsfr;
    private final double zLo;
    private final double[] zCdf;
    private final double logMLo;
    private final double[][] massCdf;

    /**
     * @param base                 the model's {@code prior.NAME} lines (the box, and every other parameter)
     * @param cosmology            for dV/dz and the age of the Universe
     * @param log10StellarMassMin  lowest stellar mass drawn (fainter galaxies would almost all fail any survey's limit)
     */
    public PopulationPrior(ModelPrior base, Cosmology cosmology, double log10StellarMassMin) {
        this.base = base;
        this.cosmology = cosmology;
        List<String> names = base.names();
        this.iZ = names.indexOf(ParameterNames.REDSHIFT);
        this.iMass = names.indexOf(ParameterNames.LOG10_FORMED_MASS);
        this.iAv = names.indexOf(ParameterNames.LOG10_AV);
        this.iSsfr = names.indexOf(ParameterNames.LOG10_SSFR);
        if (iZ < 0 || iMass < 0 || iAv < 0) {
            throw new IllegalArgumentException("population prior needs redshift, log10_formed_mass and log10_av in " + names);
        }
        double logMHi = base.upper(iMass) - FORMED_MINUS_STELLAR_DEX;
        double logMLoBox = base.lower(iMass) - FORMED_MINUS_STELLAR_DEX;
        if (!(log10StellarMassMin >= logMLoBox && log10StellarMassMin < logMHi - 0.1)) {
            throw new IllegalArgumentException("population.log10_stellar_mass_min = " + log10StellarMassMin
                    + " must lie in the formed-mass box less " + FORMED_MINUS_STELLAR_DEX + " dex: [" + logMLoBox + ", " + (logMHi - 0.1) + ")");
        }
        this.log10StellarMassMin = log10StellarMassMin;
        this.zLo = base.lower(iZ);
        double zHi = base.upper(iZ);
        int nz = (int) Math.ceil((zHi - zLo) / DZ) + 1;
        int nm = (int) Math.ceil((logMHi - log10StellarMassMin) / DLOGM) + 1;
        this.logMLo = log10StellarMassMin;
        this.massCdf = new double[nz][nm];
        double[] weight = new double[nz];
        for (int k = 0; k < nz; k++) {
            double z = Math.min(zLo + k * DZ, zHi);
            double[] c = massCdf[k];
            double prev = smf.phiPerMpc3PerDex(logMLo, z);
            for (int j = 1; j < nm; j++) {
                double phi = smf.phiPerMpc3PerDex(Math.min(logMLo + j * DLOGM, logMHi), z);
                c[j] = c[j - 1] + 0.5 * (prev + phi) * DLOGM;
                prev = phi;
            }
            double total = c[nm - 1];
            for (int j = 0; j < nm; j++) {
                c[j] /= total;
            }
            weight[k] = comovingVolumeElement(z) * total;
        }
        this.zCdf = new double[nz];
        for (int k = 1; k < nz; k++) {
            zCdf[k] = zCdf[k - 1] + 0.5 * (weight[k - 1] + weight[k]);
        }
        double total = zCdf[nz - 1];
        for (int k = 0; k < nz; k++) {
            zCdf[k] /= total;
        }
    }

    /** dV/dz per steradian [Mpc^3]: D_H D_C^2 / E(z) (flat). */
    private double comovingVolumeElement(double z) {
        double dc = cosmology.comovingDistanceMpc(z);
        return 299792.458 / cosmology.h0KmPerSPerMpc() * dc * dc / cosmology.e(z);
    }

    /** Lowest stellar mass drawn [log10 Msun]. */
    public double log10StellarMassMin() {
        return log10StellarMassMin;
    }

    /** Main-sequence log10 SFR [Msun/yr] of Speagle et al. (2014) eq. 28 at log M* and cosmic age t [Gyr]. */
    public static double mainSequenceLog10Sfr(double log10StellarMass, double ageGyr) {
        return (0.84 - 0.026 * ageGyr) * log10StellarMass - (6.51 - 0.11 * ageGyr);
    }

    /** The quiescent fraction f_q(M*, z) of the class comment. */
    public static double quiescentFraction(double log10StellarMass, double z) {
        double fMax = 0.85 * Math.pow(1 + z, -0.7);
        double mq = 10.5 + 0.3 * z;
        return fMax / (1 + Math.exp(-(log10StellarMass - mq) / 0.25));
    }

    /** Median stellar A_V of a star-forming galaxy of log M* (Garn &amp; Best 2010, converted as in the class comment). */
    public static double starFormingMedianAv(double log10StellarMass) {
        double x = Math.min(Math.max(log10StellarMass - 10.0, -1.5), 1.2);
        double aHalpha = 0.91 + 0.77 * x + 0.11 * x * x - 0.09 * x * x * x;
        return AV_STARS_PER_A_HALPHA * aHalpha;
    }

    /** Draws a redshift from the population's n(z) (inverse CDF on the 0.01 grid, uniform within a cell). */
    double sampleRedshift(SplittableRandom rng) {
        double u = rng.nextDouble();
        int k = upperIndex(zCdf, u);
        double w = (u - zCdf[k - 1]) / Math.max(zCdf[k] - zCdf[k - 1], 1e-300);
        return Math.min(zLo + (k - 1 + w) * DZ, base.upper(iZ));
    }

    /** Draws log M* at z from phi(., z) (the nearest 0.01 redshift node; piecewise-uniform in 0.01 dex cells). */
    double sampleLog10StellarMass(SplittableRandom rng, double z) {
        int node = (int) Math.round((z - zLo) / DZ);
        double[] c = massCdf[Math.max(0, Math.min(massCdf.length - 1, node))];
        double u = rng.nextDouble();
        int j = upperIndex(c, u);
        double w = (u - c[j - 1]) / Math.max(c[j] - c[j - 1], 1e-300);
        return Math.min(logMLo + (j - 1 + w) * DLOGM, base.upper(iMass) - FORMED_MINUS_STELLAR_DEX);
    }

    /** Smallest index i >= 1 with cdf[i] >= u. */
    private static int upperIndex(double[] cdf, double u) {
        int lo = 1;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] >= u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    public void sample(SplittableRandom rng, double[] out) {
        base.sample(rng, out);
        double z = sampleRedshift(rng);
        double logM = sampleLog10StellarMass(rng, z);
        boolean quiescent = rng.nextDouble() < quiescentFraction(logM, z);
        double logSfr = mainSequenceLog10Sfr(logM, cosmology.ageGyr(z))
                + (quiescent ? -QUIESCENT_OFFSET_DEX + QUIESCENT_SCATTER_DEX * rng.nextGaussian()
                        : MAIN_SEQUENCE_SCATTER_DEX * rng.nextGaussian());
        double logAv = Math.log10(starFormingMedianAv(logM) * (quiescent ? QUIESCENT_DUST_FACTOR : 1.0))
                + DUST_SCATTER_DEX * rng.nextGaussian();
        double logFormed = logM + FORMED_MINUS_STELLAR_DEX;
        out[iZ] = clamp(z, iZ);
        out[iMass] = clamp(logFormed, iMass);
        out[iAv] = clamp(logAv, iAv);
        if (iSsfr >= 0) {
            out[iSsfr] = clamp(logSfr - logFormed, iSsfr);
        }
    }

    private double clamp(double v, int i) {
        double lo = base.lower(i);
        double hi = base.upper(i);
        double eps = CLAMP_EPS * (hi - lo);
        return Math.min(Math.max(v, lo + eps), hi - eps);
    }

    @Override
    public List<String> names() {
        return base.names();
    }

    @Override
    public double lower(int i) {
        return base.lower(i);
    }

    @Override
    public double upper(int i) {
        return base.upper(i);
    }

    @Override
    public String describe(int i) {
        if (i == iZ || i == iMass) {
            return "population " + LEJA2020_SPEAGLE2014 + ": n(z, M*) ~ dV/dz x Leja+2020 SMF, log M* >= " + log10StellarMassMin
                    + ", M_formed = M* + " + FORMED_MINUS_STELLAR_DEX + " dex, within " + base.describe(i);
        }
        if (i == iSsfr) {
            return "population " + LEJA2020_SPEAGLE2014 + ": Speagle+2014 main sequence (" + MAIN_SEQUENCE_SCATTER_DEX
                    + " dex) or quiescent (" + QUIESCENT_OFFSET_DEX + " dex below), within " + base.describe(i);
        }
        if (i == iAv) {
            return "population " + LEJA2020_SPEAGLE2014 + ": Garn & Best 2010 A_V(M*), " + DUST_SCATTER_DEX
                    + " dex scatter, quiescent x" + QUIESCENT_DUST_FACTOR + ", within " + base.describe(i);
        }
        return base.describe(i);
    }
}
