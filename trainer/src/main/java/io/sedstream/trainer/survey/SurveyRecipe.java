package io.sedstream.trainer.survey;

import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.sed.config.KeyValueText;
import io.sedstream.sed.model.ModelConfig;
import io.sedstream.sed.prior.PopulationPrior;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code survey-model --recipe population-mixed}: the levers that held up on the HDF-N-like mocks (trainer/README.md
 * "Mixed-family training" and "More levers"), built from the {@code --model} file for any filter set and catalogue:
 * <ul>
 *   <li>a galaxy-population prior ({@value PopulationPrior#LEJA2020_SPEAGLE2014}) instead of uniform draws in z and mass;</li>
 *   <li>model error in the simulated noise: 5% template error and 0.04 mag zero-point jitter per galaxy and band;</li>
 *   <li>the catalogue's own flux limit in the selection band, so the training budget goes to galaxies the survey can
 *       see. Selection is on the observed photometry only, so it leaves p(theta | x) of a selected galaxy unchanged.
 *       The limit is the flux that the catalogue's measured fluxes in that band exceed in {@value #LIMIT_PERCENTILE}%
 *       of its rows, made {@value #LIMIT_MARGIN_MAG} mag fainter (for zero-point differences): the simulated selection
 *       acts on the observed flux, the quantity the catalogue measured, so noise needs no wider margin, and a wider
 *       one spends the budget on galaxies fainter than the survey's (measured: a 0.5 mag margin cost outliers,
 *       trainer/README.md). A band where that flux is not positive (the catalogue is not selected in it) gets no
 *       selection;</li>
 *   <li>three families trained as one network: the {@code --model} physics, the same with SMC Bar dust, and a
 *       delayed-tau SFH with the {@code --model}'s dust, so a galaxy of neither kind is not out of distribution.</li>
 * </ul>
 * Every other line of the {@code --model} file (SPS, IGM, the prior box, the redshift range) is kept.
 */
final class SurveyRecipe {
    static final String NONE = "none";
    static final String POPULATION_MIXED = "population-mixed";
    static final List<String> NAMES = List.of(NONE, POPULATION_MIXED);
    /** The selection limit: the flux that this percentage of the catalogue's measured fluxes in the band exceed, as an AB magnitude ... */
    static final double LIMIT_PERCENTILE = 99.5;
    /** ... made this much fainter. */
    static final double LIMIT_MARGIN_MAG = 0.1;
    static final double TEMPLATE_ERROR_FRACTION = 0.05;
    static final double ZERO_POINT_JITTER_MAG = 0.04;
    private static final String SMC_DUST = "smc-bar-gordon2003";
    private static final String DENSE_BASIS = "dense-basis";
    /** The delayed-tau family's own prior lines (those of the built-in delayed-tau model's box). */
    private static final Map<String, String> DELAYED_TAU_PRIORS = Map.of("prior.log10_tau_yr", "uniform 7 10.5",
            "prior.age_fraction", "uniform 0.01 1");
    private static final Set<String> DENSE_BASIS_ONLY_PRIORS = Set.of("prior.log10_ssfr", "prior.sfh_quantiles");

    /** The recipe's model families (the first is validated), the selection limit (null: none) and how it was chosen. */
    record Families(List<ModelConfig> models, String selectionBand, Double maxAbMag, String limitFrom) {
    }

    private SurveyRecipe() {
    }

    /** Refuses an unknown recipe name. */
    static void check(String recipe) {
        if (!NAMES.contains(recipe)) {
            throw new IllegalArgumentException("--recipe '" + recipe + "' unknown (known: " + String.join(", ", NAMES) + ")");
        }
    }

    /**
     * The three families from {@code base}, with the selection limit of {@code selectionBand} measured on the catalogue.
     * Refused: a base that is not dense-basis or already has SMC dust (a family would repeat it).
     */
    static Families populationMixed(ModelConfig base, Path catalogue, ColumnMap columns, String selectionBand) {
        if (!base.sfh().equals(DENSE_BASIS)) {
            throw new IllegalArgumentException("--recipe " + POPULATION_MIXED + " builds its families from a " + DENSE_BASIS
                    + " --model (it adds the delayed-tau family itself); model " + base.name() + " has sfh " + base.sfh());
        }
        if (base.dust().equals(SMC_DUST)) {
            throw new IllegalArgumentException("--recipe " + POPULATION_MIXED + " adds an " + SMC_DUST + " family; model " + base.name()
                    + " already has that dust law: give a --model with another one");
        }
        double[] measured = measuredFluxes(catalogue, columns, selectionBand);
        if (measured.length == 0) {
            throw new IllegalArgumentException("--recipe " + POPULATION_MIXED + ": no row of " + catalogue + " has a measured "
                    + selectionBand + " flux to set the selection limit from; choose another --snr-band");
        }
        // The limit flux: the catalogue's faint end (faint fluxes are the low percentiles). The simulated selection keeps
        // fluxes at or above it, so a catalogue whose faint end is at or below zero (not selected in this band) gets none.
        Arrays.sort(measured);
        double limitFlux = TwoSampleStatistics.quantile(measured, 1 - LIMIT_PERCENTILE / 100);
        Double maxAbMag = null;
        String limitFrom;
        if (limitFlux > 0) {
            maxAbMag = Math.min(40.0, 31.4 - 2.5 * Math.log10(limitFlux) + LIMIT_MARGIN_MAG);
            limitFrom = String.format(Locale.ROOT, "the %sth-percentile magnitude of the catalogue's %,d %s fluxes (%.2f AB) + %.1f mag",
                    LIMIT_PERCENTILE, measured.length, selectionBand, 31.4 - 2.5 * Math.log10(limitFlux), LIMIT_MARGIN_MAG);
        } else {
            limitFrom = String.format(Locale.ROOT, "none: the flux that %s%% of the catalogue's %,d %s fluxes exceed is %.3g nJy (<= 0), so no "
                    + "flux limit in that band holds the catalogue; give --snr-band its detection band", LIMIT_PERCENTILE, measured.length,
                    selectionBand, limitFlux);
        }
        Map<String, String> common = new LinkedHashMap<>();
        common.put("population", PopulationPrior.LEJA2020_SPEAGLE2014);
        common.put("population.log10_stellar_mass_min", "7");
        if (maxAbMag != null) {
            common.put("selection.band", selectionBand);
            common.put("selection.max_ab_mag", String.format(Locale.ROOT, "%.2f", maxAbMag));
        }
        common.put("noise.template_error_fraction", Double.toString(TEMPLATE_ERROR_FRACTION));
        common.put("noise.zero_point_jitter_mag", Double.toString(ZERO_POINT_JITTER_MAG));

        Map<String, String> primary = new LinkedHashMap<>(common);
        primary.put("name", base.name() + "-population");
        Map<String, String> smc = new LinkedHashMap<>(common);
        smc.put("name", base.name() + "-population-smc");
        smc.put("dust", SMC_DUST);
        Map<String, String> delayedTau = new LinkedHashMap<>(common);
        delayedTau.put("name", base.name() + "-population-delayed-tau");
        delayedTau.put("sfh", "delayed-tau");
        delayedTau.putAll(DELAYED_TAU_PRIORS);
        List<ModelConfig> models = new ArrayList<>();
        models.add(derive(base, primary, Set.of(), "the --model physics"));
        models.add(derive(base, smc, Set.of(), "SMC Bar dust"));
        models.add(derive(base, delayedTau, DENSE_BASIS_ONLY_PRIORS, "a delayed-tau SFH"));
        return new Families(models, selectionBand, maxAbMag, limitFrom);
    }

    /** {@code base}'s text with the {@code set} lines replacing their keys and the {@code drop} keys left out, parsed. */
    static ModelConfig derive(ModelConfig base, Map<String, String> set, Set<String> drop, String what) {
        StringBuilder text = new StringBuilder("# survey-model --recipe " + POPULATION_MIXED + " from model " + base.name() + ": " + what
                + ", population prior, model error, the catalogue's flux limit (trainer/README.md).\n");
        for (KeyValueText.Entry e : KeyValueText.parse(base.text(), "model " + base.name(), "'key = value'")) {
            if (!set.containsKey(e.key()) && !drop.contains(e.key())) {
                text.append(e.key()).append(" = ").append(e.value()).append('\n');
            }
        }
        set.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        return ModelConfig.parse(text.toString(), set.get("name") + " (recipe " + POPULATION_MIXED + ")");
    }

    /** The measured (finite) fluxes of one band over the catalogue's readable rows (refused rows are skipped). */
    private static double[] measuredFluxes(Path catalogue, ColumnMap columns, String band) {
        double[] values = new double[1024];
        int count = 0;
        try (CatalogueReader reader = CatalogueReader.open(catalogue, columns, StandardCharsets.UTF_8)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof CatalogueRow.Read r) {
                    for (BandFlux f : r.fluxes()) {
                        if (f.band().equals(band) && !f.isMissing() && Double.isFinite(f.fluxNJy())) {
                            if (count == values.length) {
                                values = Arrays.copyOf(values, 2 * count);
                            }
                            values[count++] = f.fluxNJy();
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(values, count);
    }
}
