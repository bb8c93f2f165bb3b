package io.sedstream.sed.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.units.PhysicalConstants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseModelTest {
    private final List<String> bands = TestModels.jades().bandNames();

    @Test
    void depthNoiseHasTheStatedSigmaAndKeepsNegativeFluxes() {
        DepthNoiseModel m = new DepthNoiseModel("t", List.of("b"), new double[] {30.2}, 5, 0, 0, false);
        // 5 sigma at 30.2 AB is ~3 nJy, so sigma ~ 0.6 nJy (physics-facts: 30.2 AB ~ 3 nJy)
        assertEquals(PhysicalConstants.fluxNJyFromAb(30.2) / 5, m.nominalSigmaNJy(0), 1e-12);
        assertEquals(3.02, PhysicalConstants.fluxNJyFromAb(30.2), 0.01);
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[1];
        double[] err = new double[1];
        double sum2 = 0;
        int negative = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            m.apply(new double[] {0.0}, rng, obs, err);
            sum2 += obs[0] * obs[0];
            if (obs[0] < 0) {
                negative++;
            }
            assertEquals(m.nominalSigmaNJy(0), err[0], 1e-12);
        }
        assertEquals(m.nominalSigmaNJy(0), Math.sqrt(sum2 / n), 0.02 * m.nominalSigmaNJy(0));
        assertEquals(0.5, negative / (double) n, 0.02, "a zero-flux source is measured negative half the time");
    }

    @Test
    void depthScatterAndFloorWork() {
        DepthNoiseModel m = new DepthNoiseModel("t", List.of("b"), new double[] {29.0}, 5, 0.3, 0.05, false);
        SplittableRandom rng = new SplittableRandom(2);
        double[] obs = new double[1];
        double[] err = new double[1];
        double bright = 1e6;
        m.apply(new double[] {bright}, rng, obs, err);
        assertEquals(0.05 * bright, err[0], 0.001 * bright, "bright sources hit the 5% floor");
        double s = 0;
        double s2 = 0;
        int n = 5000;
        for (int i = 0; i < n; i++) {
            m.apply(new double[] {0}, rng, obs, err);
            double mag = -2.5 * Math.log10(err[0] * 5) + 31.4;
            s += mag;
            s2 += mag * mag;
        }
        double mean = s / n;
        assertEquals(29.0, mean, 0.02);
        assertEquals(0.3, Math.sqrt(s2 / n - mean * mean), 0.02, "per-object depth scatter");
    }

    @Test
    void builtInTiersCoverTheDefaultBandsAndSayTheyAreApproximate() {
        DepthNoiseModel deep = DepthNoiseModel.load("deep", bands);
        DepthNoiseModel medium = DepthNoiseModel.load("medium", bands);
        assertTrue(deep.description().contains("APPROXIMATE"), deep.description());
        for (int b = 0; b < bands.size(); b++) {
            assertEquals(0.7, deep.depthAb(b) - medium.depthAb(b), 1e-9, "medium is 0.7 mag shallower");
        }
        assertEquals(30.0, deep.depthAb(bands.indexOf("jwst.nircam.f444w")), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthNoiseModel.load("deep", List.of("no.such.band")));
        assertTrue(e.getMessage().contains("no.such.band"), e.getMessage());
    }

    @Test
    void empiricalModelRecoversTheErrorFluxRelationOfACatalogue(@TempDir Path dir) throws Exception {
        // A catalogue whose errors follow a known law: sigma = sqrt(bg^2 + (0.1 f)^2), bg log-normal (0.1 dex).
        List<String> two = List.of("a.band", "b.band");
        double[] bg = {2.0, 5.0};
        SplittableRandom rng = new SplittableRandom(3);
        List<List<double[]>> pairs = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (int i = 0; i < 4000; i++) {
            double f = Math.pow(10, -0.5 + 4 * rng.nextDouble());
            for (int b = 0; b < 2; b++) {
                double s = Math.sqrt(Math.pow(bg[b] * Math.pow(10, 0.1 * rng.nextGaussian()), 2) + Math.pow(0.1 * f, 2));
                double meas = f + s * rng.nextGaussian();
                pairs.get(b).add(new double[] {meas, s});
            }
        }
        pairs.get(0).add(new double[] {Double.NaN, Double.NaN}); // missing values are skipped
        pairs.get(1).add(new double[] {3.0, -1});
        EmpiricalNoiseModel m = EmpiricalNoiseModel.fit("test", two, pairs);
        for (int b = 0; b < 2; b++) {
            double[] faint = m.log10ErrorAt(b, 0.0);
            assertEquals(Math.log10(bg[b]), faint[0], 0.05, "faint-end median error, band " + b);
            assertEquals(0.1, faint[1], 0.04, "faint-end scatter, band " + b);
            double[] bright = m.log10ErrorAt(b, 1000);
            assertEquals(Math.log10(Math.hypot(bg[b], 0.1 * 1000)), bright[0], 0.1, "bright-end error, band " + b);
            // Where the 10% floor rules, the error is a function of the true flux: at a measured flux it
            // scatters only as the true flux does (10%, 0.04 dex). The spread across a wide bin is mostly
            // the trend, not scatter (counted as scatter, 0.077 dex here; it drew errors 20x too large in survey-model).
            assertTrue(m.log10ErrorAt(b, 3000)[1] < 0.055, "bright-end scatter, band " + b + ": " + m.log10ErrorAt(b, 3000)[1]);
            // beyond the brightest bin the outermost bin applies (clamped, not extrapolated)
            assertEquals(m.log10ErrorAt(b, 1e7)[0], m.log10ErrorAt(b, 1e9)[0], 0.0);
        }
        Path json = dir.resolve("noise.json");
        m.write(json);
        EmpiricalNoiseModel back = EmpiricalNoiseModel.read(json, two);
        Path duplicate = dir.resolve("duplicate.json");
        Files.writeString(duplicate, Files.readString(json).replaceFirst("\\{", "{\"source\": \"other\","));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EmpiricalNoiseModel.read(duplicate, two));
        assertTrue(refused.getMessage().contains(duplicate.toString()) && refused.getMessage().contains("Duplicate field 'source'"),
                refused.getMessage());
        for (double f : new double[] {-3, 0, 10, 300}) {
            assertEquals(m.log10ErrorAt(1, f)[0], back.log10ErrorAt(1, f)[0], 1e-12);
        }
        double[] obs = new double[2];
        double[] err = new double[2];
        back.apply(new double[] {-1.0, 0.0}, new SplittableRandom(4), obs, err);
        assertTrue(err[0] > 0 && err[1] > 0);
        assertThrows(IllegalArgumentException.class, () -> EmpiricalNoiseModel.fit("test", List.of("c.band"), pairs));
        assertThrows(IllegalArgumentException.class, () -> EmpiricalNoiseModel.fit("test", List.of("c.band"),
                List.of(List.of(new double[] {1, 1}))), "fewer than MIN_PER_BIN usable pairs");
    }

    @Test
    void gaussianLikelihoodIsExact() {
        double ll = GaussianFluxLikelihood.logLikelihood(new double[] {1, Double.NaN}, new double[] {2, 1}, new double[] {3, 0});
        assertEquals(-0.5 * (1 + Math.log(2 * Math.PI) + 2 * Math.log(2)), ll, 1e-12);
    }
}
