package io.sedstream.sed.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterSetsTest {

    @Test
    void defaultSetHasTheContractBandsInOrder() {
        FilterSet s = TestModels.jades();
        assertEquals("jades-gs-14", s.name());
        assertEquals(List.of("hst.acs.f435w", "hst.acs.f606w", "hst.acs.f775w", "hst.acs.f814w", "hst.acs.f850lp",
                "jwst.nircam.f090w", "jwst.nircam.f115w", "jwst.nircam.f150w", "jwst.nircam.f200w", "jwst.nircam.f277w",
                "jwst.nircam.f335m", "jwst.nircam.f356w", "jwst.nircam.f410m", "jwst.nircam.f444w"), s.bandNames());
    }

    @Test
    void pivotWavelengthsMatchTheFilterNames() {
        // The pivot of each band lies within 7% of the wavelength in its name (e.g. F444W -> 4.44 micron;
        // the long-pass F850LP is the loosest, pivot ~ 9030 A).
        for (FilterCurve f : TestModels.jades().bands()) {
            String tail = f.name().substring(f.name().lastIndexOf('.') + 2).replaceAll("[a-z]+$", "");
            double nominal = Integer.parseInt(tail) * (tail.length() == 3 && f.name().startsWith("jwst") ? 100 : 10);
            double pivot = f.pivotWavelengthAngstrom();
            assertEquals(nominal, pivot, 0.07 * nominal, f.name() + " pivot " + pivot);
        }
    }

    @Test
    void eazyFilterResReadsByNumberAndAgreesWithSedpy() {
        EazyFilterRes res = EazyFilterRes.read(TestModels.data().file("filters/eazy/FILTER.RES.latest"));
        assertTrue(res.size() > 400, "over 400 curves, got " + res.size());
        assertTrue(res.description(363).contains("jwst_nircam_f090w"), res.description(363));
        FilterCurve eazy = res.filter(363, "jwst.nircam.f090w");
        FilterCurve sedpy = TestModels.jades().band(5);
        // pre-flight (EAZY) and post-flight (sedpy) F090W curves: same band, pivots within 1%
        assertEquals(sedpy.pivotWavelengthAngstrom(), eazy.pivotWavelengthAngstrom(), 0.01 * sedpy.pivotWavelengthAngstrom());
        assertThrows(IllegalArgumentException.class, () -> res.filter(100000, "x"));
    }

    @Test
    void userFilterSetFileWorksDownstream(@TempDir Path dir) throws Exception {
        Path curves = Files.createDirectories(dir.resolve("curves"));
        Files.copy(TestModels.data().file("filters/sedpy/jwst_f200w.par"), curves.resolve("my_f200w.par"));
        Path set = dir.resolve("mini.filters");
        Files.writeString(set, """
                # three bands from three kinds of source
                name = mini-3
                my.f090w = eazy:363
                my.f150w = sedpy:jwst_f150w.par
                my.f200w = curves/my_f200w.par
                """);
        FilterSet s = FilterSets.load(set.toString(), TestModels.data());
        assertEquals("mini-3", s.name());
        assertEquals(List.of("my.f090w", "my.f150w", "my.f200w"), s.bandNames());
        ForwardModel m = ForwardModel.load(ModelConfig.load("default"), s, TestModels.data());
        assertEquals(s.bandNames(), m.bandNames());
        double[] free = m.prior().sample(new java.util.SplittableRandom(5));
        free[m.redshiftIndex()] = 2.0;
        double[] flux = m.simulate(free).fluxNJy();
        assertEquals(3, flux.length);
        for (double f : flux) {
            assertTrue(f > 0 && Double.isFinite(f));
        }
    }

    @Test
    void badFilterSetsFailNamingTheProblem(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.filters");
        Files.writeString(bad, "a.band = eazy:notanumber\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterSets.load(bad.toString(), TestModels.data()));
        assertTrue(e.getMessage().contains("a.band"), e.getMessage());
        Files.writeString(bad, "b.band = curves/none.par\n");
        e = assertThrows(IllegalArgumentException.class, () -> FilterSets.load(bad.toString(), TestModels.data()));
        assertTrue(e.getMessage().contains("none.par"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FilterSets.load("no-such-set", TestModels.data()));
        assertTrue(e.getMessage().contains("no-such-set"), e.getMessage());
    }
}
