package io.sedstream.sed.sps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.data.DataRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SspRecoveryTest {
    private static final DataRoot DATA = TestModels.data();

    private static Bc03Ised read(String z, String tau) {
        return Bc03Ised.read(DATA.file("sps/bc03-chabrier-tau/bc2003_lr_" + z + "_chab_" + tau + "_dust00.ised"));
    }

    /**
     * The recovered SSPs (from the tau = 0.1 Gyr files), convolved back with tau = 1 and 3 Gyr histories,
     * reproduce those BC03 files within 1%, flux-weighted over 912 A - 5 micron, at ages 0.1 - 10 Gyr.
     */
    @ParameterizedTest
    @ValueSource(strings = {"m42", "m52", "m62"})
    void recoveredSspsReproduceTheLongerTauModels(String z) {
        RecoveredSsp ssp = RecoveredSsp.fromTauModel(read(z, "tau01"));
        double[] lam = ssp.lambdaAngstrom();
        for (String tauName : new String[] {"tau1", "tau3"}) {
            Bc03Ised target = read(z, tauName);
            double tau = target.tauYr();
            assertEquals(tauName.equals("tau1") ? 1e9 : 3e9, tau, 1e3);
            double worst = 0;
            for (int a = 0; a < target.ageCount(); a++) {
                double t = target.agesYr()[a];
                if (t < 1e8 * 0.999 || t > 1e10 * 1.001) {
                    continue;
                }
                double[] rec = ssp.convolveTau(tau, t);
                float[] truth = target.lLambdaLsunPerAngstrom()[a];
                double num = 0;
                double den = 0;
                for (int i = 1; i < lam.length - 1; i++) {
                    if (lam[i] < 912 || lam[i] > 5e4) {
                        continue;
                    }
                    double dl = 0.5 * (lam[i + 1] - lam[i - 1]);
                    num += Math.abs(rec[i] - truth[i]) * dl;
                    den += truth[i] * dl;
                }
                worst = Math.max(worst, num / den);
            }
            assertTrue(worst < 0.01, z + " " + tauName + ": worst flux-weighted deviation " + worst);
        }
    }

    @Test
    void negativeCellsAreRareAndClipped() {
        RecoveredSsp ssp = RecoveredSsp.fromTauModel(read("m62", "tau01"));
        assertTrue(ssp.clippedFluxFraction() < 1e-4, "clipped fraction " + ssp.clippedFluxFraction());
        for (double[] bin : ssp.binIntegral()) {
            for (double v : bin) {
                assertTrue(v >= 0);
            }
        }
    }

    @Test
    void trailingRecordThreeIsTheStarFormationRate() {
        // Identifies the .ised trailing records: record 3 ('sf') must equal exp(-t/tau)/tau.
        Bc03Ised m = read("m52", "tau1");
        double[] sfr = m.sfrMsunPerYr();
        for (int a = 1; a < m.ageCount(); a += 10) {
            double t = m.agesYr()[a];
            double expected = Math.exp(-t / m.tauYr()) / m.tauYr();
            assertEquals(expected, sfr[a], 1e-5 * expected + 1e-30, "age " + t);
        }
    }

    @Test
    void survivingMassOfTheSspIsPhysicalAndReproducesLongerTau() {
        RecoveredSsp ssp = RecoveredSsp.fromTauModel(read("m62", "tau01"));
        double[] e = ssp.edgesYr();
        double[] s = ssp.survivingMassIntegral();
        // mean surviving fraction per bin: 1 at birth, falling to ~0.5 (living + remnants) by ~10 Gyr
        double first = s[0] / (e[1] - e[0]);
        assertEquals(1.0, first, 0.01);
        int k10 = 0;
        while (e[k10 + 1] < 1e10) {
            k10++;
        }
        double old = s[k10] / (e[k10 + 1] - e[k10]);
        assertTrue(old > 0.4 && old < 0.65, "surviving fraction at 10 Gyr " + old);
        // stellar mass (strm) of the tau = 1 Gyr file from the recovered SSP masses, within 1%
        Bc03Ised tau1 = read("m62", "tau1");
        double[] strm = tau1.stellarMassPerFormed();
        for (int a = 0; a < tau1.ageCount(); a++) {
            double t = tau1.agesYr()[a];
            if (t < 1e8 || t > 1e10) {
                continue;
            }
            double rec = ssp.convolveTauSurvivingMass(1e9, t);
            assertEquals(strm[a], rec, 0.01 * strm[a], "age " + t);
        }
    }

    @Test
    void metallicityIsInterpolatedInLogZAndNeverExtrapolated() {
        SspGrid grid = TestModels.defaultModel().ssp();
        assertEquals(Math.log10(0.004), grid.log10MetallicityMin(), 1e-6);
        assertEquals(Math.log10(0.02), grid.log10MetallicityMax(), 1e-6);
        double mid = 0.5 * (Math.log10(0.004) + Math.log10(0.008));
        assertEquals(0, grid.lowerMetallicityIndex(mid));
        assertEquals(0.5, grid.upperWeight(mid), 1e-9);
        assertEquals(1.0, grid.upperWeight(Math.log10(0.02)), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> grid.upperWeight(Math.log10(0.03)));
        assertThrows(IllegalArgumentException.class, () -> grid.upperWeight(Math.log10(0.001)));
    }

    @Test
    void youngPopulationsIoniseAndOldOnesBarely() {
        SspGrid grid = TestModels.defaultModel().ssp();
        // BC03 Chabrier SSPs emit ~10^46.5 ionising photons/s per Msun in their first Myr (e.g. BC03 Fig.;
        // Schaerer 2003) and orders of magnitude fewer after 20 Myr.
        double q0 = Math.log10(grid.ionisingPhotonsPerSPerMsun(2, 0));
        assertTrue(q0 > 46.0 && q0 < 47.2, "log Q per Msun in the first Myr: " + q0);
        double[] e = grid.edgesYr();
        int k = 0;
        while (e[k] < 3e7) {
            k++;
        }
        assertTrue(grid.ionisingPhotonsPerSPerMsun(2, k) < 1e-3 * grid.ionisingPhotonsPerSPerMsun(2, 0));
    }

    @Test
    void corruptFilesFailClearly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("bad.ised");
        java.nio.file.Files.write(f, new byte[] {1, 2, 3, 4, 5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bc03Ised.read(f));
        assertTrue(e.getMessage().contains("bad.ised"), e.getMessage());
    }
}
