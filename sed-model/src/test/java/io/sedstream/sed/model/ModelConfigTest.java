package io.sedstream.sed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
    @Test
    void builtInModelsLoad() {
        ModelConfig d = ModelConfig.load("default");
        assertEquals("dense-basis", d.sfh());
        ModelConfig t = ModelConfig.load("delayed-tau");
        assertEquals("delayed-tau", t.sfh());
    }

    @Test
    void unknownKeysAndValuesAreNamed() {
        String base = ModelConfig.load("default").text();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base + "\ndust.slope = 3\n", "test"));
        assertTrue(e.getMessage().contains("dust.slope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base.replace("sfh = dense-basis", "sfh = exotic"), "test"));
        assertTrue(e.getMessage().contains("exotic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base.replace("prior.log10_ssfr = uniform -12 -7\n", ""), "test"));
        assertTrue(e.getMessage().contains("prior.log10_ssfr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base.replace("grid.resolution = 300", "grid.resolution = x"), "test"));
        assertTrue(e.getMessage().contains("grid.resolution"), e.getMessage());
    }

    @Test
    void secondModelWithAnotherSfhFamilyRuns() {
        ForwardModel dt = ForwardModel.load(ModelConfig.load("delayed-tau"), TestModels.jades(), TestModels.data());
        assertEquals(ParameterNames.OUTPUTS.size(), dt.outputParameters().size());
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            SimulatedSed s = dt.simulate(dt.prior().sample(rng));
            double[] o = s.outputParameters();
            assertTrue(o[7] < o[8] && o[8] < o[9], "t25 < t50 < t75 from the delayed-tau history");
            for (double f : s.fluxNJy()) {
                assertTrue(Double.isFinite(f) && f >= 0);
            }
        }
    }

    @Test
    void populationSelectionAndModelErrorKeysParseAndBadValuesAreRefusedByName() {
        String base = ModelConfig.load("default").text();
        ModelConfig plain = ModelConfig.parse(base, "test");
        assertEquals(ModelConfig.POPULATION_NONE, plain.population());
        assertEquals(null, plain.selection());
        assertTrue(plain.modelError().isNone());
        ModelConfig c = ModelConfig.parse(base + "\npopulation = leja2020-speagle2014\npopulation.log10_stellar_mass_min = 7.5\n"
                + "selection.band = hst.acs.f814w\nselection.max_ab_mag = 27\nnoise.template_error_fraction = 0.05\n"
                + "noise.zero_point_jitter_mag = 0.04\n", "test");
        assertEquals("leja2020-speagle2014", c.population());
        assertEquals(7.5, c.populationLog10StellarMassMin());
        assertEquals(new ModelConfig.Selection("hst.acs.f814w", 27), c.selection());
        assertEquals(0.05, c.modelError().templateErrorFraction());
        assertEquals(0.04, c.modelError().zeroPointJitterMag());
        assertEquals(0.0, c.modelError().zeroPointOffsetMag());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base + "\npopulation = schechter-1976\n", "test"));
        assertTrue(e.getMessage().contains("population 'schechter-1976' unknown") && e.getMessage().contains("leja2020-speagle2014"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base + "\nselection.band = hst.acs.f814w\n", "test"));
        assertTrue(e.getMessage().contains("selection.max_ab_mag"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base + "\nselection.band = hst.acs.f814w\nselection.max_ab_mag = deep\n", "test"));
        assertTrue(e.getMessage().contains("selection.max_ab_mag") && e.getMessage().contains("not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base + "\nnoise.template_error_fraction = 0.9\n", "test"));
        assertTrue(e.getMessage().contains("model test") && e.getMessage().contains("noise.template_error_fraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(base + "\nnoise.zero_point_jitter = 0.04\n", "test"));
        assertTrue(e.getMessage().contains("unknown key 'noise.zero_point_jitter'"), e.getMessage());
    }

    @Test
    void aSelectionBandOutsideTheFilterSetIsRefusedAtLoad() {
        String base = ModelConfig.load("default").text();
        ModelConfig c = ModelConfig.parse(base + "\nselection.band = hst.wfpc2.f814w\nselection.max_ab_mag = 26\n", "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardModel.load(c, TestModels.jades(), TestModels.data()));
        assertTrue(e.getMessage().contains("selection.band 'hst.wfpc2.f814w' is not a band of filter set"), e.getMessage());
    }

    @Test
    void aPopulationModelSamplesInsideItsBoxAndSimulates() {
        String base = ModelConfig.load("default").text().replace("prior.redshift = uniform 0.01 14", "prior.redshift = uniform 0.01 7");
        ForwardModel m = ForwardModel.load(ModelConfig.parse(base + "\npopulation = leja2020-speagle2014\n", "test"),
                TestModels.jades(), TestModels.data());
        assertTrue(m.prior().describe(m.redshiftIndex()).startsWith("population leja2020-speagle2014"));
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            double[] free = m.prior().sample(rng);
            for (int k = 0; k < free.length; k++) {
                assertTrue(free[k] >= m.prior().lower(k) && free[k] <= m.prior().upper(k));
            }
            for (double f : m.simulate(free).fluxNJy()) {
                assertTrue(Double.isFinite(f) && f >= 0);
            }
        }
    }
}
