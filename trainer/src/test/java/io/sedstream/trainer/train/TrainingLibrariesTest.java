package io.sedstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.testing.SmallSurvey;
import io.sedstream.trainer.library.LibraryManifest;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train --library A --library B}: one network on the union of two forward-model families. */
class TrainingLibrariesTest {

    @TempDir
    static Path work;
    static Path defaultLibrary;
    static Path delayedTauLibrary;
    static Path otherBands;

    @BeforeAll
    static void simulate() throws Exception {
        SmallSurvey four = SmallSurvey.write(work, "four", SmallSurvey.FOUR_BANDS);
        defaultLibrary = four.simulate("default", 600, 51, work.resolve("lib-default"));
        delayedTauLibrary = four.simulate("delayed-tau", 300, 52, work.resolve("lib-delayed-tau"));
        SmallSurvey three = SmallSurvey.write(work, "three", SmallSurvey.FOUR_BANDS[0], SmallSurvey.FOUR_BANDS[1], SmallSurvey.FOUR_BANDS[2]);
        otherBands = three.simulate("default", 50, 53, work.resolve("lib-three"));
    }

    private static TrainingTable table(int rows, double tag) {
        double[] flux = new double[rows];
        double[] theta = new double[rows];
        for (int r = 0; r < rows; r++) {
            flux[r] = tag + r;
            theta[r] = tag + r;
        }
        return new TrainingTable(List.of("b"), List.of("p"), rows, flux, flux.clone(), theta);
    }

    @Test
    void rowsAreInterleavedInProportionSoEveryPrefixHoldsEachShare() {
        TrainingTable u = TrainingTable.interleave(List.of(table(2, 100), table(4, 200)));
        double[] order = new double[u.rows()];
        for (int r = 0; r < u.rows(); r++) {
            order[r] = u.theta(r, 0);
        }
        // positions (r + 1/2) / n: table 1 at 1/4, 3/4; table 2 at 1/8, 3/8, 5/8, 7/8
        assertArrayEquals(new double[] {200, 100, 201, 202, 101, 203}, order);
        TrainingTable big = TrainingTable.interleave(List.of(table(1000, 0), table(3000, 10_000)));
        int fromFirst = 0;
        for (int r = 0; r < 400; r++) {
            fromFirst += big.theta(r, 0) < 10_000 ? 1 : 0;
        }
        assertEquals(100, fromFirst, "a quarter of any prefix comes from the quarter-size table");
        assertThrows(IllegalArgumentException.class, () -> TrainingTable.interleave(List.of(table(2, 0),
                new TrainingTable(List.of("other"), List.of("p"), 1, new double[1], new double[1], new double[1]))));
    }

    @Test
    void aParameterKeepsItsPriorBoundsOnlyWhereEveryLibrarySamplesItInThem() {
        TrainingLibraries both = TrainingLibraries.open(List.of(defaultLibrary, delayedTauLibrary));
        LibraryManifest view = both.parameterView();
        LibraryManifest.Parameter t50 = view.parameters().stream().filter(p -> p.name().equals("t50")).findFirst().orElseThrow();
        assertNull(t50.priorLower(), "t50 is sampled by the default model's prior, derived in delayed-tau");
        LibraryManifest.Parameter z = view.parameters().stream().filter(p -> p.name().equals("redshift")).findFirst().orElseThrow();
        LibraryManifest.Parameter zDefault = both.manifests().get(0).parameters().get(0);
        assertEquals(zDefault.priorLower(), z.priorLower());
        assertEquals(zDefault.priorUpper(), z.priorUpper());
        assertEquals(900, view.n());
        assertEquals(900, both.read(0).rows());
        assertEquals(90, both.read(90).rows());
        assertEquals(List.of(new Provenance.TrainingLibraryId("default", 51), new Provenance.TrainingLibraryId("delayed-tau", 52)),
                both.ids());
        IllegalArgumentException bands = assertThrows(IllegalArgumentException.class,
                () -> TrainingLibraries.open(List.of(defaultLibrary, otherBands)));
        assertTrue(bands.getMessage().contains("one network trains on one filter set"), bands.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingLibraries.open(List.of(defaultLibrary, defaultLibrary)));
    }

    @Test
    void trainOnTwoFamiliesRecordsBothAndValidateRefusesEitherAsHeldOut() throws Exception {
        Path bundle = work.resolve("models/mixed/0.1");
        StringWriter err = new StringWriter();
        CommandLine cl = TrainerCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        int exit;
        try {
            exit = cl.execute("train", "--library", defaultLibrary.toString(), "--library", delayedTauLibrary.toString(),
                    "--out", bundle.toString(), "--members", "1", "--components", "3", "--hidden", "16,16", "--epochs", "2",
                    "--batch", "128", "--threads", "1");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, exit, err.toString());
        try (ModelBundle b = ModelBundle.load(bundle)) {
            Provenance p = b.manifest().provenance();
            assertTrue(p.trainedOn("default", 51) && p.trainedOn("delayed-tau", 52), p.toString());
            assertTrue(p.trainingLibrary().contains("model delayed-tau") && p.trainingLibrary().contains("900 galaxies used"),
                    p.trainingLibrary());
            ParameterSpec t50 = b.manifest().parameters().stream().filter(s -> s.name().equals("t50")).findFirst().orElseThrow();
            assertEquals(ParameterTransform.IDENTITY, t50.transform(), "derived in one family: no logit walls");
            ParameterSpec av = b.manifest().parameters().stream().filter(s -> s.name().equals("log10_av")).findFirst().orElseThrow();
            assertEquals(ParameterTransform.LOGIT, av.transform(), "the same prior box in both: the default logit");
        }
        JsonNode log = new ObjectMapper().readTree(bundle.resolve("training.json").toFile());
        assertEquals(2, log.path("libraries").size());
        StringWriter refusal = new StringWriter();
        CommandLine v = TrainerCli.commandLine();
        v.setErr(new PrintWriter(refusal, true));
        assertNotEquals(0, v.execute("validate", "--model", bundle.toString(), "--library", delayedTauLibrary.toString(),
                "--report", work.resolve("report").toString()));
        assertTrue(refusal.toString().contains("is not held out"), refusal.toString());
    }
}
