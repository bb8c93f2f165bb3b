package io.sedstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainerCliTest {

    @TempDir
    Path tmp;

    private static String run(CommandLine cl, int expectedExit, String... args) {
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(expectedExit, cl.execute(args), () -> "stderr: " + err);
        return err.toString();
    }

    @Test
    void badValueExitsWithUsageCodeAndNamesTheOption() {
        String err = run(TrainerCli.commandLine(), TrainerCli.EXIT_USAGE,
                "simulate", "--n", "-5", "--seed", "1", "--out", tmp.resolve("lib").toString());
        assertTrue(err.contains("--n must be >= 1"), err);
        assertTrue(!err.contains("\tat "), "no stack trace for a user error: " + err);
    }

    @Test
    void unparsableNumberIsRefusedByTheParser() {
        String err = run(TrainerCli.commandLine(), TrainerCli.EXIT_USAGE,
                "simulate", "--n", "many", "--out", tmp.resolve("lib").toString());
        assertTrue(err.contains("many"), err);
    }
}
