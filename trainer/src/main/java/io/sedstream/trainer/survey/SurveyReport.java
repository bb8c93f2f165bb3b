package io.sedstream.trainer.survey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report/survey.md}, {@code survey.json} and the two PNGs: the real catalogue's and the training
 * library's magnitude and colour distributions side by side, and the misfit flags on the real catalogue.
 *
 * @param model      bundle name/version
 * @param catalogue  the real catalogue as given, with how it was read
 * @param library    the training library compared (directory, seed, size)
 * @param selection  the S/N selection applied to both samples
 * @param real       the real catalogue's sample
 * @param simulated  the training library's sample
 * @param comparison the statistics
 * @param misfit     the misfit census on the real catalogue
 * @param stageSeconds wall seconds of each stage of the run (a cached stage: 0)
 */
public record SurveyReport(String model, CatalogueInfo catalogue, LibraryInfo library, Selection selection, PhotometrySample real,
                           PhotometrySample simulated, SurveyComparison comparison, MisfitCensus misfit, Map<String, Double> stageSeconds) {

    public static final String JSON = "survey.json";
    public static final String MARKDOWN = "survey.md";
    public static final String MAGNITUDES_PNG = "survey-magnitudes.png";
    public static final String COLOURS_PNG = "survey-colours.png";

    public record CatalogueInfo(String path, String columnMap) {
    }

    public record LibraryInfo(String path, long seed, long size, long compareRows) {
    }

    public record Selection(String band, double minSnr, String chosenBy) {
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            SurveyPlots.write(comparison.magnitudes(), "AB magnitude", "magnitudes: real catalogue vs training library", dir.resolve(MAGNITUDES_PNG));
            SurveyPlots.write(comparison.colours(), "colour [mag]", "colours (adjacent bands): real catalogue vs training library", dir.resolve(COLOURS_PNG));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), json());
            Files.writeString(dir.resolve(MARKDOWN), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the survey report into " + dir, e);
        }
    }

    ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("model", model);
        ObjectNode cat = root.putObject("catalogue");
        cat.put("path", catalogue.path());
        cat.put("column_map", catalogue.columnMap());
        cat.put("rows_read", real.rowsSeen());
        cat.put("rows_refused", real.rowsRefused());
        cat.put("rows_selected", real.rows());
        ArrayNode ignored = cat.putArray("columns_ignored");
        real.ignoredColumns().forEach(ignored::add);
        ObjectNode lib = root.putObject("library");
        lib.put("path", library.path());
        lib.put("seed", library.seed());
        lib.put("size", library.size());
        lib.put("rows_compared", simulated.rowsSeen());
        lib.put("rows_selected", simulated.rows());
        ObjectNode sel = root.putObject("selection");
        sel.put("band", selection.band());
        sel.put("snr_min", selection.minSnr());
        sel.put("chosen_by", selection.chosenBy());
        sel.put("applies_to", "both samples: rows with S/N >= snr_min in band; a magnitude needs a positive flux, a colour two");
        ArrayNode levels = root.putArray("quantile_levels");
        for (double l : TwoSampleStatistics.LEVELS) {
            levels.add(l);
        }
        ArrayNode bands = root.putArray("magnitudes");
        for (int b = 0; b < comparison.magnitudes().size(); b++) {
            ObjectNode q = quantity(bands.addObject(), comparison.magnitudes().get(b));
            q.put("band", real.bands().get(b));
        }
        ArrayNode colours = root.putArray("colours");
        for (int b = 0; b < comparison.colours().size(); b++) {
            ObjectNode q = quantity(colours.addObject(), comparison.colours().get(b));
            q.put("blue_band", real.bands().get(b));
            q.put("red_band", real.bands().get(b + 1));
        }
        root.put("real_outside_any_library_colour_range_fraction", comparison.realOutsideAnyColour());
        root.put("real_with_a_colour", comparison.realWithAColour());
        ObjectNode mis = root.putObject("misfit");
        mis.put("p_threshold", misfit.threshold());
        mis.put("rows_estimated", misfit.estimated());
        mis.put("rows_refused", misfit.refused());
        mis.put("flagged", misfit.misfitFlagged());
        mis.put("flagged_fraction", misfit.misfitFraction());
        ObjectNode below = mis.putObject("p_below_fraction");
        for (int l = 0; l < MisfitCensus.P_LEVELS.length; l++) {
            below.put(Double.toString(MisfitCensus.P_LEVELS[l]), misfit.fractionBelow(l));
        }
        mis.put("posterior_outside_prior_box_fraction", misfit.outsidePriorBoxFraction());
        ObjectNode stages = root.putObject("stage_seconds");
        stageSeconds.forEach(stages::put);
        return root;
    }

    private static ObjectNode quantity(ObjectNode node, SurveyComparison.Quantity q) {
        node.put("name", q.name());
        quantiles(node.putObject("real"), q.real(), q.realQuantiles());
        quantiles(node.putObject("library"), q.library(), q.libraryQuantiles());
        node.put("ks_statistic", q.ks());
        node.put("ks_p_value", q.ksPValue());
        node.put("library_min", q.libraryMin());
        node.put("library_max", q.libraryMax());
        node.put("real_outside_library_range_fraction", q.realOutsideRange());
        return node;
    }

    private static void quantiles(ObjectNode node, double[] sorted, double[] q) {
        node.put("count", sorted.length);
        ObjectNode qs = node.putObject("quantiles");
        for (int i = 0; i < q.length; i++) {
            qs.put(levelKey(TwoSampleStatistics.LEVELS[i]), q[i]);
        }
    }

    /** p05, p25, p50, p75, p95. */
    static String levelKey(double level) {
        return String.format(Locale.ROOT, "p%02d", Math.round(level * 100));
    }

    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Survey report: ").append(model).append("\n\n");
        s.append(String.format(Locale.ROOT, "Real catalogue `%s` (column map %s): %,d rows read, %,d refused, %,d selected.  %n",
                catalogue.path(), catalogue.columnMap(), real.rowsSeen(), real.rowsRefused(), real.rows()));
        if (!real.ignoredColumns().isEmpty()) {
            s.append("Columns ignored: ").append(String.join(", ", real.ignoredColumns())).append(".  \n");
        }
        s.append(String.format(Locale.ROOT, "Training library `%s` (seed %d, %,d galaxies): first %,d compared, %,d selected.  %n",
                library.path(), library.seed(), library.size(), simulated.rowsSeen(), simulated.rows()));
        s.append(String.format(Locale.ROOT, "Selection, applied to both: %s S/N >= %s (%s). A magnitude needs a positive flux "
                + "(m = 31.4 - 2.5 log10 f/nJy), a colour two; colours are adjacent bands by pivot wavelength, bluer minus redder.%n%n",
                selection.band(), trim(selection.minSnr()), selection.chosenBy()));
        s.append("KS: the two-sample Kolmogorov-Smirnov statistic sup|F_real - F_library| and its asymptotic p-value. "
                + "Outside: the fraction of real values outside the library's [min, max].\n\n");
        s.append("## Magnitudes\n\n![magnitudes](").append(MAGNITUDES_PNG).append(")\n\n");
        table(s, comparison.magnitudes());
        s.append("\n## Adjacent-band colours\n\n![colours](").append(COLOURS_PNG).append(")\n\n");
        table(s, comparison.colours());
        s.append(String.format(Locale.ROOT, "%nReal galaxies with at least one colour outside the library's range of that colour: "
                + "**%.2f%%** (of %,d with a colour).%n", 100 * comparison.realOutsideAnyColour(), comparison.realWithAColour()));
        s.append("\n## Misfit flags on the real catalogue\n\n");
        s.append(String.format(Locale.ROOT, "Every row through the bundle's `Estimator` (the serving path): %,d estimated, %,d refused. "
                + "Flagged MISFIT (p < %s): **%.2f%%**; p < 0.05: %.2f%%, p < 0.01: %.2f%%, p < 0.001: %.2f%%; "
                + "POSTERIOR_OUTSIDE_PRIOR_BOX: %.2f%%. On galaxies like the training set the fractions below p are about p.%n",
                misfit.estimated(), misfit.refused(), trim(misfit.threshold()), 100 * misfit.misfitFraction(),
                100 * misfit.fractionBelow(0), 100 * misfit.fractionBelow(1), 100 * misfit.fractionBelow(2),
                100 * misfit.outsidePriorBoxFraction()));
        s.append("\n## Stages\n\n| stage | wall s |\n|---|---|\n");
        stageSeconds.forEach((k, v) -> s.append(String.format(Locale.ROOT, "| %s | %.1f |%n", k, v)));
        s.append("\nValidation on the held-out library: [report.md](report.md).\n");
        return s.toString();
    }

    private static void table(StringBuilder s, List<SurveyComparison.Quantity> qs) {
        s.append("| | n real / library | real p05 / p25 / p50 / p75 / p95 | library p05 / p25 / p50 / p75 / p95 | KS D (p) | outside |\n");
        s.append("|---|---|---|---|---|---|\n");
        for (SurveyComparison.Quantity q : qs) {
            s.append(String.format(Locale.ROOT, "| %s | %,d / %,d | %s | %s | %.3f (%.2g) | %.2f%% |%n", q.name(), q.real().length,
                    q.library().length, five(q.realQuantiles()), five(q.libraryQuantiles()), q.ks(), q.ksPValue(), 100 * q.realOutsideRange()));
        }
    }

    private static String five(double[] q) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < q.length; i++) {
            b.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", q[i]));
        }
        return b.toString();
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
