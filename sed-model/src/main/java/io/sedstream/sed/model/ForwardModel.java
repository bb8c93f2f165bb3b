package io.sedstream.sed.model;

import io.sedstream.sed.cosmology.Cosmology;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.dust.DustLaw;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.filter.FilterSets;
import io.sedstream.sed.igm.IgmTable;
import io.sedstream.sed.igm.IgmModel;
import io.sedstream.sed.nebular.NebularContinuum;
import io.sedstream.sed.nebular.NebularLines;
import io.sedstream.sed.nebular.RecombinationConstants;
import io.sedstream.sed.photometry.Photometer;
import io.sedstream.sed.photometry.RestFrameGrid;
import io.sedstream.sed.prior.ModelPrior;
import io.sedstream.sed.prior.PopulationPrior;
import io.sedstream.sed.prior.Prior;
import io.sedstream.sed.sfh.SfhFamily;
import io.sedstream.sed.sfh.StarFormationHistory;
import io.sedstream.sed.sps.SspGrid;
import io.sedstream.sed.units.PhysicalConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The galaxy forward model: prior parameters -&gt; star-formation history -&gt; sum of SSP spectra -&gt;
 * nebular lines and continuum -&gt; dust -&gt; redshift and IGM -&gt; photon-counting band fluxes [nJy],
 * plus the 12 output parameters of {@link ParameterNames#OUTPUTS}.
 *
 * <p>Everything that does not depend on the galaxy is precomputed once: SSP mean spectra per (age bin,
 * metallicity) resampled to a rest-frame grid uniform in ln(lambda) (R = {@code grid.resolution}), their
 * ionising photon rates and surviving masses, the nebular continuum per ionising photon, the dust curve
 * at every node, the IGM transmission table and the band-weight tables. A galaxy then costs one weighted
 * sum of SSP spectra over the nodes its bands see, two exponentials per node, and a few hundred
 * multiply-adds for the bands and lines. Immutable and thread-safe; per-thread scratch lives in a
 * {@link Workspace}.
 */
public final class ForwardModel {

    /** Calzetti, Kinney &amp; Storchi-Bergmann (1994, ApJ 429, 582) Table 2 UV continuum windows [Angstrom]. */
    private static final double[][] BETA_WINDOWS = {
        {1268, 1284}, {1309, 1316}, {1342, 1371}, {1407, 1515}, {1562, 1583},
        {1677, 1740}, {1760, 1833}, {1866, 1890}, {1930, 1950}, {2400, 2580},
    };
    /** SFRs are floored at this many Msun/yr per Msun formed so that log10 SFR stays finite. */
    public static final double SFR_FLOOR_PER_MSUN = 1e-15;
    private static final double LN10_OVER_2P5 = 0.4 * Math.log(10.0);
    private static final double SFR_WINDOW_100MYR = 1e8;
    private static final double SFR_WINDOW_10MYR = 1e7;

    private final ModelConfig config;
    private final FilterSet filters;
    private final Cosmology cosmology;
    private final SspGrid ssp;
    private final RestFrameGrid grid;
    private final Photometer photometer;
    private final IgmTable igm;
    private final NebularLines lines;
    private final Prior prior;
    private final int selectionBand;
    private final List<ParameterSpec> outputSpecs;

    private final int nodes;
    private final int bins;
    private final double[] edgesYr;
    private final double[] binMidAgeYr;
    private final float[][] sspLnu;
    private final double[][] ionisingPerMsun;
    private final double[][] survivingPerMsun;
    private final double[] nebularLnuPerQ;
    private final double[] dustKOverRv;
    private final double[] lineLambda;
    private final double[] lineKOverRv;
    private final int lymanAlphaLine;
    private final int lymanAlphaBlueNode;
    private final double[][] betaWeights;
    private final double[] betaSlopeCoefficients;
    private final int betaLo;
    private final int betaHi;
    private final double[] bandPivot;

    private final int iRedshift;
    private final int iMass;
    private final int iMetallicity;
    private final int iAv;
    private final SfhFamily sfhFamily;
    // Indices in the prior vector of the SFH family's free parameters, in SfhFamily.freeParameters() order.
    private final int[] iSfh;
    private final double zMin;
    private final double zMax;

    /** Loads a model by name (or file) with a filter set by name (or file), from the given data root. */
    public static ForwardModel load(String modelNameOrPath, String filterSetNameOrPath, DataRoot data) {
        return load(ModelConfig.load(modelNameOrPath), FilterSets.load(filterSetNameOrPath, data), data);
    }

    /** Builds the model: reads the SPS grid and IGM tables and precomputes everything galaxy-independent. */
    public static ForwardModel load(ModelConfig config, FilterSet filters, DataRoot data) {
        SspGrid ssp = SspGrid.bc03ChabrierTau(data, config.spsAgeStepDex());
        return new ForwardModel(config, filters, Cosmology.planck18(), ssp, IgmModel.load(config.igm(), data));
    }

    private ForwardModel(ModelConfig config, FilterSet filters, Cosmology cosmology, SspGrid ssp, IgmModel igmModel) {
        this.config = config;
        this.filters = filters;
        this.cosmology = cosmology;
        this.ssp = ssp;
        this.lines = NebularLines.anders2003();
        ModelPrior priorLines = new ModelPrior(config.priors(), ssp.log10MetallicityMin(), ssp.log10MetallicityMax());
        this.prior = config.population().equals(ModelConfig.POPULATION_NONE) ? priorLines
                : new PopulationPrior(priorLines, cosmology, config.populationLog10StellarMassMin());
        if (config.selection() != null) {
            this.selectionBand = filters.bandNames().indexOf(config.selection().band());
            if (selectionBand < 0) {
                throw new IllegalArgumentException("model " + config.name() + ": selection.band '" + config.selection().band()
                        + "' is not a band of filter set " + filters.name() + " " + filters.bandNames());
            }
        } else {
            this.selectionBand = -1;
        }
        List<String> names = prior.names();
        this.iRedshift = requireIndex(names, ParameterNames.REDSHIFT);
        this.iMass = requireIndex(names, ParameterNames.LOG10_FORMED_MASS);
        this.iMetallicity = requireIndex(names, ParameterNames.LOG10_METALLICITY);
        this.iAv = requireIndex(names, ParameterNames.LOG10_AV);
        this.sfhFamily = SfhFamily.byName(config.sfh());
        this.iSfh = sfhFamily.freeParameters().stream().mapToInt(n -> requireIndex(names, n)).toArray();
        this.zMin = prior.lower(iRedshift);
        this.zMax = prior.upper(iRedshift);
        if (zMin < 0 || zMax > Cosmology.Z_MAX - 1) {
            throw new IllegalArgumentException("model " + config.name() + ": redshift prior [" + zMin + ", " + zMax
                    + "] outside [0, " + (Cosmology.Z_MAX - 1) + "]");
        }
        if (igmModel != null && zMax > igmModel.maxRedshift()) {
            throw new IllegalArgumentException("model " + config.name() + ": redshift prior reaches z = " + zMax + " but igm "
                    + igmModel.name() + " is tabulated only to z = " + igmModel.maxRedshift());
        }
        double zLoMet = prior.lower(iMetallicity);
        double zHiMet = prior.upper(iMetallicity);
        if (zLoMet < ssp.log10MetallicityMin() - 1e-9 || zHiMet > ssp.log10MetallicityMax() + 1e-9) {
            throw new IllegalArgumentException("model " + config.name() + ": metallicity prior [" + zLoMet + ", " + zHiMet
                    + "] exceeds the SPS grid [" + ssp.log10MetallicityMin() + ", " + ssp.log10MetallicityMax()
                    + "] (no extrapolation)");
        }

        // Rest-frame grid: what the bands see over the prior's redshift range, plus the UV-slope windows.
        double minObs = Double.POSITIVE_INFINITY;
        double maxObs = 0;
        for (int b = 0; b < filters.size(); b++) {
            minObs = Math.min(minObs, filters.band(b).minSupportAngstrom());
            maxObs = Math.max(maxObs, filters.band(b).maxSupportAngstrom());
        }
        double[] nativeLambda = ssp.lambdaAngstrom();
        double d = 1.0 / config.resolution();
        double lo = Math.max(nativeLambda[0], Math.min(minObs / (1 + zMax), BETA_WINDOWS[0][0]) * Math.exp(-3 * d));
        double hi = Math.min(nativeLambda[nativeLambda.length - 1],
                Math.max(maxObs / (1 + zMin), BETA_WINDOWS[BETA_WINDOWS.length - 1][1]) * Math.exp(3 * d));
        this.grid = RestFrameGrid.covering(lo, hi, config.resolution());
        this.nodes = grid.size();
        this.photometer = new Photometer(filters, grid);
        this.igm = igmModel == null ? null : new IgmTable(igmModel, grid, zMax);

        // SSP spectra: L_lambda [Lsun/A/Msun] -> cell averages on the nodes -> L_nu [erg/s/Hz/Msun].
        this.edgesYr = ssp.edgesYr();
        this.bins = ssp.binCount();
        this.binMidAgeYr = new double[bins];
        for (int k = 0; k < bins; k++) {
            binMidAgeYr[k] = 0.5 * (edgesYr[k] + edgesYr[k + 1]);
        }
        int nz = ssp.metallicityCount();
        this.sspLnu = new float[nz][bins * nodes];
        this.ionisingPerMsun = new double[nz][bins];
        this.survivingPerMsun = new double[nz][bins];
        double escape = config.lymanContinuumEscape();
        for (int z = 0; z < nz; z++) {
            for (int k = 0; k < bins; k++) {
                double[] mean = ssp.meanSpectrum(z, k);
                double[] cell = grid.cellAverage(nativeLambda, mean);
                for (int i = 0; i < nodes; i++) {
                    double lam = grid.lambdaAngstrom(i);
                    double lnu = cell[i] * PhysicalConstants.LSUN_BC03_ERG_PER_S * lam * lam / PhysicalConstants.C_ANGSTROM_PER_S;
                    // Ionising photons that do not escape are absorbed by the gas (and re-emitted as nebular light).
                    if (lam < PhysicalConstants.LYMAN_LIMIT_ANGSTROM) {
                        lnu *= escape;
                    }
                    sspLnu[z][k * nodes + i] = (float) lnu;
                }
                ionisingPerMsun[z][k] = ssp.ionisingPhotonsPerSPerMsun(z, k) * (1 - escape);
                survivingPerMsun[z][k] = ssp.survivingFraction(z, k);
            }
        }
        NebularContinuum continuum = new NebularContinuum();
        DustLaw dustLaw = DustLaw.byName(config.dust());
        this.nebularLnuPerQ = new double[nodes];
        this.dustKOverRv = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            double lam = grid.lambdaAngstrom(i);
            nebularLnuPerQ[i] = lam < PhysicalConstants.LYMAN_LIMIT_ANGSTROM ? 0.0 : continuum.lNuPerIonisingPhoton(lam);
            dustKOverRv[i] = dustLaw.relativeAttenuation(lam);
        }
        int nl = lines.size();
        this.lineLambda = new double[nl];
        this.lineKOverRv = new double[nl];
        for (int l = 0; l < nl; l++) {
            lineLambda[l] = lines.lines().get(l).lambdaVacuumAngstrom();
            lineKOverRv[l] = dustLaw.relativeAttenuation(lineLambda[l]);
        }
        this.lymanAlphaLine = lines.indexOf(NebularLines.LYMAN_ALPHA);
        this.lymanAlphaBlueNode = grid.floorIndex(PhysicalConstants.LYMAN_ALPHA_ANGSTROM * (1 - 1e-6));

        // UV slope: mean f_lambda in each window as weights on the nodes, then a least-squares line in log-log.
        int nw = BETA_WINDOWS.length;
        this.betaWeights = new double[nw][nodes];
        double[] x = new double[nw];
        int bLo = nodes;
        int bHi = 0;
        for (int w = 0; w < nw; w++) {
            double a = BETA_WINDOWS[w][0];
            double b = BETA_WINDOWS[w][1];
            int steps = 400;
            for (int s = 0; s < steps; s++) {
                double lam = a + (b - a) * (s + 0.5) / steps;
                double pos = Math.log(lam / grid.lambda0Angstrom()) / d;
                int i0 = (int) Math.floor(pos);
                double f = pos - i0;
                // f_lambda = L_nu c / lambda^2, piecewise linear L_nu between nodes
                double conv = PhysicalConstants.C_ANGSTROM_PER_S / (lam * lam) / steps;
                betaWeights[w][i0] += (1 - f) * conv;
                betaWeights[w][i0 + 1] += f * conv;
                bLo = Math.min(bLo, i0);
                bHi = Math.max(bHi, i0 + 1);
            }
            x[w] = Math.log(0.5 * (a + b));
        }
        this.betaLo = bLo;
        this.betaHi = bHi;
        double xm = Arrays.stream(x).average().orElseThrow();
        double sxx = 0;
        for (double v : x) {
            sxx += (v - xm) * (v - xm);
        }
        this.betaSlopeCoefficients = new double[nw];
        for (int w = 0; w < nw; w++) {
            betaSlopeCoefficients[w] = (x[w] - xm) / sxx;
        }
        this.bandPivot = new double[filters.size()];
        for (int b = 0; b < filters.size(); b++) {
            bandPivot[b] = filters.band(b).pivotWavelengthAngstrom();
        }
        this.outputSpecs = buildOutputSpecs();
    }

    private static int requireIndex(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("prior has no parameter '" + name + "' (has " + names + ")");
        }
        return i;
    }

    private List<ParameterSpec> buildOutputSpecs() {
        List<ParameterSpec> specs = new ArrayList<>();
        List<String> priorNames = prior.names();
        for (int i = 0; i < ParameterNames.OUTPUTS.size(); i++) {
            String n = ParameterNames.OUTPUTS.get(i);
            int p = priorNames.indexOf(n);
            specs.add(p >= 0
                    ? new ParameterSpec(n, ParameterNames.OUTPUT_UNITS.get(i), true, prior.lower(p), prior.upper(p))
                    : new ParameterSpec(n, ParameterNames.OUTPUT_UNITS.get(i), false, Double.NaN, Double.NaN));
        }
        return List.copyOf(specs);
    }

    /** Per-thread scratch space for {@link #simulate}: never share one between threads. */
    public final class Workspace {
        final float[] stellar = new float[nodes];
        final double[] total = new double[nodes];
        final double[] massAbove = new double[bins + 1];
        final double[] binMass = new double[bins + 1];
        final double[] sfhScratch = new double[SfhFamily.SCRATCH_LENGTH];
        final double[] sfhFree = new double[iSfh.length];
        double ageMoment;

        private Workspace() {
        }
    }

    /** A fresh workspace for one thread. */
    public Workspace newWorkspace() {
        return new Workspace();
    }

    /**
     * Simulates one galaxy from its free-parameter vector ({@link #prior()} order): noiseless band fluxes
     * [nJy] into {@code fluxNJyOut} (filter-set order) and, when {@code outputsOut} is not null, the 12
     * output parameters in {@link ParameterNames#OUTPUTS} order.
     */
    public void simulate(double[] free, Workspace ws, double[] fluxNJyOut, double[] outputsOut) {
        double z = free[iRedshift];
        if (!(z >= 0) || z > zMax + 1e-9) {
            throw new IllegalArgumentException("redshift " + z + " outside the model's range [0, " + zMax + "]");
        }
        double formedMass = Math.pow(10.0, free[iMass]);
        double log10Z = free[iMetallicity];
        double av = Math.pow(10.0, free[iAv]);
        double ageUniverseYr = cosmology.ageYr(z);
        StarFormationHistory sfh = starFormationHistory(free, ageUniverseYr, ws);

        int nCoef = fillSpectralWeights(sfh, ageUniverseYr, ws);
        double[] coef = ws.binMass;
        double ageMomentSum = ws.ageMoment;

        int zLo = ssp.lowerMetallicityIndex(log10Z);
        double wHi = ssp.upperWeight(log10Z);
        float[] sLo = sspLnu[zLo];
        float[] sHi = sspLnu[zLo + 1];
        double[] qLo = ionisingPerMsun[zLo];
        double[] qHi = ionisingPerMsun[zLo + 1];
        double ionising = 0;
        double surviving = 0;
        for (int k = 0; k < nCoef; k++) {
            double m = coef[k];
            ionising += m * ((1 - wHi) * qLo[k] + wHi * qHi[k]);
            surviving += m * ((1 - wHi) * survivingPerMsun[zLo][k] + wHi * survivingPerMsun[zLo + 1][k]);
        }

        // Nodes needed: those any band sees at this z, and the UV-slope windows.
        int iLo = betaLo;
        int iHi = betaHi;
        for (int b = 0; b < photometer.bandCount(); b++) {
            iLo = Math.min(iLo, photometer.firstNode(b, z));
            iHi = Math.max(iHi, photometer.lastNode(b, z));
        }
        iLo = Math.max(0, iLo);
        iHi = Math.min(nodes - 1, iHi);

        // Stellar continuum: sum over age bins of mass x SSP spectrum, interpolated in log Z.
        float[] stellar = ws.stellar;
        Arrays.fill(stellar, iLo, iHi + 1, 0f);
        for (int k = 0; k < nCoef; k++) {
            if (coef[k] == 0) {
                continue;
            }
            float cLo = (float) (coef[k] * (1 - wHi));
            float cHi = (float) (coef[k] * wHi);
            int off = k * nodes;
            for (int i = iLo; i <= iHi; i++) {
                stellar[i] += cLo * sLo[off + i] + cHi * sHi[off + i];
            }
        }

        // Nebular continuum, dust on stars and gas (gas sees nebularDustFactor x A_V).
        double[] total = ws.total;
        double a = LN10_OVER_2P5 * av;
        double aGas = a * config.nebularDustFactor();
        for (int i = iLo; i <= iHi; i++) {
            double k = dustKOverRv[i];
            total[i] = stellar[i] * Math.exp(-a * k) + ionising * nebularLnuPerQ[i] * Math.exp(-aGas * k);
        }

        double beta = Double.NaN;
        if (outputsOut != null) {
            beta = uvSlope(total);
        }

        if (igm != null) {
            igm.apply(z, total, iLo, iHi);
        }

        // Bands: rest-frame L_nu -> observed f_nu: f = (1+z) L_nu / (4 pi D_L^2).
        double dl = cosmology.luminosityDistanceCm(z);
        double fourPiDl2 = 4 * Math.PI * dl * dl;
        double continuumScale = (1 + z) / fourPiDl2 / PhysicalConstants.NJY_CGS;
        for (int b = 0; b < photometer.bandCount(); b++) {
            fluxNJyOut[b] = photometer.bandAverage(b, total, z) * continuumScale;
        }

        // Emission lines: L = c_Hbeta Q(H) x ratio(Z), attenuated like the gas, added to each band they fall in.
        if (ionising > 0) {
            for (int l = 0; l < lineLambda.length; l++) {
                double lum = lineLuminosity(l, ionising, log10Z, aGas, z);
                if (lum <= 0) {
                    continue;
                }
                double lambdaObs = lineLambda[l] * (1 + z);
                double fluxCgs = lum / fourPiDl2;
                for (int b = 0; b < photometer.bandCount(); b++) {
                    fluxNJyOut[b] += photometer.lineBandAverage(b, fluxCgs, lambdaObs) / PhysicalConstants.NJY_CGS;
                }
            }
        }

        if (outputsOut != null) {
            double floor = SFR_FLOOR_PER_MSUN * formedMass;
            outputsOut[OutputParameter.REDSHIFT.index()] = z;
            outputsOut[OutputParameter.LOG10_FORMED_MASS.index()] = free[iMass];
            outputsOut[OutputParameter.LOG10_SURVIVING_MASS.index()] = Math.log10(surviving);
            outputsOut[OutputParameter.LOG10_METALLICITY.index()] = log10Z;
            outputsOut[OutputParameter.LOG10_AV.index()] = free[iAv];
            outputsOut[OutputParameter.LOG10_SFR_100MYR.index()] = Math.log10(Math.max(floor, sfh.meanSfrMsunPerYr(SFR_WINDOW_100MYR)));
            outputsOut[OutputParameter.LOG10_SFR_10MYR.index()] = Math.log10(Math.max(floor, sfh.meanSfrMsunPerYr(SFR_WINDOW_10MYR)));
            // t25, t50, t75 are consecutive in the table.
            sfhFamily.formationTimeFractions(sfh, ageUniverseYr, ws.sfhScratch, outputsOut, OutputParameter.T25.index());
            outputsOut[OutputParameter.LOG10_MASS_WEIGHTED_AGE.index()] = Math.log10(ageMomentSum / formedMass);
            outputsOut[OutputParameter.BETA_UV.index()] = beta;
        }
    }

    /**
     * Emergent luminosity [erg/s] of nebular line {@code l} ({@link NebularLines} order) for an ionising rate Q
     * and gas attenuation exponent {@code aGas} (= 0.4 ln10 A_V x nebular factor): case B c_Hbeta Q x ratio(Z),
     * attenuated by dust; Lyman-alpha also by its escape fraction and, when {@code z >= 0} and the IGM is on, by
     * the IGM on its blue half.
     */
    private double lineLuminosity(int l, double ionising, double log10Z, double aGas, double z) {
        double ratio = lines.ratioToHbeta(l, log10Z);
        if (ratio <= 0 || ionising <= 0) {
            return 0.0;
        }
        double lum = RecombinationConstants.HBETA_ERG_PER_IONISING_PHOTON * ionising * ratio
                * Math.exp(-aGas * lineKOverRv[l]);
        if (l == lymanAlphaLine) {
            // Resonant: only the escaping fraction leaves the galaxy; the blue half of the line is then
            // absorbed by the IGM like the continuum just bluewards of it.
            lum *= config.lymanAlphaEscape();
            if (igm != null && z >= 0) {
                lum *= 0.5 * (1 + igm.transmission(z, lymanAlphaBlueNode));
            }
        }
        return lum;
    }

    /**
     * Emergent nebular line luminosities [erg/s] ({@link #lines()} order) for the given free parameters:
     * after dust and the Lyman-alpha escape fraction, before the IGM.
     */
    public double[] lineLuminositiesErgPerS(double[] free) {
        Workspace ws = newWorkspace();
        double ionising = ionisingRate(free, ws);
        double aGas = LN10_OVER_2P5 * Math.pow(10.0, free[iAv]) * config.nebularDustFactor();
        double[] out = new double[lines.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = lineLuminosity(l, ionising, free[iMetallicity], aGas, -1);
        }
        return out;
    }

    /** The nebular line list. */
    public NebularLines lines() {
        return lines;
    }

    /**
     * Fills {@code ws.binMass[0..n)} with the mass [Msun] assigned to each SSP age bin's mean spectrum and
     * {@code ws.ageMoment} with int a dm [Msun yr]; returns n.
     */
    private int fillSpectralWeights(StarFormationHistory sfh, double ageUniverseYr, Workspace ws) {
        // Mass formed in each SSP age bin, never older than the first star formation (<= age of the Universe),
        // and its mean age (first moment of the history within the bin, exact for both SFH families).
        double oldest = Math.min(sfh.oldestAgeYr(), ageUniverseYr);
        int used = 0;
        while (used < bins && edgesYr[used] < oldest) {
            used++;
        }
        double[] above = ws.massAbove;
        double[] coef = ws.binMass;
        for (int k = 0; k < used; k++) {
            above[k] = sfh.massOlderThanMsun(edgesYr[k]);
        }
        above[used] = 0.0;
        int top = Math.min(bins - 1, used); // highest bin index that may receive weight
        Arrays.fill(coef, 0, top + 1, 0.0);
        double ageMomentSum = 0;
        for (int k = 0; k < used; k++) {
            double m = Math.max(0.0, above[k] - above[k + 1]);
            if (m <= 0) {
                continue;
            }
            double upper = Math.min(edgesYr[k + 1], oldest);
            double moment = edgesYr[k] * above[k] - upper * above[k + 1] + sfh.integralOfMassOlderThan(edgesYr[k], upper);
            ageMomentSum += moment;
            // The bin-mean SSP spectrum stands for a population at the bin's mid-age; a bin whose mass is
            // older or younger than that shares it with the neighbouring bin, linearly in age, so a burst is
            // not smeared over the whole bin (bins are 0.05 dex wide).
            double meanAge = Math.max(edgesYr[k], Math.min(upper, moment / m));
            double c = binMidAgeYr[k];
            if (meanAge >= c && k + 1 < bins) {
                double w = (meanAge - c) / (binMidAgeYr[k + 1] - c);
                coef[k] += m * (1 - w);
                coef[k + 1] += m * w;
            } else if (meanAge < c && k > 0) {
                double w = (c - meanAge) / (c - binMidAgeYr[k - 1]);
                coef[k] += m * (1 - w);
                coef[k - 1] += m * w;
            } else {
                coef[k] += m;
            }
        }
        ws.ageMoment = ageMomentSum;
        return top + 1;
    }

    /** Noiseless band fluxes [nJy] only: what a likelihood needs (skips the output parameters). */
    public void noiselessFluxes(double[] free, Workspace ws, double[] fluxNJyOut) {
        simulate(free, ws, fluxNJyOut, null);
    }

    /** Convenience: simulates one galaxy with fresh arrays. */
    public SimulatedSed simulate(double[] free) {
        double[] flux = new double[filters.size()];
        double[] out = new double[ParameterNames.OUTPUTS.size()];
        simulate(free, newWorkspace(), flux, out);
        return new SimulatedSed(free, out, flux);
    }

    private StarFormationHistory starFormationHistory(double[] free, double ageUniverseYr, Workspace ws) {
        double formedMass = Math.pow(10.0, free[iMass]);
        for (int i = 0; i < iSfh.length; i++) {
            ws.sfhFree[i] = free[iSfh[i]];
        }
        return sfhFamily.build(formedMass, ws.sfhFree, ageUniverseYr, ws.sfhScratch);
    }

    private double uvSlope(double[] total) {
        double beta = 0;
        double[] fw = new double[betaWeights.length];
        double max = 0;
        for (int w = 0; w < betaWeights.length; w++) {
            double s = 0;
            double[] wt = betaWeights[w];
            for (int i = betaLo; i <= betaHi; i++) {
                s += wt[i] * total[i];
            }
            fw[w] = s;
            max = Math.max(max, s);
        }
        if (!(max > 0)) {
            return Double.NaN;
        }
        for (int w = 0; w < fw.length; w++) {
            beta += betaSlopeCoefficients[w] * Math.log(Math.max(fw[w], 1e-30 * max));
        }
        return beta;
    }

    /**
     * The observed-frame spectrum of one galaxy over the bands' wavelength range, for display: continuum
     * f_nu [nJy] on the grid nodes with each line spread over its node's cell, and the band fluxes.
     */
    public ObservedSpectrum observedSpectrum(double[] free) {
        Workspace ws = newWorkspace();
        double[] flux = new double[filters.size()];
        simulate(free, ws, flux, null);
        double z = free[iRedshift];
        int iLo = nodes;
        int iHi = 0;
        for (int b = 0; b < photometer.bandCount(); b++) {
            iLo = Math.min(iLo, photometer.firstNode(b, z));
            iHi = Math.max(iHi, photometer.lastNode(b, z));
        }
        iLo = Math.max(0, iLo);
        iHi = Math.min(nodes - 1, iHi);
        double dl = cosmology.luminosityDistanceCm(z);
        double fourPiDl2 = 4 * Math.PI * dl * dl;
        double scale = (1 + z) / fourPiDl2 / PhysicalConstants.NJY_CGS;
        double[] lam = new double[iHi - iLo + 1];
        double[] f = new double[lam.length];
        for (int i = iLo; i <= iHi; i++) {
            lam[i - iLo] = grid.lambdaAngstrom(i) * (1 + z);
            f[i - iLo] = ws.total[i] * scale;
        }
        // Lines for display: recompute their luminosities the same way as simulate().
        double log10Z = free[iMetallicity];
        double aGas = LN10_OVER_2P5 * Math.pow(10.0, free[iAv]) * config.nebularDustFactor();
        double ionising = ionisingRate(free, ws);
        for (int l = 0; l < lineLambda.length; l++) {
            double lum = lineLuminosity(l, ionising, log10Z, aGas, z);
            int node = grid.floorIndex(lineLambda[l]);
            if (node < iLo || node > iHi || lum <= 0) {
                continue;
            }
            double lambdaObs = lineLambda[l] * (1 + z);
            // f_nu of a line spread over one cell of width d ln(lambda): F lambda / (c d)
            f[node - iLo] += lum / fourPiDl2 * lambdaObs / PhysicalConstants.C_ANGSTROM_PER_S / grid.dLn()
                    / PhysicalConstants.NJY_CGS;
        }
        return new ObservedSpectrum(lam, f, bandPivot, flux);
    }

    /** Ionising photon rate Q(H) [photons/s] absorbed by the gas, for the given free parameters. */
    public double ionisingRate(double[] free) {
        return ionisingRate(free, newWorkspace());
    }

    private double ionisingRate(double[] free, Workspace ws) {
        double ageUniverseYr = cosmology.ageYr(free[iRedshift]);
        int n = fillSpectralWeights(starFormationHistory(free, ageUniverseYr, ws), ageUniverseYr, ws);
        int zLo = ssp.lowerMetallicityIndex(free[iMetallicity]);
        double wHi = ssp.upperWeight(free[iMetallicity]);
        double q = 0;
        for (int k = 0; k < n; k++) {
            q += ws.binMass[k] * ((1 - wHi) * ionisingPerMsun[zLo][k] + wHi * ionisingPerMsun[zLo + 1][k]);
        }
        return q;
    }

    /** Mass formed [Msun] in each SSP age bin ({@link #ageBinEdgesYr()}) for the given free parameters. */
    public double[] formedMassPerBin(double[] free) {
        return formedMassPerBin(free, newWorkspace());
    }

    private double[] formedMassPerBin(double[] free, Workspace ws) {
        double ageUniverseYr = cosmology.ageYr(free[iRedshift]);
        StarFormationHistory sfh = starFormationHistory(free, ageUniverseYr, ws);
        double oldest = Math.min(sfh.oldestAgeYr(), ageUniverseYr);
        double[] out = new double[bins];
        for (int k = 0; k < bins; k++) {
            if (edgesYr[k] >= oldest) {
                break;
            }
            double upper = edgesYr[k + 1] >= oldest ? 0.0 : sfh.massOlderThanMsun(edgesYr[k + 1]);
            out[k] = Math.max(0.0, sfh.massOlderThanMsun(edgesYr[k]) - upper);
        }
        return out;
    }

    /** The star-formation history of the given free parameters. */
    public StarFormationHistory starFormationHistory(double[] free) {
        return starFormationHistory(free, cosmology.ageYr(free[iRedshift]), newWorkspace());
    }

    public ModelConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public FilterSet filters() {
        return filters;
    }

    public List<String> bandNames() {
        return filters.bandNames();
    }

    public Prior prior() {
        return prior;
    }

    /**
     * Index of the model file's selection band, or -1 without a {@code selection.*} limit: the simulator keeps a
     * galaxy only when its observed flux there is at least {@link #selectionMinFluxNJy()}.
     */
    public int selectionBandIndex() {
        return selectionBand;
    }

    /** The selection's flux limit [nJy] (NaN without a selection). */
    public double selectionMinFluxNJy() {
        return config.selection() == null ? Double.NaN : PhysicalConstants.fluxNJyFromAb(config.selection().maxAbMag());
    }

    /** The 12 output parameters (library order) with units, and prior bounds where the prior samples them. */
    public List<ParameterSpec> outputParameters() {
        return outputSpecs;
    }

    public Cosmology cosmology() {
        return cosmology;
    }

    public SspGrid ssp() {
        return ssp;
    }

    public RestFrameGrid grid() {
        return grid;
    }

    public Photometer photometer() {
        return photometer;
    }

    /** SSP age-bin edges [yr] (copy). */
    public double[] ageBinEdgesYr() {
        return edgesYr.clone();
    }

    /** Index of the redshift in the free-parameter vector. */
    public int redshiftIndex() {
        return iRedshift;
    }

    /** Index of log10 formed mass in the free-parameter vector. */
    public int formedMassIndex() {
        return iMass;
    }

    /** Index of log10 A_V in the free-parameter vector. */
    public int avIndex() {
        return iAv;
    }

    /** Index of log10 Z in the free-parameter vector. */
    public int metallicityIndex() {
        return iMetallicity;
    }
}
