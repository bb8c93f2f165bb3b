package io.sedstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.RedshiftSource;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.testing.SmallSurvey;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code train --redshift-input}: a network that reads the true redshift as a feature and infers the
 * other parameters; the bundle it writes is served (a specZ required) and validated at the truth.
 */
class RedshiftInputTrainingTest {

    @TempDir
    static Path work;
    static Path library;
    static Path heldout;
    static Path bundle;
    static String trainErr;

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        SmallSurvey survey = SmallSurvey.write(work, "four", SmallSurvey.FOUR_BANDS);
        library = survey.simulate("default", 1200, 41, work.resolve("train-lib"));
        heldout = survey.simulate("default", 300, 42, work.resolve("heldout-lib"));
        bundle = work.resolve("models/zin/0.1");
        StringWriter err = new StringWriter();
        CommandLine cl = TrainerCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        System.setErr(new PrintStream(progress, true));
        int exit;
        try {
            exit = cl.execute("train", "--library", library.toString(), "--out", bundle.toString(), "--redshift-input",
                    "--members", "1", "--components", "3", "--hidden", "16,16", "--epochs", "2", "--batch", "128", "--threads", "1");
        } finally {
            System.setErr(stderr);
        }
        trainErr = err + progress.toString();
        assertEquals(0, exit, trainErr);
    }

    @Test
    void theBundleTakesRedshiftAsItsLastFeatureAndDoesNotInferIt() throws Exception {
        TrainingTable t = LibraryTables.read(library, 0);
        try (Estimator estimator = Estimator.load(bundle)) {
            FeatureSpec features = estimator.manifest().features();
            assertTrue(features.redshiftInput());
            assertEquals(FeatureEncoder.featureCount(4, true), features.means().size());
            List<String> expected = new ArrayList<>(t.parameterNames());
            expected.remove("redshift");
            assertEquals(expected, estimator.manifest().parameters().stream().map(p -> p.name()).toList());
            // The redshift feature is standardised on the training library's true redshifts.
            double[] z = t.column("redshift");
            double mean = java.util.Arrays.stream(z).average().orElseThrow();
            assertEquals(mean, features.means().get(FeatureEncoder.redshiftIndex(4)), 1e-9);
            assertTrue(estimator.manifest().provenance().trainingLibrary().contains("redshift is an input"),
                    estimator.manifest().provenance().trainingLibrary());
        }
        JsonNode log = new ObjectMapper().readTree(bundle.resolve("training.json").toFile());
        assertTrue(log.path("config").path("redshift_input").asBoolean(false), log.path("config").toString());
        assertTrue(trainErr.contains("(redshift an input)"), trainErr);
    }

    @Test
    void trainingRowsCarryEachGalaxysTrueRedshift() {
        TrainingTable full = LibraryTables.read(library, 50);
        double[] z = full.column("redshift");
        TrainingTable rest = full.withoutParameter("redshift");
        assertEquals(full.parameterCount() - 1, rest.parameterCount());
        assertFalse(rest.parameterNames().contains("redshift"));
        ModelPreparation prep = ModelPreparation.fit(rest, io.sedstream.trainer.library.LibraryReader.open(library).manifest(),
                java.util.Set.of(), z);
        FeatureEncoder encoder = prep.encoder();
        LibraryBatchSource source = new LibraryBatchSource(rest, encoder, prep.parameters(), BandDropout.none(), z);
        int f = source.featureCount();
        int[] rows = {7, 3, 11};
        float[] features = new float[rows.length * f];
        float[] theta = new float[rows.length * rest.parameterCount()];
        source.fill(rows, 0, rows.length, features, theta, new SplittableRandom(1), false);
        int zi = FeatureEncoder.redshiftIndex(4);
        double zMean = prep.features().means().get(zi);
        double zStd = prep.features().stds().get(zi);
        for (int i = 0; i < rows.length; i++) {
            assertEquals((z[rows[i]] - zMean) / zStd, features[i * f + zi], 1e-5, "row " + rows[i]);
        }
        assertNotEquals(features[zi], features[f + zi], "different galaxies, different redshift features");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new LibraryBatchSource(rest, encoder, prep.parameters(), BandDropout.none(), null));
        assertTrue(missing.getMessage().contains("no redshifts were given"), missing.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> ModelPreparation.fit(full, io.sedstream.trainer.library.LibraryReader.open(library).manifest(), java.util.Set.of(), z));
        assertTrue(both.getMessage().contains("cannot also infer redshift"), both.getMessage());
    }

    @Test
    void servingNeedsTheSpectroscopicRedshiftAndMarksTheOutputSpectroscopic() throws Exception {
        TrainingTable t = LibraryTables.read(heldout, 3);
        try (Estimator estimator = Estimator.load(bundle)) {
            List<BandFlux> photometry = new ArrayList<>();
            for (int b = 0; b < t.bandCount(); b++) {
                photometry.add(BandFlux.observed(t.bandNames().get(b), t.flux(0, b), t.fluxErr(0, b)));
            }
            double z = t.theta(0, t.parameterIndex("redshift"));
            PosteriorResult r = estimator.estimate(photometry, z, EstimateOptions.summariesOnly());
            assertEquals(RedshiftSource.SPECTROSCOPIC, r.redshiftSource());
            assertEquals(t.parameterCount() - 1, r.parameters().size());
            assertTrue(r.parameters().stream().allMatch(p -> Double.isFinite(p.median())), r.parameters().toString());
            InvalidPhotometryException none = assertThrows(InvalidPhotometryException.class,
                    () -> estimator.estimate(photometry, null, EstimateOptions.summariesOnly()));
            assertEquals(InvalidPhotometryException.Reason.MISSING_REDSHIFT, none.reason());
        }
    }

    @Test
    void validateGivesEachGalaxyItsTrueRedshiftAndRefusesToConditionOnIt() throws Exception {
        Path report = work.resolve("report");
        StringWriter err = new StringWriter();
        CommandLine cl = TrainerCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("validate", "--model", bundle.toString(), "--library", heldout.toString(), "--report",
                report.toString()), err.toString());
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        JsonNode params = m.path("scenarios").path("all_bands").path("parameters");
        assertFalse(params.has("redshift"), "redshift is an input, not a metric: " + params);
        assertTrue(Double.isFinite(params.path("log10_surviving_mass").path("r2").asDouble(Double.NaN)), params.toString());
        assertTrue(Files.readString(report.resolve("report.md")).contains("takes redshift as an input"));
        assertFalse(Files.exists(report.resolve("photoz.png")), "no photo-z plot for a model that does not infer redshift");

        StringWriter refusal = new StringWriter();
        CommandLine again = TrainerCli.commandLine();
        again.setErr(new PrintWriter(refusal, true));
        int exit = again.execute("validate", "--model", bundle.toString(), "--library", heldout.toString(), "--report",
                work.resolve("report-2").toString(), "--condition-on-true-redshift");
        assertNotEquals(0, exit);
        assertTrue(refusal.toString().contains("takes redshift as an input"), refusal.toString());
    }
}
