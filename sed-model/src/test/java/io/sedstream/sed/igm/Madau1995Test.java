package io.sedstream.sed.igm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** The LePhare Madau (1995) tables read back, interpolated in z, against Madau's own Lyman-alpha forest formula. */
class Madau1995Test {
    private final Madau1995 igm = Madau1995.load(TestModels.data());

    @Test
    void tabulatedValuesAreReadBackAtTheirRedshiftAndRestWavelength() {
        // tau30.out: 1100 A -> 0.733391, 900 A -> 0.244716; tau31.out: 1100 A -> 0.713115 (the files' own lines).
        assertEquals(0.733391, igm.transmission(1100 * 4.0, 3.0), 1e-12);
        assertEquals(0.244716, igm.transmission(900 * 4.0, 3.0), 1e-12);
        assertEquals(0.713115, igm.transmission(1100 * 4.1, 3.1), 1e-12);
        assertEquals(8.0, igm.maxRedshift(), 0.0);
    }

    @Test
    void betweenLymanBetaAndAlphaItFollowsMadausForestFormula() {
        // Only Lyman-alpha absorbs there: tau = 0.0036 (lambda_obs / 1216)^3.46 (Madau 1995, eq. 15 with
        // A_alpha = 3.6e-3), at redshifts between the tables as well as on them. Above z ~ 6 LePhare's tables
        // absorb more than this formula alone (0.068 against 0.084 at z = 6.8, 1030 A), so the check stops at 5.
        for (double z : new double[] {2.0, 3.05, 4.37, 5.0}) {
            for (double rest = 1030; rest < 1212; rest += 7) {
                double lobs = rest * (1 + z);
                double formula = Math.exp(-0.0036 * Math.pow(lobs / 1216.0, 3.46));
                assertEquals(formula, igm.transmission(lobs, z), 0.005, "z " + z + ", rest " + rest + " A");
            }
        }
    }

    @Test
    void transparentRedwardOfLymanAlphaAndDarkerTowardsHighRedshift() {
        for (double z : new double[] {0.0, 1.3, 5.5, 8.0}) {
            assertEquals(1.0, igm.transmission(1216.0 * (1 + z) * 1.001, z), 0.0);
        }
        double previous = 1.0;
        for (double z = 0.5; z <= 8.0; z += 0.5) {
            double t = igm.transmission(1100 * (1 + z), z);
            assertTrue(t < previous, "the forest deepens with z: " + t + " at z " + z + " after " + previous);
            previous = t;
        }
        // Below the Lyman limit at z = 4 almost nothing passes.
        assertTrue(igm.transmission(700 * 5.0, 4.0) < 0.01);
    }

    @Test
    void aSourceBeyondTheTablesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> igm.transmission(5000, 8.2));
        assertTrue(e.getMessage().contains("outside its tables [0, 8.0]"), e.getMessage());
        // A model whose redshift prior outruns the tables is refused when it is built, naming both.
        String text = ModelConfig.load("default").text().replace("igm = inoue2014", "igm = madau1995");
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> ForwardModel.load(ModelConfig.parse(text, "madau-to-14"), TestModels.jades(), TestModels.data()));
        assertTrue(m.getMessage().contains("reaches z = 14.0 but igm madau1995 is tabulated only to z = 8.0"), m.getMessage());
        // An unknown IGM is refused by the model file, with the names it knows.
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.parse(text.replace("igm = madau1995", "igm = meiksin2006"), "unknown-igm"));
        assertTrue(u.getMessage().contains("igm 'meiksin2006' unknown (known: inoue2014, madau1995, none)"), u.getMessage());
    }

    @Test
    void aMadauModelSimulatesWithDeeperLymanBreaksThanInoueAtRedshiftThree() {
        // The same galaxy with each IGM: at z = 3.2 the U300-like band sits below Lyman-alpha in the rest frame.
        String inoueText = ModelConfig.load("default").text().replace("prior.redshift = uniform 0.01 14", "prior.redshift = uniform 0.01 7");
        String madauText = inoueText.replace("igm = inoue2014", "igm = madau1995");
        ForwardModel inoue = ForwardModel.load(ModelConfig.parse(inoueText, "inoue-z7"), TestModels.jades(), TestModels.data());
        ForwardModel madau = ForwardModel.load(ModelConfig.parse(madauText, "madau-z7"), TestModels.jades(), TestModels.data());
        Inoue2014 inoueModel = Inoue2014.load(TestModels.data());
        // Mean transmission over rest 1050-1170 A (Oke & Korycansky's D_A window) at z = 3.2.
        double z = 3.2;
        double dInoue = 0;
        double dMadau = 0;
        int n = 0;
        for (double rest = 1050; rest <= 1170; rest += 1) {
            dInoue += inoueModel.transmission(rest * (1 + z), z);
            dMadau += igm.transmission(rest * (1 + z), z);
            n++;
        }
        dInoue /= n;
        dMadau /= n;
        assertTrue(dMadau < dInoue, "Madau absorbs more at z 3.2: D_A " + dMadau + " vs Inoue " + dInoue);
        assertTrue(inoue.prior().names().equals(madau.prior().names()));
    }
}
