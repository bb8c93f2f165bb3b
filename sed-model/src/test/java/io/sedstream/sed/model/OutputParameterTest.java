package io.sedstream.sed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputParameterTest {
    @Test
    void theTableIsTheOneListOfNamesUnitsAndOrder() {
        assertEquals(12, OutputParameter.all().size());
        assertEquals(OutputParameter.names(), ParameterNames.OUTPUTS);
        assertEquals(OutputParameter.units(), ParameterNames.OUTPUT_UNITS);
        for (OutputParameter p : OutputParameter.all()) {
            assertEquals(p, OutputParameter.byName(p.wireName()));
            assertEquals(p.unit(), ParameterNames.unitOf(p.wireName()));
            assertEquals(p.index(), ParameterNames.OUTPUTS.indexOf(p.wireName()));
        }
        // The SFH families write the three formation times as one block.
        assertEquals(OutputParameter.T25.index() + 1, OutputParameter.T50.index());
        assertEquals(OutputParameter.T25.index() + 2, OutputParameter.T75.index());
        assertEquals(List.of("log10_metallicity", "log10_av", "t25", "t50", "t75"), OutputParameter.logitByDefaultNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputParameter.byName("stellar_mass"));
        assertTrue(e.getMessage().contains("'stellar_mass'") && e.getMessage().contains("beta_uv"), e.getMessage());
    }

    @Test
    void theForwardModelWritesEachOutputAtItsTableIndex() {
        ForwardModel fm = ForwardModel.load(ModelConfig.load("default"), TestModels.jades(), TestModels.data());
        List<String> names = fm.prior().names();
        SplittableRandom rng = new SplittableRandom(3);
        for (int g = 0; g < 20; g++) {
            double[] free = fm.prior().sample(rng);
            double[] out = fm.simulate(free).outputParameters();
            // Outputs that are prior parameters of the default model come back unchanged at their own index.
            for (OutputParameter p : List.of(OutputParameter.REDSHIFT, OutputParameter.LOG10_FORMED_MASS, OutputParameter.LOG10_METALLICITY,
                    OutputParameter.LOG10_AV, OutputParameter.T25, OutputParameter.T50, OutputParameter.T75)) {
                int i = names.indexOf(p.wireName());
                assertTrue(i >= 0, p.wireName());
                assertEquals(free[i], out[p.index()], 1e-8, p.wireName());
            }
            assertTrue(out[OutputParameter.LOG10_SURVIVING_MASS.index()] < out[OutputParameter.LOG10_FORMED_MASS.index()]);
        }
    }
}
