package io.sedstream.sed.sfh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ModelConfig;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.sed.model.SimulatedSed;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SfhFamilyTest {
    @Test
    void familiesAreSelectedByTheNameInTheModelFile() {
        assertEquals(List.of("dense-basis", "delayed-tau"), SfhFamily.names());
        assertEquals(SfhFamily.DENSE_BASIS, SfhFamily.byName(ModelConfig.load("default").sfh()));
        assertEquals(SfhFamily.DELAYED_TAU, SfhFamily.byName(ModelConfig.load("delayed-tau").sfh()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SfhFamily.byName("log-normal"));
        assertTrue(e.getMessage().contains("'log-normal' unknown") && e.getMessage().contains("dense-basis, delayed-tau"), e.getMessage());
        String base = ModelConfig.load("default").text();
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(base.replace("sfh = dense-basis", "sfh = log-normal"), "t"));
        assertTrue(e.getMessage().contains("model t: sfh 'log-normal' unknown (known: [dense-basis, delayed-tau])"), e.getMessage());
        // The prior keys of one family are refused under another.
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(base.replace("sfh = dense-basis", "sfh = delayed-tau"), "t"));
        assertTrue(e.getMessage().contains("prior." + ParameterNames.LOG10_TAU), e.getMessage());
    }

    @Test
    void denseBasisFormationTimesAreItsQuantileParametersAndDelayedTauTheHistorysOwn() {
        double[] scratch = new double[SfhFamily.SCRATCH_LENGTH];
        double[] out = new double[5];
        double age = 1.2e9;
        StarFormationHistory db = SfhFamily.DENSE_BASIS.build(1e9, new double[] {-9, 0.2, 0.5, 0.8}, age, scratch);
        SfhFamily.DENSE_BASIS.formationTimeFractions(db, age, scratch, out, 1);
        assertArrayEquals(new double[] {0, 0.2, 0.5, 0.8, 0}, out);
        assertEquals(0.5, db.formationTimeFraction(0.5, age), 1e-6, "the history's own t50 agrees with its anchor");

        StarFormationHistory dt = SfhFamily.DELAYED_TAU.build(1e9, new double[] {8.5, 0.7}, age, scratch);
        SfhFamily.DELAYED_TAU.formationTimeFractions(dt, age, scratch, out, 0);
        assertEquals(dt.formationTimeFraction(0.25, age), out[0]);
        assertEquals(dt.formationTimeFraction(0.75, age), out[2]);
        assertTrue(0.3 < out[0] && out[0] < out[1] && out[1] < out[2] && out[2] < 1, java.util.Arrays.toString(out));
    }

    @Test
    void theForwardModelReportsEachFamilysFormationTimes() {
        for (String model : List.of("default", "delayed-tau")) {
            ForwardModel fm = ForwardModel.load(ModelConfig.load(model), TestModels.jades(), TestModels.data());
            SfhFamily family = SfhFamily.byName(fm.config().sfh());
            List<String> names = fm.prior().names();
            int[] index = family.freeParameters().stream().mapToInt(names::indexOf).toArray();
            int t25 = ParameterNames.OUTPUTS.indexOf(ParameterNames.T25);
            SplittableRandom rng = new SplittableRandom(5);
            for (int g = 0; g < 20; g++) {
                double[] free = fm.prior().sample(rng);
                SimulatedSed s = fm.simulate(free);
                double[] familyFree = new double[index.length];
                for (int i = 0; i < index.length; i++) {
                    assertTrue(index[i] >= 0, model + ": " + family.freeParameters());
                    familyFree[i] = free[index[i]];
                }
                double z = free[names.indexOf(ParameterNames.REDSHIFT)];
                double age = fm.cosmology().ageYr(z);
                double[] scratch = new double[SfhFamily.SCRATCH_LENGTH];
                StarFormationHistory h = family.build(Math.pow(10, free[names.indexOf(ParameterNames.LOG10_FORMED_MASS)]), familyFree, age, scratch);
                double[] expected = new double[3];
                family.formationTimeFractions(h, age, scratch, expected, 0);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(s.outputParameters(), t25, t25 + 3), model);
            }
        }
    }
}
