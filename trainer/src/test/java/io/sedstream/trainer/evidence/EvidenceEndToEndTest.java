package io.sedstream.trainer.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.evidence.EvidenceOutcome;
import io.sedstream.inference.evidence.EvidenceResult;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.simulate.LibrarySimulator;
import io.sedstream.trainer.simulate.NoiseModels;
import io.sedstream.trainer.train.LibraryTables;
import io.sedstream.trainer.train.TrainingConfig;
import io.sedstream.trainer.train.TrainingTable;
import io.sedstream.trainer.testing.PlotAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evidence path end to end on tiny libraries of both real forward models: simulate -> train
 * (DJL, BCE, band dropout) -> export (ONNX + evidence manifest) -> load with the inference
 * EvidenceNetwork -> evaluate with missing bands; validate-evidence -> report; and the refusals.
 * It checks the plumbing, not the physics: how separable the two models are is the model
 * engineer's business (the learning of ln K itself is pinned by ClassifierNetworkTest).
 */
class EvidenceEndToEndTest {

    @TempDir
    static Path work;
    static Path train1;
    static Path train2;
    static Path heldout1;
    static Path heldout2;
    static Path bundle;
    static EvidenceTrainingRun.Outcome outcome;
    static final List<String> LOG = new ArrayList<>();

    private static void simulate(String modelName, String noise, long n, long seed, Path out) {
        ForwardModel model = ForwardModel.load(modelName, "jades-gs-14", DataRoot.resolve());
        LibrarySimulator.run(model, NoiseModels.resolve(noise, model.bandNames(), out),
                new LibrarySimulator.Settings(n, seed, 1, 1000, 0, false), out, new PrintStream(OutputStream.nullOutputStream()));
    }

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        train1 = work.resolve("default-train");
        train2 = work.resolve("delayed-tau-train");
        heldout1 = work.resolve("default-heldout");
        heldout2 = work.resolve("delayed-tau-heldout");
        simulate("default", "deep", 2000, 31, train1);
        simulate("delayed-tau", "deep", 2500, 32, train2);
        simulate("default", "deep", 500, 33, heldout1);
        simulate("delayed-tau", "deep", 500, 34, heldout2);
        bundle = work.resolve("models/evidence-default-vs-delayed-tau/0.1");
        TrainingConfig config = new TrainingConfig(3, 128, 2e-3, 5.0, 0.1, 5, 21L, Duration.ofMinutes(2), 3, 0.5);
        outcome = EvidenceTrainingRun.run(new EvidenceTrainingRun.Settings(train1, train2, 0, bundle, "evidence-default-vs-delayed-tau",
                "0.1", "", null, null, 2, new int[] {32, 32}, Activation.SILU, config, null, 1), LOG::add);
    }

    @Test
    void trainedBundleLoadsAndEvaluatesWithMissingBands() throws Exception {
        for (String file : List.of("manifest.json", "member-00.onnx", "member-01.onnx", "training.json")) {
            assertTrue(Files.isRegularFile(bundle.resolve(file)), file);
        }
        assertTrue(outcome.parityMaxAbsDifference() < 1e-4, "ONNX Runtime vs DJL: " + outcome.parityMaxAbsDifference());
        assertEquals(2000, outcome.rowsPerModel(), "balanced: the smaller library sets the rows per model");
        assertTrue(LOG.stream().anyMatch(l -> l.startsWith("member 1 epoch   3")), LOG.toString());
        assertTrue(LOG.stream().anyMatch(l -> l.contains("balanced classes: 2,000 galaxies per model")), LOG.toString());
        JsonNode training = new ObjectMapper().readTree(bundle.resolve("training.json").toFile());
        assertEquals(2000, training.path("rows_per_model").asInt());
        assertEquals(2, training.path("members").size());
        TrainingTable t = LibraryTables.read(heldout2, 20);
        try (EvidenceNetwork network = EvidenceNetwork.load(bundle)) {
            var m = network.manifest();
            assertFalse(m.fixture());
            assertEquals("default", m.model1().forwardModel());
            assertEquals("delayed-tau", m.model2Name());
            assertEquals("seed-31", m.model1Version());
            assertEquals(t.bandNames(), m.bandNames());
            List<List<BandFlux>> batch = new ArrayList<>();
            for (int row = 0; row < 20; row++) {
                List<BandFlux> photometry = new ArrayList<>();
                for (int b = 0; b < t.bandCount(); b++) {
                    String band = t.bandNames().get(b);
                    // No ACS coverage: the missing flags carry it, as for the NPE.
                    photometry.add(band.startsWith("hst.acs.") ? BandFlux.missing(band) : BandFlux.observed(band, t.flux(row, b), t.fluxErr(row, b)));
                }
                batch.add(photometry);
            }
            List<EvidenceOutcome> outcomes = network.evaluateBatch(batch);
            for (int row = 0; row < 20; row++) {
                EvidenceResult r = network.evaluate(batch.get(row));
                assertEquals(5, r.bandsMasked().size());
                assertEquals(9, r.bandsUsed().size());
                assertTrue(Double.isFinite(r.lnBayesFactor()));
                double p = r.probabilityModel1(1.0);
                assertTrue(p > 0 && p < 1, "P(M1) " + p);
                assertEquals(r.lnBayesFactor(), outcomes.get(row).result().lnBayesFactor(), 1e-5);
            }
        }
        for (var member : outcome.members()) {
            assertTrue(Double.isFinite(member.bestValidationLoss()) && member.bestValidationLoss() < 0.8,
                    "validation BCE " + member.bestValidationLoss() + " (a coin scores ln 2 = 0.693)");
        }
    }

    @Test
    void validateEvidenceWritesTheReport() throws Exception {
        Path report = work.resolve("report");
        int code = new CommandLine(new ValidateEvidenceCommand()).execute("--model", bundle.toString(), "--library-m1", heldout1.toString(),
                "--library-m2", heldout2.toString(), "--report", report.toString());
        assertEquals(0, code);
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals(1000, m.path("heldout_rows").asInt());
        for (String key : List.of("accuracy", "roc_auc", "log_loss", "brier", "ece", "count_model1", "count_model2")) {
            assertTrue(m.has(key), key);
        }
        assertEquals(m.path("count").asInt(), m.path("count_model1").asInt() + m.path("count_model2").asInt());
        double accuracy = m.path("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertEquals(10, m.path("reliability").size());
        assertEquals(64, m.path("log10_bayes_factor").path("histogram_true_model1").size());
        for (String scenario : List.of("all_bands", "acs_missing", "f335m_f410m_missing", "random3_missing", "bluest_missing", "reddest_missing")) {
            JsonNode s = m.path("scenarios").path(scenario);
            for (String bin : List.of("all", "snr_ge5", "snr_5_10", "snr_gt10")) {
                assertTrue(s.path("snr_bins").path(bin).has("accuracy"), scenario + " " + bin);
            }
            assertEquals(1000, s.path("snr_bins").path("all").path("count").asInt());
            assertEquals(12, s.path("accuracy_vs_snr").size());
        }
        for (String png : EvidenceReport.PLOTS) {
            PlotAssertions.assertDrawnPlot(report.resolve(png));
        }
        // both true models' histogram outlines, and the first scenario's reliability curve
        PlotAssertions.assertColourDrawn(report.resolve("log10k_histograms.png"), EvidencePlots.MODEL1, 300);
        PlotAssertions.assertColourDrawn(report.resolve("log10k_histograms.png"), EvidencePlots.MODEL2, 300);
        PlotAssertions.assertColourDrawn(report.resolve("reliability.png"), EvidencePlots.SCENARIO_COLORS[0], 200);
        assertTrue(Files.readString(report.resolve("report.md")).contains("## Metrics per masking scenario"));
        assertEquals("jwst.nircam.f444w", m.path("snr_band").asText(), "the default is the reddest band");
        assertTrue(m.path("snr_band_chosen_by").asText().contains("reddest"), m.toString());
    }

    @Test
    void validateEvidenceBinsTheChosenSnrBand() throws Exception {
        Path report = work.resolve("report-f200w");
        int code = new CommandLine(new ValidateEvidenceCommand()).execute("--model", bundle.toString(), "--library-m1", heldout1.toString(),
                "--library-m2", heldout2.toString(), "--report", report.toString(), "--snr-band", "jwst.nircam.f200w");
        assertEquals(0, code);
        JsonNode chosen = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals("jwst.nircam.f200w", chosen.path("snr_band").asText());
        assertEquals("--snr-band", chosen.path("snr_band_chosen_by").asText());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("F200W S/N >= 5") && md.contains("S/N of jwst.nircam.f200w before masking"), md);
        assertFalse(md.contains("F444W"), "nothing is binned in F444W any more");
        // Same galaxies and masks, another band's S/N: the headline subset is a different one.
        Path defaultReport = work.resolve("report-reddest");
        assertEquals(0, new CommandLine(new ValidateEvidenceCommand()).execute("--model", bundle.toString(), "--library-m1",
                heldout1.toString(), "--library-m2", heldout2.toString(), "--report", defaultReport.toString()));
        JsonNode reddest = new ObjectMapper().readTree(defaultReport.resolve("metrics.json").toFile());
        assertEquals(reddest.path("scenarios").path("all_bands").path("snr_bins").path("all").path("accuracy").asDouble(),
                chosen.path("scenarios").path("all_bands").path("snr_bins").path("all").path("accuracy").asDouble(), 1e-12);
        assertNotEquals(reddest.path("count").asInt(), chosen.path("count").asInt());
        int unknown = new CommandLine(new ValidateEvidenceCommand()).execute("--model", bundle.toString(), "--library-m1",
                heldout1.toString(), "--library-m2", heldout2.toString(), "--report", work.resolve("report-x").toString(),
                "--snr-band", "x.nope");
        assertNotEquals(0, unknown);
        assertFalse(Files.exists(work.resolve("report-x").resolve("metrics.json")));
    }

    @Test
    void mismatchedLibrariesAreRefusedWithTheReason() throws Exception {
        String same = assertThrows(IllegalArgumentException.class, () -> EvidenceLibraries.read(train1, heldout1, 0)).getMessage();
        assertTrue(same.contains("same model 'default'"), same);
        Path medium = work.resolve("default-medium-noise");
        simulate("default", "medium", 50, 35, medium);
        String noise = assertThrows(IllegalArgumentException.class, () -> EvidenceLibraries.read(medium, train2, 0)).getMessage();
        assertTrue(noise.contains("different noise models"), noise);
        try (EvidenceNetwork network = EvidenceNetwork.load(bundle)) {
            String swapped = assertThrows(IllegalArgumentException.class,
                    () -> EvidenceValidator.checkCompatible(network.manifest(), EvidenceLibraries.read(heldout2, heldout1, 0))).getMessage();
            assertTrue(swapped.contains("comes from model 'delayed-tau' but the network's model 1 is 'default'"), swapped);
            String reused = assertThrows(IllegalArgumentException.class,
                    () -> EvidenceValidator.checkCompatible(network.manifest(), EvidenceLibraries.read(train1, heldout2, 0))).getMessage();
            assertTrue(reused.contains("the seed of the network's training library"), reused);
        }
        CommandLine cli = new CommandLine(new TrainerCli());
        assertTrue(cli.getSubcommands().containsKey("train-evidence") && cli.getSubcommands().containsKey("validate-evidence"));
    }
}
