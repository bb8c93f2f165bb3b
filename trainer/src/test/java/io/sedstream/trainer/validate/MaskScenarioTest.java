package io.sedstream.trainer.validate;

import io.sedstream.trainer.train.BandDropout;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskScenarioTest {

    static final List<String> BANDS = List.of("hst.acs.f435w", "hst.acs.f606w", "hst.acs.f775w", "hst.acs.f814w",
            "hst.acs.f850lp", "jwst.nircam.f090w", "jwst.nircam.f115w", "jwst.nircam.f150w", "jwst.nircam.f200w",
            "jwst.nircam.f277w", "jwst.nircam.f335m", "jwst.nircam.f356w", "jwst.nircam.f410m", "jwst.nircam.f444w");

    private static double[] ones() {
        double[] f = new double[BANDS.size()];
        Arrays.fill(f, 10.0);
        return f;
    }

    private static int missing(double[] f) {
        return (int) Arrays.stream(f).filter(Double::isNaN).count();
    }

    @Test
    void scenariosHideTheNamedBands() {
        double[] f = ones();
        MaskScenario.ACS_MISSING.apply(BANDS, f, 0, new SplittableRandom(1));
        assertEquals(5, missing(f));
        for (int b = 0; b < 5; b++) {
            assertTrue(Double.isNaN(f[b]));
        }
        f = ones();
        MaskScenario.MEDIUM_MISSING.apply(BANDS, f, 0, new SplittableRandom(1));
        assertEquals(2, missing(f));
        assertTrue(Double.isNaN(f[10]) && Double.isNaN(f[12]));
        f = ones();
        MaskScenario.RANDOM3_MISSING.apply(BANDS, f, 0, new SplittableRandom(1));
        assertEquals(3, missing(f));
        f = ones();
        MaskScenario.ALL_BANDS.apply(BANDS, f, 0, new SplittableRandom(1));
        assertEquals(0, missing(f));
    }

    @Test
    void defaultDropoutCoversTheGroupsAndNeverHidesEveryBand() {
        BandDropout dropout = BandDropout.defaultFor(BANDS);
        SplittableRandom rng = new SplittableRandom(5);
        int rows = 20_000;
        int allAcs = 0;
        int bothMedium = 0;
        int complete = 0;
        double[] err = new double[BANDS.size()];
        Arrays.fill(err, 1.0);
        for (int r = 0; r < rows; r++) {
            double[] f = ones();
            dropout.apply(f, err, 0, BANDS.size(), rng);
            assertTrue(missing(f) < BANDS.size());
            boolean acs = true;
            for (int b = 0; b < 5; b++) {
                acs &= Double.isNaN(f[b]);
            }
            allAcs += acs ? 1 : 0;
            bothMedium += Double.isNaN(f[10]) && Double.isNaN(f[12]) ? 1 : 0;
            complete += missing(f) == 0 ? 1 : 0;
        }
        assertEquals(0.15, (double) allAcs / rows, 0.02);
        assertTrue((double) bothMedium / rows > 0.14);
        assertTrue(complete > rows / 3 && complete < 2 * rows / 3, "rows with every band: " + complete);
        // Even a dropout that removes everything keeps the highest-S/N band.
        BandDropout all = new BandDropout(0.999, 0, 0, List.of());
        double[] f = ones();
        f[13] = 1000;
        all.apply(f, err, 0, BANDS.size(), new SplittableRandom(3));
        assertEquals(BANDS.size() - 1, missing(f));
        assertEquals(1000, f[13]);
    }
}
