package io.sedstream.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.posterior.ParameterSummary;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.noise.NoiseModel;
import io.sedstream.trainer.export.BundleExporter;
import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.simulate.LibrarySimulator;
import io.sedstream.trainer.simulate.NoiseModels;
import io.sedstream.trainer.validate.ValidateCommand;
import io.sedstream.trainer.testing.PlotAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole trainer path on a tiny library from the real forward model: simulate -> train (DJL)
 * -> export (ONNX + manifest) -> load with the inference Estimator -> infer a galaxy with missing
 * bands; and validate -> report files with the keys.
 */
class TrainExportInferEndToEndTest {

    @TempDir
    static Path work;
    static Path library;
    static Path heldout;
    static Path bundle;
    static TrainingRun.Outcome outcome;

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        ForwardModel model = ForwardModel.load("default", "jades-gs-14", DataRoot.resolve());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        library = work.resolve("train-lib");
        heldout = work.resolve("heldout-lib");
        NoiseModel noise = NoiseModels.resolve("deep", model.bandNames(), library);
        LibrarySimulator.run(model, noise, new LibrarySimulator.Settings(3000, 11, 1, 1000, 0, false), library, quiet);
        LibrarySimulator.run(model, NoiseModels.resolve("deep", model.bandNames(), heldout),
                new LibrarySimulator.Settings(600, 12, 1, 1000, 0, false), heldout, quiet);
        bundle = work.resolve("models/tiny/0.1");
        TrainingConfig config = new TrainingConfig(3, 128, 2e-3, 5.0, 0.1, 5, 21L, Duration.ofMinutes(2), 3, 0.5);
        List<String> log = new ArrayList<>();
        outcome = TrainingRun.run(new TrainingRun.Settings(library, 0, bundle,
                new BundleExporter.BundleIdentity("tiny", "0.1", "end-to-end test"), 2, 4, new int[]{32, 32},
                Activation.SILU, config, null, 1, "default", 1), log::add);
    }

    @Test
    void bundleLoadsAndInfersWithMissingBands() {
        assertTrue(Files.isRegularFile(bundle.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(bundle.resolve("member-00.onnx")));
        assertTrue(Files.isRegularFile(bundle.resolve("member-01.onnx")));
        assertTrue(Files.isRegularFile(bundle.resolve("training.json")));
        assertTrue(outcome.parityMaxAbsDifference() < 1e-4, "parity " + outcome.parityMaxAbsDifference());
        TrainingTable t = LibraryTables.read(heldout, 5);
        try (Estimator estimator = Estimator.load(bundle)) {
            assertFalse(estimator.manifest().fixture());
            assertEquals(t.parameterNames(), estimator.manifest().parameters().stream().map(p -> p.name()).toList());
            List<BandFlux> photometry = new ArrayList<>();
            for (int b = 0; b < t.bandCount(); b++) {
                String band = t.bandNames().get(b);
                // No ACS coverage for this galaxy: the flags must carry it.
                photometry.add(band.startsWith("hst.acs.") ? BandFlux.missing(band)
                        : BandFlux.observed(band, t.flux(0, b), t.fluxErr(0, b)));
            }
            PosteriorResult r = estimator.estimate(photometry, null, EstimateOptions.withSamples(50, 3));
            assertEquals(5, r.bands().masked().size());
            assertEquals(12, r.parameters().size());
            for (int p = 0; p < r.parameters().size(); p++) {
                ParameterSummary s = r.parameters().get(p);
                ParameterSpec spec = estimator.manifest().parameters().get(p);
                assertTrue(Double.isFinite(s.median()) && s.p16() <= s.median() && s.median() <= s.p84(), s.toString());
                if (spec.transform() == ParameterTransform.LOGIT) {
                    assertTrue(s.p2_5() > spec.lower() && s.p97_5() < spec.upper() && s.mode() > spec.lower() && s.mode() < spec.upper(),
                            "a logit parameter's summaries lie inside its box: " + s);
                }
            }
            assertTrue(r.samples().count() > 0);
        }
    }

    @Test
    void boxParametersAreModelledAsLogitsOfTheirPlaceInTheBox() throws Exception {
        Manifest manifest = ManifestJson.read(bundle.resolve(ManifestJson.FILE_NAME));
        TrainingTable table = LibraryTables.read(library, 0);
        for (int p = 0; p < manifest.parameterCount(); p++) {
            ParameterSpec spec = manifest.parameters().get(p);
            boolean expectLogit = TrainingRun.DEFAULT_LOGIT.contains(spec.name());
            assertEquals(expectLogit ? ParameterTransform.LOGIT : ParameterTransform.IDENTITY, spec.transform(), spec.name());
            // The standardisation is the transformed variable's: its mean over the training rows.
            double sum = 0;
            for (int r = 0; r < table.rows(); r++) {
                sum += spec.toNetwork(table.theta(r, p));
            }
            assertEquals(sum / table.rows(), spec.mean(), 1e-9 * (1 + Math.abs(spec.mean())), spec.name());
        }
        LibraryManifest meta = LibraryReader.open(library).manifest();
        IllegalArgumentException derived = assertThrows(IllegalArgumentException.class,
                () -> ModelPreparation.fit(table, meta, Set.of("log10_surviving_mass")));
        assertTrue(derived.getMessage().contains("log10_surviving_mass") && derived.getMessage().contains("derived"), derived.getMessage());
        Set<String> bounded = Set.of("redshift", "log10_metallicity", "log10_av");
        assertEquals(Set.of(), TrainingRun.logitParameters("none", table.parameterNames(), bounded));
        assertEquals(Set.of("log10_metallicity", "log10_av"), TrainingRun.logitParameters("default", table.parameterNames(), bounded),
                "default leaves out the parameters the prior does not bound (t25-t75 in the delayed-tau model)");
        assertEquals(Set.of("t25", "redshift"), TrainingRun.logitParameters("t25, redshift", table.parameterNames(), bounded));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.logitParameters("t25,metallicity", table.parameterNames(), bounded));
        assertTrue(unknown.getMessage().contains("'metallicity'"), unknown.getMessage());
    }

    @Test
    void validateWritesTheReport() throws Exception {
        Path report = work.resolve("report");
        int code = new CommandLine(new ValidateCommand()).execute("--model", bundle.toString(), "--library", heldout.toString(),
                "--report", report.toString());
        assertEquals(0, code);
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        for (String key : List.of("r2", "rmse", "bias", "coverage68", "coverage95")) {
            assertTrue(m.path("parameters").path("log10_formed_mass").has(key), key);
        }
        for (String key : List.of("nmad", "outlier_fraction", "bias")) {
            assertTrue(m.path("redshift").has(key), key);
        }
        assertTrue(m.has("tarp_ecp50_error"));
        for (String scenario : List.of("all_bands", "acs_missing", "f335m_f410m_missing", "random3_missing", "bluest_missing", "reddest_missing")) {
            JsonNode s = m.path("scenarios").path(scenario);
            assertTrue(s.has("tarp_ecp50_error") && s.path("snr_bins").has("snr_5_10") && s.path("snr_bins").has("snr_gt10"), scenario);
        }
        assertEquals(600, m.path("heldout_rows").asInt());
        for (String png : List.of("truth_vs_median.png", "photoz.png", "coverage.png", "tarp.png", "sbc.png")) {
            PlotAssertions.assertDrawnPlot(report.resolve(png));
        }
        assertTrue(Files.readString(report.resolve("report.md")).contains("## Targets"));
    }

    /** Issue 13: a "held-out" library that is the training library is refused; an existing report is never overwritten silently. */
    @Test
    void validateRefusesTheTrainingLibraryAndKeepsExistingReports() throws Exception {
        Manifest manifest = ManifestJson.read(bundle.resolve(ManifestJson.FILE_NAME));
        assertEquals(List.of(new Provenance.TrainingLibraryId("default", 11)), manifest.provenance().trainingLibraries());
        java.io.StringWriter err = new java.io.StringWriter();
        Path refusedReport = work.resolve("report-of-training-library");
        CommandLine cli = new CommandLine(new ValidateCommand());
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute("--model", bundle.toString(), "--library", library.toString(), "--report", refusedReport.toString());
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("is not held out") && err.toString().contains("seed 11"), err.toString());
        assertFalse(Files.exists(refusedReport), "nothing written for a refused library");

        Path report = work.resolve("kept-report");
        String[] args = {"--model", bundle.toString(), "--library", heldout.toString(), "--report", report.toString(), "--max-rows", "200"};
        assertEquals(0, new CommandLine(new ValidateCommand()).execute(args));
        Path first = report.resolve("metrics.json");
        long firstModified = Files.getLastModifiedTime(first).toMillis();
        Files.writeString(report.resolve("marker.txt"), "the first report");
        assertEquals(0, new CommandLine(new ValidateCommand()).execute(args));
        assertTrue(Files.isRegularFile(work.resolve("kept-report-2").resolve("metrics.json")), "the second report goes to a new directory");
        assertEquals(firstModified, Files.getLastModifiedTime(first).toMillis(), "the first report is untouched");
        assertTrue(Files.exists(report.resolve("marker.txt")));
        String[] replace = java.util.Arrays.copyOf(args, args.length + 1);
        replace[args.length] = "--replace";
        assertEquals(0, new CommandLine(new ValidateCommand()).execute(replace));
        assertFalse(Files.exists(work.resolve("kept-report-3")), "--replace writes in place");
    }

    @Test
    void validateWithTheTrueRedshiftGivenWritesTheSideBySide() throws Exception {
        Path report = work.resolve("report-specz");
        int code = new CommandLine(new ValidateCommand()).execute("--model", bundle.toString(), "--library", heldout.toString(),
                "--report", report.toString(), "--condition-on-true-redshift");
        assertEquals(0, code);
        JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        JsonNode side = new ObjectMapper().readTree(report.resolve("spec-z.json").toFile());
        for (String scenario : List.of("all_bands", "acs_missing", "f335m_f410m_missing", "random3_missing", "bluest_missing", "reddest_missing")) {
            JsonNode params = side.path("scenarios").path(scenario).path("parameters");
            assertTrue(params.path("redshift").isMissingNode(), "redshift is given, not compared");
            JsonNode inferred = metrics.path("scenarios").path(scenario).path("parameters");
            for (String name : List.of("log10_formed_mass", "log10_surviving_mass", "log10_sfr_100myr", "t50")) {
                // The inferred column is the ordinary report's figure; the given column is another run.
                assertEquals(inferred.path(name).path("r2").asDouble(), params.path(name).path("photometric").path("r2").asDouble(), 1e-12, name);
                double cov = params.path(name).path("spectroscopic").path("coverage68").asDouble(-1);
                assertTrue(cov >= 0 && cov <= 1, name + " coverage " + cov);
                assertTrue(Double.isFinite(params.path(name).path("spectroscopic").path("r2").asDouble(Double.NaN)), name);
            }
            // The conditioned density and TARP, for comparison with a redshift-input network on the same galaxies.
            assertTrue(Double.isFinite(side.path("scenarios").path(scenario).path("mean_log_prob_spectroscopic").asDouble(Double.NaN)), scenario);
            double tarp = side.path("scenarios").path(scenario).path("tarp_ecp50_error_spectroscopic").asDouble(-1);
            assertTrue(tarp >= 0 && tarp <= 0.5, scenario + " TARP " + tarp);
        }
        assertTrue(Files.readString(report.resolve("spec-z.md")).contains("| goal | z inferred | z given |"));
    }

    @Test
    void fitMisfitShipsACalibratedMisfitModelAndValidateMisfitMeasuresIt() throws Exception {
        Path copy = work.resolve("models/tiny-misfit/0.1");
        Files.createDirectories(copy);
        try (var files = Files.list(bundle)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        assertEquals(0, new CommandLine(new io.sedstream.trainer.misfit.FitMisfitCommand()).execute("--model", copy.toString(),
                "--library", library.toString(), "--calibration", heldout.toString(), "--components", "3", "--masks-per-galaxy", "3",
                "--quantiles", "101"));
        JsonNode manifest = new ObjectMapper().readTree(copy.resolve("manifest.json").toFile());
        assertEquals("misfit.json", manifest.path("misfit").path("file").asText());
        try (io.sedstream.inference.Estimator est = io.sedstream.inference.Estimator.load(copy)) {
            assertTrue(est.bundle().misfit().isPresent());
        }
        Path report = work.resolve("misfit-report");
        assertEquals(0, new CommandLine(new io.sedstream.trainer.misfit.ValidateMisfitCommand()).execute("--model", copy.toString(),
                "--library", heldout.toString(), "--stars", "300", "--report", report.toString()));
        JsonNode m = new ObjectMapper().readTree(report.resolve("misfit.json").toFile());
        assertEquals(9, m.path("populations").size(), "6 scenarios (JADES has them all), stars, two corruptions (no other library given)");
        m.path("populations").forEach(p -> {
            double r = p.path("flagged_p_lt_0.05").asDouble(-1);
            assertTrue(r >= 0 && r <= 1, p.toString());
        });
        // The held-out library calibrated the p-values under random masks: with all bands, about 5% fall below 0.05.
        double allBands = m.path("populations").path("held-out galaxies, all bands").path("flagged_p_lt_0.05").asDouble();
        assertTrue(allBands > 0.01 && allBands < 0.12, "false flags at 0.05: " + allBands);
        assertTrue(Files.readString(report.resolve("misfit.md")).contains("| population | N |"));
    }
}
