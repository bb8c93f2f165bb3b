package io.sedstream.trainer.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.export.BundleExporter;
import io.sedstream.trainer.train.TrainingConfig;
import io.sedstream.trainer.testing.PlotAssertions;
import io.sedstream.trainer.testing.SmallSurvey;
import io.sedstream.trainer.train.TrainingRun;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code validate} on a filter set without F444W: the S/N band is the set's reddest unless chosen; an empty selection fails. */
class ValidateAnyFilterSetTest {

    @TempDir
    static Path work;
    static Path heldout;
    static Path bundle;

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        // F150W before F814W in the file: the selection band is the reddest by pivot wavelength, not the last line.
        SmallSurvey survey = SmallSurvey.write(work, "four", SmallSurvey.FOUR_BANDS[0], SmallSurvey.FOUR_BANDS[1], SmallSurvey.FOUR_BANDS[3],
                SmallSurvey.FOUR_BANDS[2]);
        Path library = survey.simulate("default", 1500, 31, work.resolve("train-lib"));
        heldout = survey.simulate("default", 300, 32, work.resolve("heldout-lib"));
        bundle = work.resolve("models/four/0.1");
        TrainingConfig config = new TrainingConfig(2, 128, 2e-3, 5.0, 0.1, 5, 21L, Duration.ofMinutes(1), 3, 0.5);
        TrainingRun.run(new TrainingRun.Settings(library, 0, bundle, new BundleExporter.BundleIdentity("four", "0.1", "validate test"),
                1, 3, new int[] {16, 16}, Activation.SILU, config, null, 1, "default", 1), s -> { });
    }

    private record Run(int exit, String err) { }

    private static Run validate(Path report, String... more) {
        CommandLine cl = TrainerCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("validate", "--model", bundle.toString(), "--library", heldout.toString(),
                "--report", report.toString()));
        args.addAll(List.of(more));
        return new Run(cl.execute(args.toArray(String[]::new)), err.toString());
    }

    @Test
    void theDefaultSelectionBandIsTheReddestAndIsWrittenInTheReport() throws Exception {
        Path report = work.resolve("report-default");
        Run r = validate(report);
        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals("y.f150w", m.path("snr_band").asText(), "F150W has the largest pivot wavelength of the four");
        assertEquals(5.0, m.path("snr_min").asDouble());
        assertTrue(m.path("snr_band_chosen_by").asText().contains("reddest"), m.toString());
        assertTrue(m.path("count").asInt() > 0, "the headline selection is not empty");
        assertTrue(m.path("scenarios").path("all_bands").path("snr_bins").has("snr_5_10"));
        assertTrue(Files.readString(report.resolve("report.md")).contains("F150W S/N >= 5"));
        for (String png : ReportPlots.FILES) {
            PlotAssertions.assertDrawnPlot(report.resolve(png));
        }
        // the data layers themselves: the y = x line over the scatter, the SBC bars, the first scenario's TARP curve
        PlotAssertions.assertColourDrawn(report.resolve("truth_vs_median.png"), Color.RED, 200);
        PlotAssertions.assertColourDrawn(report.resolve("sbc.png"), ReportPlots.SBC_BAR, 2000);
        PlotAssertions.assertColourDrawn(report.resolve("tarp.png"), ReportPlots.SCENARIO_COLORS[0], 300);
    }

    @Test
    void onlyTheScenariosThisFilterSetCanHaveAreRunAndJudged() throws Exception {
        Path report = work.resolve("report-scenarios");
        Run r = validate(report);
        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        JsonNode scenarios = m.path("scenarios");
        // x.* names: no hst.acs.* band and no NIRCam medium band, though three curves are ACS ones.
        assertFalse(scenarios.path("acs_missing").path("applicable").asBoolean(true));
        assertEquals("not applicable to this filter set (no hst.acs.* bands)", scenarios.path("acs_missing").path("not_applicable").asText());
        assertFalse(scenarios.path("acs_missing").has("count"), "no figures for a scenario that did not run");
        assertFalse(scenarios.path("f335m_f410m_missing").path("applicable").asBoolean(true));
        assertTrue(scenarios.path("f335m_f410m_missing").path("not_applicable").asText().contains("no F335M or F410M band"));
        double allR2 = scenarios.path("all_bands").path("parameters").path("log10_formed_mass").path("r2").asDouble();
        for (String generic : List.of("bluest_missing", "reddest_missing", "random3_missing")) {
            JsonNode s = scenarios.path(generic);
            assertTrue(s.path("applicable").asBoolean(false), generic);
            assertEquals(m.path("count").asInt(), s.path("count").asInt(), "the selection is on the unmasked S/N");
            double r2 = s.path("parameters").path("log10_formed_mass").path("r2").asDouble();
            assertTrue(Double.isFinite(r2) && r2 != allR2, generic + " repeats the all-bands figure " + allR2);
        }
        assertEquals("bluest band missing (x.f435w)", scenarios.path("bluest_missing").path("label").asText());
        assertEquals("reddest band missing (y.f150w)", scenarios.path("reddest_missing").path("label").asText());
        int notApplicable = 0;
        for (JsonNode t : m.path("targets")) {
            String target = t.path("target").asText();
            boolean maskedBands = target.contains("ACS") || target.contains("F335M");
            assertEquals(!maskedBands, t.path("applicable").asBoolean(), target);
            if (maskedBands) {
                assertFalse(t.path("met").asBoolean(true), "never met on a scenario that did not run: " + target);
                notApplicable++;
            }
        }
        assertEquals(2, notApplicable);
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("## all ACS bands missing\n\nnot applicable to this filter set (no hst.acs.* bands)."), md);
        assertTrue(md.contains("## reddest band missing (y.f150w)"), md);
    }

    @Test
    void theBandAndCutAreOptions() throws Exception {
        Path report = work.resolve("report-chosen");
        Run r = validate(report, "--snr-band", "x.f435w", "--snr-min", "3");
        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals("x.f435w", m.path("snr_band").asText());
        assertEquals("--snr-band", m.path("snr_band_chosen_by").asText());
        JsonNode bins = m.path("scenarios").path("all_bands").path("snr_bins");
        assertTrue(bins.has("snr_ge3") && bins.has("snr_3_6") && bins.has("snr_gt6"), bins.toString());
        Run unknown = validate(work.resolve("report-unknown"), "--snr-band", "jwst.nircam.f444w");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("'jwst.nircam.f444w' is not a band of the held-out library"), unknown.err());
    }

    @Test
    void anEmptySelectionIsAnErrorAndWritesNothing() {
        Path report = work.resolve("report-empty");
        Run r = validate(report, "--snr-min", "1e9");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no held-out galaxy has all bands and y.f150w S/N >= 1.0E9"), r.err());
        assertFalse(Files.exists(report.resolve("metrics.json")));
    }
}
