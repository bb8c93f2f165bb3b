package io.sedstream.trainer.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.library.LibraryRecord;
import io.sedstream.trainer.simulate.LibrarySimulator;
import io.sedstream.trainer.simulate.NoiseModels;
import io.sedstream.trainer.testing.PlotAssertions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code survey-model} end to end on a deliberately misspecified mock "real" catalogue: delayed-tau galaxies
 * (SMC dust) through a 7-band HST WFPC2 + ISAAC filter set with depth-scattered noise, detected in Ks, 10% of
 * the other bands missing, extra columns; the survey model is the default model. Tiny budgets.
 */
class SurveyModelCommandTest {
    static final Path FILTERS = Path.of("examples/survey/hst-wfpc2-isaac.filters");
    static final Path MOCK_DEPTHS = Path.of("examples/survey/mock-depths.txt");
    static final String SELECTION_BAND = "vlt.isaac.ks";

    @TempDir
    static Path work;
    static Path catalogue;
    static Path bundle;
    static Run first;

    record Run(int exit, String out, String err) { }

    /** Runs the command line with everything it prints (picocli's writers and the stages' System.out / System.err) captured. */
    static Run cli(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            CommandLine cl = TrainerCli.commandLine();
            cl.setOut(new PrintWriter(capture, true));
            cl.setErr(new PrintWriter(capture, true));
            int exit = cl.execute(args);
            String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            return new Run(exit, text, text);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    static List<String> surveyArgs(Path out, Path cat, String... more) {
        List<String> a = new ArrayList<>(List.of("survey-model", "--filters", FILTERS.toString(), "--catalogue", cat.toString(),
                "--out", out.toString(), "--work", work.resolve("cache").toString(), "--n", "3000", "--heldout-n", "1000",
                "--members", "1", "--hidden", "32,32", "--components", "4", "--epochs", "3", "--threads", "1",
                "--simulate-threads", "1", "--misfit-components", "4"));
        a.addAll(List.of(more));
        return a;
    }

    @BeforeAll
    static void mockCatalogueAndSurveyModel() throws Exception {
        ForwardModel truth = ForwardModel.load("delayed-tau", FILTERS.toString(), DataRoot.resolve());
        Path mockLibrary = work.resolve("mock-lib");
        LibrarySimulator.run(truth, NoiseModels.resolve(MOCK_DEPTHS.toString(), truth.bandNames(), mockLibrary),
                new LibrarySimulator.Settings(11000, 77, 1, 100_000, 0, false), mockLibrary, new PrintStream(OutputStream.nullOutputStream()));
        catalogue = work.resolve("mock.csv");
        Run mock = cli("mock-catalogue", "--library", mockLibrary.toString(), "--out", catalogue.toString(), "--max-rows", "3000",
                "--missing-fraction", "0.1", "--seed", "3");
        assertEquals(0, mock.exit(), mock.err());
        bundle = work.resolve("models/mock-survey/0.1");
        first = cli(surveyArgs(bundle, catalogue).toArray(String[]::new));
        assertEquals(0, first.exit(), first.err());
    }

    @Test
    void theBundleLoadsWithEstimatorAndFlagsRealRows() throws Exception {
        List<String[]> rows = csv(catalogue);
        String[] header = rows.get(0);
        try (Estimator e = Estimator.load(bundle)) {
            assertEquals(ForwardModel.load("default", FILTERS.toString(), DataRoot.resolve()).bandNames(), e.manifest().bandNames());
            assertTrue(e.bundle().misfit().isPresent(), "fit-misfit ran and the manifest names misfit.json");
            PosteriorResult r = e.estimate(measurements(header, rows.get(1)));
            assertNotNull(r.misfit());
            assertTrue(r.misfit().pValue() >= 0 && r.misfit().pValue() <= 1);
            // The report's misfit fraction, recounted one row at a time through the single-record path.
            long below = 0;
            for (String[] row : rows.subList(1, rows.size())) {
                below += e.estimate(measurements(header, row)).misfit().pValue() < 0.05 ? 1 : 0;
            }
            JsonNode misfit = report().path("misfit");
            assertEquals(rows.size() - 1, misfit.path("rows_estimated").asLong());
            assertEquals((double) below / (rows.size() - 1), misfit.path("p_below_fraction").path("0.05").asDouble(), 1e-12);
        }
        assertTrue(first.out().contains("[7/8] survey report"), first.out());
        for (String stage : List.of("[1/8] noise", "[2/8] training library", "[3/8] held-out library", "[4/8] train", "[5/8] validate",
                "[6/8] fit-misfit", "[8/8] zero points: skipped: the catalogue has no spec-z column")) {
            assertTrue(first.out().contains(stage), stage + " printed");
        }
        assertTrue(Files.isRegularFile(bundle.resolve("report/metrics.json")), "validate wrote its report");
    }

    @Test
    void theReportsNumbersAreTheDatas() throws Exception {
        JsonNode r = report();
        List<String[]> rows = csv(catalogue);
        String[] header = rows.get(0);
        assertEquals(rows.size() - 1, r.path("catalogue").path("rows_read").asLong());
        List<String> ignored = new ArrayList<>();
        r.path("catalogue").path("columns_ignored").forEach(n -> ignored.add(n.asText()));
        assertEquals(List.of("ra", "dec", "z_true"), ignored);
        assertEquals(SELECTION_BAND, r.path("selection").path("band").asText());

        // Recompute from the files: S/N >= 5 in Ks, F814W magnitudes and F606W - F814W colours.
        int ksFlux = column(header, SELECTION_BAND + "_flux");
        int f814 = column(header, "hst.wfpc2.f814w_flux");
        int f606 = column(header, "hst.wfpc2.f606w_flux");
        List<Double> realMag = new ArrayList<>();
        List<Double> realColour = new ArrayList<>();
        long selected = 0;
        for (String[] row : rows.subList(1, rows.size())) {
            if (!(number(row[ksFlux]) / number(row[ksFlux + 1]) >= 5)) {
                continue;
            }
            selected++;
            double m814 = mag(number(row[f814]));
            double m606 = mag(number(row[f606]));
            if (!Double.isNaN(m814)) {
                realMag.add(m814);
            }
            if (!Double.isNaN(m814) && !Double.isNaN(m606)) {
                realColour.add(m606 - m814);
            }
        }
        assertEquals(selected, r.path("catalogue").path("rows_selected").asLong());
        Path library = Path.of(r.path("library").path("path").asText());
        LibraryReader lib = LibraryReader.open(library);
        List<String> bands = lib.manifest().bands();
        int ls = bands.indexOf(SELECTION_BAND);
        int l814 = bands.indexOf("hst.wfpc2.f814w");
        int l606 = bands.indexOf("hst.wfpc2.f606w");
        List<Double> libMag = new ArrayList<>();
        List<Double> libColour = new ArrayList<>();
        for (LibraryRecord g : lib) {
            double[] f = g.observedFluxNJy();
            if (f[ls] / g.fluxErrNJy()[ls] >= 5) {
                if (f[l814] > 0) {
                    libMag.add(mag(f[l814]));
                }
                if (f[l814] > 0 && f[l606] > 0) {
                    libColour.add(mag(f[l606]) - mag(f[l814]));
                }
            }
        }
        JsonNode band = find(r.path("magnitudes"), "F814W");
        assertEquals(realMag.size(), band.path("real").path("count").asInt());
        assertEquals(libMag.size(), band.path("library").path("count").asInt());
        assertEquals(median(realMag), band.path("real").path("quantiles").path("p50").asDouble(), 1e-9);
        assertEquals(median(libMag), band.path("library").path("quantiles").path("p50").asDouble(), 1e-9);
        assertEquals(bruteForceKs(realMag, libMag), band.path("ks_statistic").asDouble(), 1e-12);

        JsonNode colour = find(r.path("colours"), "F606W - F814W");
        assertEquals(bruteForceKs(realColour, libColour), colour.path("ks_statistic").asDouble(), 1e-12);
        double lo = libColour.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = libColour.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double outside = realColour.stream().filter(c -> c < lo || c > hi).count() / (double) realColour.size();
        assertEquals(outside, colour.path("real_outside_library_range_fraction").asDouble(), 1e-12);
        // The mock is another model (delayed-tau, SMC dust) than the survey model: its colours must differ detectably somewhere.
        double worst = 0;
        for (JsonNode c : r.path("colours")) {
            worst = Math.max(worst, c.path("ks_statistic").asDouble());
        }
        assertTrue(worst > 0.05, "largest colour KS D " + worst);

        String md = Files.readString(bundle.resolve("report/survey.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| F814W | %,d / %,d |", realMag.size(), libMag.size())), md);
        for (String png : new String[] {SurveyReport.MAGNITUDES_PNG, SurveyReport.COLOURS_PNG}) {
            // Both histograms drawn in every panel: at least ~100 pixels of each colour per panel.
            int panels = png.equals(SurveyReport.MAGNITUDES_PNG) ? r.path("magnitudes").size() : r.path("colours").size();
            PlotAssertions.assertColourDrawn(bundle.resolve("report/" + png), SurveyPlots.REAL, 100 * panels);
            PlotAssertions.assertColourDrawn(bundle.resolve("report/" + png), SurveyPlots.LIBRARY, 100 * panels);
        }
    }

    @Test
    void aSecondRunReusesTheCachedStagesWithResume() {
        Run again = cli(surveyArgs(bundle, catalogue, "--resume").toArray(String[]::new));
        assertEquals(0, again.exit(), again.err());
        for (String stage : List.of("[1/8] noise: skipped", "[2/8] training library: skipped", "[3/8] held-out library: skipped",
                "[4/8] train: skipped")) {
            assertTrue(again.out().contains(stage), stage + " in\n" + again.out());
        }
        Run changed = cli(surveyArgs(bundle, catalogue, "--resume", "--lr", "2e-3").toArray(String[]::new));
        assertEquals(2, changed.exit(), changed.err());
        assertTrue(changed.err().contains("was not trained by survey-model with these inputs and settings"), changed.err());
    }

    @Test
    void aCatalogueWithSpectroscopicRedshiftsGetsItsZeroPointsCalibrated() throws Exception {
        // The mock catalogue's true redshifts as spectroscopic ones: the eighth stage fits zero points on them.
        Path withSpecZ = work.resolve("cat-specz.csv");
        List<String> lines = Files.readAllLines(catalogue);
        List<String> renamed = new ArrayList<>(lines);
        renamed.set(0, lines.get(0).replace("z_true", "z_spec"));
        Files.write(withSpecZ, renamed);
        Path out = work.resolve("models/specz/0.1");
        Run r = cli(surveyArgs(out, withSpecZ).toArray(String[]::new));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("[8/8] zero points: wrote"), r.out());
        assertTrue(r.out().contains("apply them with infer --zero-point-offsets"), r.out());
        Map<String, Double> offsets = io.sedstream.inference.catalogue.ZeroPointOffsets.read(out.resolve("report/zero-points.json")).offsetMagByBand();
        assertEquals(Set.of("hst.wfpc2.f300w", "hst.wfpc2.f450w", "hst.wfpc2.f606w", "hst.wfpc2.f814w", "vlt.isaac.j", "vlt.isaac.h", "vlt.isaac.ks"),
                offsets.keySet(), "every band has thousands of spectra here");
        assertTrue(Files.readString(out.resolve("report/zero-points.json")).contains("\"galaxies_with_spec_z\" : 3000"));
        // 3,000 templates over z 0 - 14 leave a handful per window: the command says its fits are coarse. (The mock is
        // delayed-tau, the templates the default model's, so the offsets also absorb the family difference.)
        assertTrue(r.out().contains("WARNING only"), r.out());
    }

    @Test
    void badInputsAreRefusedWithTheirReason() throws Exception {
        Path out = work.resolve("models/refused/0.1");
        // A catalogue without the columns of one band of the filter set.
        List<String[]> rows = csv(catalogue);
        int h = column(rows.get(0), "vlt.isaac.h_flux");
        StringBuilder noH = new StringBuilder();
        for (String[] row : rows.subList(0, 50)) {
            List<String> cells = new ArrayList<>(Arrays.asList(row));
            cells.remove(h + 1);
            cells.remove(h);
            noH.append(String.join(",", cells)).append('\n');
        }
        Path lacking = Files.writeString(work.resolve("no-h.csv"), noH.toString());
        Run r = cli(surveyArgs(out, lacking).toArray(String[]::new));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.toString().contains("has no columns for the filter set's bands [vlt.isaac.h]"), r.err());

        Path empty = Files.writeString(work.resolve("empty.csv"), String.join(",", rows.get(0)) + "\n");
        r = cli(surveyArgs(out, empty).toArray(String[]::new));
        assertEquals(2, r.exit());
        assertTrue(r.toString().contains("is empty: 0 rows read"), r.err());

        // The built-in default model with one misspelt key.
        String defaultModel;
        try (var in = ForwardModel.class.getResourceAsStream("/io/sedstream/sed/model/default.model")) {
            defaultModel = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path modelFile = Files.writeString(work.resolve("typo.model"), defaultModel.replace("name = default", "name = typo")
                + "\ndust.nebular_facter = 2.2727\n");
        r = cli(surveyArgs(out, catalogue, "--model", modelFile.toString()).toArray(String[]::new));
        assertEquals(2, r.exit());
        assertTrue(r.toString().contains("unknown key 'dust.nebular_facter'"), r.err());

        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        r = cli(surveyArgs(out, catalogue).toArray(String[]::new));
        assertEquals(2, r.exit());
        assertTrue(r.toString().contains("already exists and is not empty; pass --overwrite"), r.err());
        r = cli(surveyArgs(out, catalogue, "--overwrite").toArray(String[]::new));
        assertEquals(2, r.exit());
        assertTrue(r.toString().contains("is not a model bundle"), r.err());
        assertTrue(Files.exists(out.resolve("notes.txt")), "a directory that is not a bundle is never deleted");

        r = cli(surveyArgs(work.resolve("models/refused/0.2"), catalogue, "--heldout-seed", "1").toArray(String[]::new));
        assertEquals(2, r.exit());
        assertTrue(r.toString().contains("--heldout-seed must differ from --library-seed"), r.err());
        assertFalse(Files.exists(work.resolve("models/refused/0.2/manifest.json")));
    }

    @Test
    void extraModelFamiliesAreSimulatedAndTrainedAsOneNetwork() throws Exception {
        Path mixed = work.resolve("models/mock-survey-mixed/0.1");
        Run r = cli(surveyArgs(mixed, catalogue, "--extra-model", "delayed-tau").toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("[3/9] training library (delayed-tau)"), r.out());
        try (Estimator e = Estimator.load(mixed)) {
            var p = e.manifest().provenance();
            // --n 3000 split over two families, the extra one seeded 1000 after --library-seed (1).
            assertTrue(p.trainedOn("default", 1) && p.trainedOn("delayed-tau", 1001), p.toString());
            assertTrue(e.manifest().description().contains("default + delayed-tau"), e.manifest().description());
        }
        JsonNode training = new ObjectMapper().readTree(mixed.resolve("training.json").toFile());
        assertEquals(2, training.path("libraries").size());
        assertEquals(3000, training.path("rows").asInt());
        JsonNode misfit = new ObjectMapper().readTree(mixed.resolve("misfit.json").toFile());
        assertTrue(misfit.toString().contains("train-1500-seed1 (seed 1) + train-1500-seed1001 (seed 1001)"), misfit.toString());
        JsonNode survey = new ObjectMapper().readTree(mixed.resolve("report/" + SurveyReport.JSON).toFile());
        assertTrue(survey.path("library").path("path").asText().contains(" + "), survey.path("library").toString());

        Run same = cli(surveyArgs(work.resolve("models/refused/0.3"), catalogue, "--extra-model", "default").toArray(String[]::new));
        assertFalse(same.exit() == 0);
        assertTrue(same.err().contains("is the --model family itself"), same.err());
    }

    @Test
    void thePopulationMixedRecipeTrainsItsThreeFamiliesWithTheCataloguesFluxLimit() throws Exception {
        Path recipe = work.resolve("models/mock-survey-recipe/0.1");
        Path cache = work.resolve("recipe-cache");
        List<String> args = surveyArgs(recipe, catalogue, "--recipe", "population-mixed");
        args.set(args.indexOf("--work") + 1, cache.toString());
        Run r = cli(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("[4/10] training library (default-population-delayed-tau)"), r.out());
        // The selection limit: the flux 99.5% of the catalogue's Ks fluxes (the reddest band) exceed, recounted here, + 0.1 mag.
        List<String[]> rows = csv(catalogue);
        int ks = column(rows.get(0), SELECTION_BAND + "_flux");
        double[] measured = rows.subList(1, rows.size()).stream().map(row -> row[ks]).filter(c -> !c.isEmpty())
                .mapToDouble(Double::parseDouble).sorted().toArray();
        double at = 0.005 * (measured.length - 1);
        int lo = (int) Math.floor(at);
        double limitFlux = measured[lo] + (at - lo) * (measured[lo + 1] - measured[lo]);
        assertTrue(limitFlux > 0, "the mock is detected in Ks: " + limitFlux);
        String limit = String.format(java.util.Locale.ROOT, "%.2f", 31.4 - 2.5 * Math.log10(limitFlux) + 0.1);
        for (String family : List.of("default-population", "default-population-smc", "default-population-delayed-tau")) {
            String text = Files.readString(cache.resolve("recipe/" + family + ".model"));
            assertTrue(text.contains("selection.band = " + SELECTION_BAND + "\nselection.max_ab_mag = " + limit + "\n"), family + ":\n" + text);
            assertTrue(text.contains("population = leja2020-speagle2014"), text);
            assertTrue(text.contains("noise.template_error_fraction = 0.05") && text.contains("noise.zero_point_jitter_mag = 0.04"), text);
            assertTrue(text.contains("prior.redshift = uniform 0.01 14"), "the --model's redshift box is kept: " + text);
            assertEquals(family.endsWith("delayed-tau"), text.contains("sfh = delayed-tau") && text.contains("prior.log10_tau_yr")
                    && !text.contains("prior.log10_ssfr") && !text.contains("prior.sfh_quantiles"), text);
            assertEquals(family.endsWith("smc"), text.contains("dust = smc-bar-gordon2003"), text);
        }
        try (Estimator e = Estimator.load(recipe)) {
            var p = e.manifest().provenance();
            // --n 3000 over three families: 1000 each, seeds 1, 1001, 2001.
            assertTrue(p.trainedOn("default-population", 1) && p.trainedOn("default-population-smc", 1001)
                    && p.trainedOn("default-population-delayed-tau", 2001), p.toString());
        }

        Run delayedTau = cli(surveyArgs(work.resolve("models/refused/0.4"), catalogue, "--recipe", "population-mixed", "--model",
                "delayed-tau").toArray(String[]::new));
        assertFalse(delayedTau.exit() == 0);
        assertTrue(delayedTau.err().contains("builds its families from a dense-basis --model"), delayedTau.err());
        Run unknown = cli(surveyArgs(work.resolve("models/refused/0.5"), catalogue, "--recipe", "populaton-mixed").toArray(String[]::new));
        assertFalse(unknown.exit() == 0);
        assertTrue(unknown.err().contains("--recipe 'populaton-mixed' unknown (known: none, population-mixed)"), unknown.err());
    }

    private static JsonNode report() throws java.io.IOException {
        return new ObjectMapper().readTree(bundle.resolve("report/" + SurveyReport.JSON).toFile());
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + array);
    }

    /** The mock catalogue has no quoted fields, so a split is an independent reader. */
    private static List<String[]> csv(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    private static int column(String[] header, String name) {
        int i = Arrays.asList(header).indexOf(name);
        assertTrue(i >= 0, name + " in the header");
        return i;
    }

    private static List<BandFlux> measurements(String[] header, String[] row) {
        List<BandFlux> m = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (header[c].endsWith("_flux")) {
                String band = header[c].substring(0, header[c].length() - "_flux".length());
                m.add(row[c].isEmpty() ? BandFlux.missing(band) : BandFlux.observed(band, number(row[c]), number(row[c + 1])));
            }
        }
        return m;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static double mag(double fluxNJy) {
        return fluxNJy > 0 ? 31.4 - 2.5 * Math.log10(fluxNJy) : Double.NaN;
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** sup over every value of |F_a - F_b|, counting directly (quadratic; independent of the report's merge walk). */
    private static double bruteForceKs(List<Double> a, List<Double> b) {
        double d = 0;
        List<Double> all = new ArrayList<>(a);
        all.addAll(b);
        for (double x : all) {
            double fa = a.stream().filter(v -> v <= x).count() / (double) a.size();
            double fb = b.stream().filter(v -> v <= x).count() / (double) b.size();
            d = Math.max(d, Math.abs(fa - fb));
        }
        return d;
    }
}
