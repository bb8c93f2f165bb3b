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
}
