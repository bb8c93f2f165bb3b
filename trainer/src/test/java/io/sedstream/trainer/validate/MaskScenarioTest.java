package io.sedstream.trainer.validate;

import io.sedstream.trainer.train.BandDropout;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.filter.FilterSets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    static MaskBands jades() {
        return MaskBands.of(FilterSets.load("jades-gs-14", DataRoot.resolve()));
    }

    static MaskBands hdfn() {
        return MaskBands.of(FilterSets.load("src/test/resources/surveys/hdfn/hdfn-7.filters", DataRoot.resolve()));
    }

    private static double[] masked(MaskScenario s, MaskBands bands) {
        double[] f = new double[bands.size()];
        Arrays.fill(f, 10.0);
        s.apply(bands, f, 0, new SplittableRandom(1));
        return f;
    }

    @Test
    void scenariosHideTheNamedBands() {
        MaskBands bands = jades();
        assertEquals(BANDS, bands.names());
        assertEquals(List.of(MaskScenario.values()), MaskScenario.applicable(BANDS), "JADES has every scenario");
        assertTrue(MaskScenario.inapplicable(BANDS).isEmpty());
        double[] f = masked(MaskScenario.ACS_MISSING, bands);
        assertEquals(5, missing(f));
        for (int b = 0; b < 5; b++) {
            assertTrue(Double.isNaN(f[b]));
        }
        f = masked(MaskScenario.MEDIUM_MISSING, bands);
        assertEquals(2, missing(f));
        assertTrue(Double.isNaN(f[10]) && Double.isNaN(f[12]));
        assertEquals(3, missing(masked(MaskScenario.RANDOM3_MISSING, bands)));
        assertEquals(0, missing(masked(MaskScenario.ALL_BANDS, bands)));
        f = masked(MaskScenario.BLUEST_MISSING, bands);
        assertEquals(1, missing(f));
        assertTrue(Double.isNaN(f[0]), "F435W is the bluest JADES band");
        f = masked(MaskScenario.REDDEST_MISSING, bands);
        assertEquals(1, missing(f));
        assertTrue(Double.isNaN(f[13]), "F444W is the reddest JADES band");
        assertEquals("reddest band missing (jwst.nircam.f444w)", MaskScenario.REDDEST_MISSING.label(bands));
    }

    @Test
    void surveySpecificScenariosDoNotApplyToAnotherFilterSetAndTheGenericOnesDo() {
        MaskBands bands = hdfn();
        List<String> names = bands.names();
        assertEquals(List.of(MaskScenario.ALL_BANDS, MaskScenario.RANDOM3_MISSING, MaskScenario.BLUEST_MISSING,
                MaskScenario.REDDEST_MISSING), MaskScenario.applicable(names));
        Map<MaskScenario, String> skipped = MaskScenario.inapplicable(names);
        assertEquals("not applicable to this filter set (no hst.acs.* bands)", skipped.get(MaskScenario.ACS_MISSING));
        assertEquals("not applicable to this filter set (no F335M or F410M band)", skipped.get(MaskScenario.MEDIUM_MISSING));
        // Bluest and reddest by pivot wavelength: F300W (index 0) and K (index 6).
        assertTrue(Double.isNaN(masked(MaskScenario.BLUEST_MISSING, bands)[0]));
        assertTrue(Double.isNaN(masked(MaskScenario.REDDEST_MISSING, bands)[6]));
        assertEquals("bluest band missing (hst.wfpc2.f300w)", MaskScenario.BLUEST_MISSING.label(bands));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> masked(MaskScenario.ACS_MISSING, bands));
        assertTrue(e.getMessage().contains("no hst.acs.* bands"), e.getMessage());
    }

    @Test
    void wavelengthNotColumnOrderDecidesBluestAndReddest() {
        MaskBands shuffled = new MaskBands(List.of("a.k", "a.u", "a.r"), new double[] {22000, 3600, 6200});
        assertEquals(1, shuffled.bluest());
        assertEquals(0, shuffled.reddest());
        assertEquals("not applicable to this filter set (fewer than 4 bands)",
                MaskScenario.RANDOM3_MISSING.notApplicable(shuffled.names()).orElseThrow());
        assertEquals("not applicable to this filter set (every band is an hst.acs.* band)",
                MaskScenario.ACS_MISSING.notApplicable(List.of("hst.acs.f606w", "hst.acs.f814w")).orElseThrow());
        assertTrue(MaskScenario.MEDIUM_MISSING.notApplicable(List.of("jwst.nircam.f335m", "jwst.nircam.f444w")).orElseThrow()
                .contains("no F410M band"));
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
