package io.sedstream.sed.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.cosmology.Cosmology;
import io.sedstream.sed.model.ModelConfig;
import io.sedstream.sed.model.ParameterNames;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class PopulationPriorTest {
    /** Kolmogorov-Smirnov critical value at 1% for n draws (asymptotic: 1.628 / sqrt(n)). */
    private static double ks1Percent(int n) {
        return 1.628 / Math.sqrt(n);
    }

    private static ModelPrior box() {
        return new ModelPrior(ModelConfig.load("default").priors(), -2.4, -1.7);
    }

    private static PopulationPrior population() {
        Map<String, String> lines = new LinkedHashMap<>(ModelConfig.load("default").priors());
        lines.put(ParameterNames.REDSHIFT, "uniform 0.01 7");
        return new PopulationPrior(new ModelPrior(lines, -2.4, -1.7), Cosmology.planck18(), 7.0);
    }

    /** Largest |empirical CDF - model CDF| of the sorted sample. */
    private static double ksDistance(double[] sorted, DoubleUnaryOperator cdf) {
        double d = 0;
        int n = sorted.length;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(sorted[i]);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / n), Math.abs((i + 1.0) / n - f)));
        }
        return d;
    }

    /** CDF of a density on [lo, hi] by Simpson's rule on a fine grid, independent of the sampler's tables. */
    private static DoubleUnaryOperator numericCdf(DoubleUnaryOperator density, double lo, double hi) {
        int n = 4000;
        double h = (hi - lo) / n;
        double[] c = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            double a = lo + (k - 1) * h;
            c[k] = c[k - 1] + h / 6 * (density.applyAsDouble(a) + 4 * density.applyAsDouble(a + h / 2) + density.applyAsDouble(a + h));
        }
        double total = c[n];
        return x -> {
            if (x <= lo) {
                return 0;
            }
            if (x >= hi) {
                return 1;
            }
            double u = (x - lo) / h;
            int k = Math.min(n - 1, (int) u);
            return (c[k] + (u - k) * (c[k + 1] - c[k])) / total;
        };
    }

    @Test
    void massFunctionPassesThroughThePublishedAnchorParameters() {
        Leja2020MassFunction smf = new Leja2020MassFunction();
        // At z = 1.6 and log M = log M* = 10.88: phi = ln 10 e^-1 (10^-3.29 + 10^-3.08) (Leja et al. 2020 App. B).
        double expected = Math.log(10) * Math.exp(-1) * (Math.pow(10, -3.08) + Math.pow(10, -3.29));
        assertEquals(expected, smf.phiPerMpc3PerDex(10.88, 1.6), 1e-12 * expected);
        // Above z = 3 the shape is that of z = 3 and both normalisations fall by the assumed 0.3 dex per unit z.
        assertEquals(smf.phiPerMpc3PerDex(9.5, 3.0) * Math.pow(10, -0.3 * 2), smf.phiPerMpc3PerDex(9.5, 5.0),
                1e-12 * smf.phiPerMpc3PerDex(9.5, 3.0));
    }

    @Test
    void sampledMassesAtARedshiftFollowTheMassFunction() {
        PopulationPrior p = population();
        Leja2020MassFunction smf = new Leja2020MassFunction();
        for (double z : new double[] {0.5, 2.0, 4.0}) {
            SplittableRandom rng = new SplittableRandom(11);
            int n = 20000;
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = p.sampleLog10StellarMass(rng, z);
            }
            Arrays.sort(m);
            double hi = 12 - PopulationPrior.FORMED_MINUS_STELLAR_DEX;
            double d = ksDistance(m, numericCdf(x -> smf.phiPerMpc3PerDex(x, z), 7.0, hi));
            assertTrue(d < ks1Percent(n), "z = " + z + ": KS distance " + d + " of sampled log M* vs the Leja+2020 SMF");
            assertTrue(m[0] >= 7.0 && m[n - 1] <= hi);
        }
    }

    @Test
    void sampledRedshiftsFollowVolumeTimesNumberDensity() {
        PopulationPrior p = population();
        Leja2020MassFunction smf = new Leja2020MassFunction();
        Cosmology c = Cosmology.planck18();
        double hi = 12 - PopulationPrior.FORMED_MINUS_STELLAR_DEX;
        // dV/dz from a numerical derivative of the comoving distance (D_C^2 dD_C/dz), not the sampler's D_H / E(z).
        DoubleUnaryOperator density = z -> {
            double h = 1e-4;
            double dc = c.comovingDistanceMpc(z);
            double dDc = (c.comovingDistanceMpc(z + h) - c.comovingDistanceMpc(Math.max(0, z - h))) / (z + h - Math.max(0, z - h));
            double number = 0;
            for (double m = 7.0; m < hi; m += 0.005) {
                number += smf.phiPerMpc3PerDex(m + 0.0025, z) * 0.005;
            }
            return dc * dc * dDc * number;
        };
        SplittableRandom rng = new SplittableRandom(12);
        int n = 20000;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = p.sampleRedshift(rng);
        }
        Arrays.sort(z);
        double d = ksDistance(z, numericCdf(density, 0.01, 7));
        assertTrue(d < ks1Percent(n), "KS distance " + d + " of sampled z vs dV/dz x n(>10^7 Msun, z)");
    }

    @Test
    void starFormingGalaxiesLieOnTheMainSequenceAndMassiveOnesAreOftenQuiescent() {
        PopulationPrior p = population();
        List<String> names = p.names();
        int iz = names.indexOf(ParameterNames.REDSHIFT);
        int im = names.indexOf(ParameterNames.LOG10_FORMED_MASS);
        int is = names.indexOf(ParameterNames.LOG10_SSFR);
        int ia = names.indexOf(ParameterNames.LOG10_AV);
        Cosmology c = Cosmology.planck18();
        SplittableRandom rng = new SplittableRandom(13);
        double[] out = new double[p.size()];
        int lowMass = 0;
        double sumOffset = 0;
        int massive = 0;
        int massiveBelow = 0;
        double sumLogAvLow = 0;
        for (int i = 0; i < 200000; i++) {
            p.sample(rng, out);
            double logMstar = out[im] - PopulationPrior.FORMED_MINUS_STELLAR_DEX;
            double offset = out[is] + out[im] - PopulationPrior.mainSequenceLog10Sfr(logMstar, c.ageGyr(out[iz]));
            if (out[iz] > 1 && out[iz] < 2 && logMstar < 8.5) { // f_q < 3% there
                lowMass++;
                sumOffset += offset;
                sumLogAvLow += out[ia];
            }
            if (out[iz] < 1 && logMstar > 10.8) {
                massive++;
                if (offset < -0.9) { // 3 sigma below the main sequence
                    massiveBelow++;
                }
            }
        }
        assertTrue(lowMass > 1000 && massive > 200, lowMass + " low-mass, " + massive + " massive draws");
        assertEquals(0.0, sumOffset / lowMass, 0.03, "low-mass galaxies scatter about the Speagle+2014 main sequence");
        double fq = massiveBelow / (double) massive;
        assertTrue(fq > 0.3 && fq < 0.8, "fraction of massive z < 1 galaxies well below the main sequence " + fq);
        assertEquals(Math.log10(PopulationPrior.starFormingMedianAv(8.0)), sumLogAvLow / lowMass, 0.15,
                "dust of low-mass galaxies from the Garn & Best relation");
        for (int i = 0; i < p.size(); i++) {
            assertTrue(out[i] > p.lower(i) && out[i] < p.upper(i), names.get(i) + " inside the prior box");
        }
    }

    @Test
    void refusesAMassFloorOutsideTheBox() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PopulationPrior(box(), Cosmology.planck18(), 12.5));
        assertTrue(e.getMessage().contains("population.log10_stellar_mass_min"), e.getMessage());
    }
}
