package io.sedstream.trainer.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.sed.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The population-mixed recipe's families and selection limit, on a hand-made catalogue whose percentiles are known. */
class SurveyRecipeTest {
    @TempDir
    Path dir;

    /** Rows i = 1..200: band "deep" has flux 10 i nJy (all positive), band "shallow" 10 i - 500 nJy (a quarter at or below 0). */
    private Path catalogue() throws Exception {
        StringBuilder csv = new StringBuilder("id,deep_flux,deep_err,shallow_flux,shallow_err\n");
        for (int i = 1; i <= 200; i++) {
            csv.append(String.format(Locale.ROOT, "g%d,%d,1,%d,1%n", i, 10 * i, 10 * i - 500));
        }
        csv.append("bad,abc,1,1,1\n"); // a refused row is skipped, not counted
        Path file = dir.resolve("cat.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void theLimitIsTheFluxNinetyNineAndAHalfPercentOfTheCatalogueExceedPlusATenthOfAMagnitude() throws Exception {
        ModelConfig base = ModelConfig.load("default");
        SurveyRecipe.Families f = SurveyRecipe.populationMixed(base, catalogue(), ColumnMap.resolve("sedstream", null), "deep");
        // 0.5th percentile of 10, 20, ..., 2000 by linear interpolation: 10 + 0.005 * 199 * 10 = 19.95 nJy.
        double expected = 31.4 - 2.5 * Math.log10(19.95) + 0.1;
        assertEquals(expected, f.maxAbMag(), 1e-12);
        assertEquals(3, f.models().size());
        for (ModelConfig m : f.models()) {
            assertEquals("deep", m.selection().band());
            assertEquals(Double.parseDouble(String.format(Locale.ROOT, "%.2f", expected)), m.selection().maxAbMag(), 0);
            assertEquals("leja2020-speagle2014", m.population());
            assertEquals(0.05, m.modelError().templateErrorFraction(), 0);
            assertEquals(0.04, m.modelError().zeroPointJitterMag(), 0);
            assertEquals(base.priors().get("redshift"), m.priors().get("redshift"));
            assertEquals(base.igm(), m.igm());
        }
        assertEquals(java.util.List.of("default-population", "default-population-smc", "default-population-delayed-tau"),
                f.models().stream().map(ModelConfig::name).toList());
        assertEquals("calzetti2000", f.models().get(0).dust());
        assertEquals("smc-bar-gordon2003", f.models().get(1).dust());
        ModelConfig delayedTau = f.models().get(2);
        assertEquals("delayed-tau", delayedTau.sfh());
        assertEquals("calzetti2000", delayedTau.dust());
        assertTrue(delayedTau.priors().containsKey("log10_tau_yr") && !delayedTau.priors().containsKey("log10_ssfr")
                && !delayedTau.priors().containsKey("sfh_quantiles"), delayedTau.priors().toString());
    }

    @Test
    void aBandTheCatalogueIsNotSelectedInGetsNoSelection() throws Exception {
        SurveyRecipe.Families f = SurveyRecipe.populationMixed(ModelConfig.load("default"), catalogue(),
                ColumnMap.resolve("sedstream", null), "shallow");
        assertNull(f.maxAbMag());
        // 0.5th percentile of -490, -480, ..., 1500: -490 + 0.005 * 199 * 10 = -480.05 nJy.
        assertTrue(f.limitFrom().startsWith("none: the flux that 99.5% of the catalogue's 200 shallow fluxes exceed is -480 nJy"), f.limitFrom());
        for (ModelConfig m : f.models()) {
            assertNull(m.selection(), m.name());
        }
    }

    @Test
    void refusals() throws Exception {
        Path cat = catalogue();
        ColumnMap columns = ColumnMap.resolve("sedstream", null);
        IllegalArgumentException delayedTau = assertThrows(IllegalArgumentException.class,
                () -> SurveyRecipe.populationMixed(ModelConfig.load("delayed-tau"), cat, columns, "deep"));
        assertTrue(delayedTau.getMessage().contains("has sfh delayed-tau"), delayedTau.getMessage());
        ModelConfig smc = SurveyRecipe.derive(ModelConfig.load("default"), java.util.Map.of("name", "smc", "dust", "smc-bar-gordon2003"),
                java.util.Set.of(), "test");
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> SurveyRecipe.populationMixed(smc, cat, columns, "deep"));
        assertTrue(repeated.getMessage().contains("already has that dust law"), repeated.getMessage());
        IllegalArgumentException noFlux = assertThrows(IllegalArgumentException.class,
                () -> SurveyRecipe.populationMixed(ModelConfig.load("default"), cat, columns, "nosuchband"));
        assertTrue(noFlux.getMessage().contains("has a measured nosuchband flux"), noFlux.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SurveyRecipe.check("mixed"));
        assertEquals("--recipe 'mixed' unknown (known: none, population-mixed)", unknown.getMessage());
    }
}
