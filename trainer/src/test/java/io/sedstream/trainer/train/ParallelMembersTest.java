package io.sedstream.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.export.BundleExporter;
import io.sedstream.trainer.simulate.LibrarySimulator;
import io.sedstream.trainer.simulate.NoiseModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --parallel-members}: members trained in child JVMs are the members the sequential
 * loop trains (same seeds, same split, bit for bit at one intra-op thread), a failing child fails
 * the run with the member and the cause, and a bad option value is refused by name.
 */
class ParallelMembersTest {

    @TempDir
    static Path work;
    static Path library;

    @BeforeAll
    static void simulate() {
        ForwardModel model = ForwardModel.load("default", "jades-gs-14", DataRoot.resolve());
        library = work.resolve("lib");
        LibrarySimulator.run(model, NoiseModels.resolve("deep", model.bandNames(), library),
                new LibrarySimulator.Settings(3000, 31, 1, 1000, 0, false), library, new PrintStream(OutputStream.nullOutputStream()));
    }

    private static TrainingRun.Settings settings(Path out, int parallel) {
        TrainingConfig config = new TrainingConfig(3, 128, 2e-3, 5.0, 0.1, 5, 77L, Duration.ofMinutes(2), 3, 0.5);
        return new TrainingRun.Settings(library, 0, out, new BundleExporter.BundleIdentity("tiny", "0.1", "parallel members test"),
                2, 4, new int[]{32, 32}, Activation.SILU, config, null, 1, "default", parallel);
    }

    @Test
    void childJvmMembersEqualTheSequentialMembersBitForBit() throws Exception {
        TrainingRun.Outcome sequential = TrainingRun.run(settings(work.resolve("seq"), 1), line -> { });
        List<String> log = new ArrayList<>();
        TrainingRun.Outcome parallel = TrainingRun.run(settings(work.resolve("par"), 2), log::add);

        assertEquals(2, parallel.members().size());
        for (int m = 0; m < 2; m++) {
            TrainedMember a = sequential.members().get(m);
            TrainedMember b = parallel.members().get(m);
            assertEquals(m, b.member());
            assertEquals(EnsembleTrainer.memberSeed(77L, m), b.seed());
            assertEquals(a.seed(), b.seed());
            assertEquals(a.bestEpoch(), b.bestEpoch());
            assertEquals(a.bestValidationLoss(), b.bestValidationLoss(), 0.0, "member " + m);
            assertEquals(a.history().size(), b.history().size());
            List<DenseLayer> la = a.weights().layers();
            List<DenseLayer> lb = b.weights().layers();
            assertEquals(la.size(), lb.size());
            for (int l = 0; l < la.size(); l++) {
                // Same seed, same data, one intra-op thread in both processes: PyTorch's CPU kernels give identical floats.
                assertArrayEquals(la.get(l).weightOutIn(), lb.get(l).weightOutIn(), 0f, "member " + m + " layer " + l);
                assertArrayEquals(la.get(l).bias(), lb.get(l).bias(), 0f, "member " + m + " layer " + l);
            }
        }
        assertTrue(parallel.parityMaxAbsDifference() < 1e-4, "parity " + parallel.parityMaxAbsDifference());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("member 1: member 1 epoch   3")), "child progress forwarded: " + log);

        JsonNode training = new ObjectMapper().readTree(work.resolve("par/training.json").toFile());
        assertEquals(2, training.path("config").path("parallel_members").asInt());
        assertEquals(1, training.path("config").path("member_intra_op_threads").asInt());
        double mean = training.path("mean_rows_per_second").asDouble();
        double aggregate = training.path("aggregate_rows_per_second").asDouble();
        // Both members ran at once: the aggregate is the sum of their mean rates, about twice the mean.
        assertEquals(TrainingRun.meanRowsPerSecond(parallel.members().subList(0, 1))
                + TrainingRun.meanRowsPerSecond(parallel.members().subList(1, 2)), aggregate, 1e-6 * aggregate);
        assertTrue(aggregate > mean, aggregate + " vs " + mean);
    }

    @Test
    void aFailingChildFailsTheRunNamingTheMemberAndTheCause() {
        StringWriter err = new StringWriter();
        CommandLine cl = trainerCli(err);
        // An absurd learning rate makes the first Adam steps blow the weights up: every member diverges in epoch 1.
        int code = cl.execute("train", "--library", library.toString(), "--out", work.resolve("diverged").toString(),
                "--members", "2", "--parallel-members", "2", "--threads", "1", "--hidden", "16", "--components", "2",
                "--epochs", "2", "--batch", "256", "--lr", "1e12", "--clip", "1e30");
        String text = err.toString();
        assertEquals(2, code, text);
        assertTrue(text.matches("(?s).*member [01] failed in its child JVM \\(exit code 2\\).*"), text);
        assertTrue(text.contains("training diverged in member"), text);
        assertTrue(!Files.exists(work.resolve("diverged/manifest.json")), "no bundle from a failed run");
    }

    @Test
    void parallelMembersAndProcessesBelowOneAreRefusedByName() {
        StringWriter err = new StringWriter();
        int code = trainerCli(err).execute("train", "--library", library.toString(), "--out", work.resolve("x").toString(),
                "--parallel-members", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--parallel-members must be >= 1, got 0"), err.toString());

        StringWriter benchErr = new StringWriter();
        assertEquals(2, trainerCli(benchErr).execute("bench", "train", "--processes", "-1"));
        assertTrue(benchErr.toString().contains("--processes must be >= 1, got -1"), benchErr.toString());
    }

    @Test
    void aMemberJobCarriesEverySettingToTheChild() throws Exception {
        TrainingConfig config = new TrainingConfig(17, 333, 3.5e-4, 2.25, 0.15, 9, -1234567890123L, Duration.ofMillis(98765), 4, 0.3);
        BandDropout dropout = new BandDropout(0.07, 0.4, 3, List.of(new BandDropout.Group("odd", new int[]{1, 3, 5}, 0.35)));
        TrainingRun.Settings s = new TrainingRun.Settings(List.of(library), 1500, null, null, 3, 6, new int[]{48, 24}, Activation.TANH, config,
                dropout, 1, "t50,log10_av", 1, true);
        Path file = work.resolve("job.json");
        new MemberJob(s, 2, 123.456, work.resolve("member-2.bin")).write(file);
        MemberJob back = MemberJob.read(file);
        TrainingRun.Settings r = back.settings();
        assertEquals(2, back.member());
        assertEquals(123.456, back.wallSeconds());
        assertEquals(work.resolve("member-2.bin").toAbsolutePath(), back.result());
        assertEquals(List.of(library.toAbsolutePath()), r.libraries());
        assertEquals(config, r.training());
        assertEquals(dropout.toString(), r.dropout().toString());
        assertArrayEquals(new int[]{48, 24}, r.hidden());
        assertEquals(List.of(1500L, 3, 6, 1, 1), List.of(r.maxRows(), r.members(), r.components(), r.threads(), r.parallelMembers()));
        assertEquals(Activation.TANH, r.activation());
        assertEquals("t50,log10_av", r.logitParameters());
        assertTrue(r.redshiftInput(), "a redshift-input run stays one in the child");
        new MemberJob(s.forChild(1), 0, 1.0, work.resolve("member-0.bin")).write(file);
        assertTrue(MemberJob.read(file).settings().redshiftInput(), "forChild keeps the flag");
    }

    private static CommandLine trainerCli(StringWriter err) {
        CommandLine cl = TrainerCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }
}
