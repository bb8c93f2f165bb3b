package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ToolCommandsTest {

    private record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cl = SedstreamCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void oneRootHoldsTheServingToolAndTrainerCommands() {
        Set<String> commands = SedstreamCli.commandLine().getSubcommands().keySet();
        assertTrue(commands.containsAll(List.of("run", "produce", "consume", "infer", "demo", "bench", "simulate", "preview", "train",
                "validate", "train-evidence", "validate-evidence", "survey-model", "mock-catalogue", "help")), commands.toString());
        Set<String> bench = SedstreamCli.commandLine().getSubcommands().get("bench").getSubcommands().keySet();
        assertEquals(Set.of("simulate", "train", "compare-sampler"), bench);

        Run help = run("--help");
        assertEquals(0, help.exit());
        for (String c : List.of("demo", "bench", "simulate", "validate-evidence", "infer")) {
            assertTrue(help.out().contains("  " + c + " "), "--help lists " + c + ":\n" + help.out());
        }
    }

    @Test
    void badArgumentsOfToolAndTrainerCommandsExitWithTwoAndNameTheProblem() {
        Run unknown = run("demo", "--no-such-flag");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--no-such-flag"), unknown.err());

        Run notANumber = run("demo", "--galaxies", "many");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("many"), notANumber.err());

        Run benchSource = run("bench", "--source", "nowhere");
        assertEquals(2, benchSource.exit());
        assertTrue(benchSource.err().contains("--source"), benchSource.err());

        // The trainer's own rule: a missing library is the user's to fix, one line, exit 2.
        Run noLibrary = run("validate", "--model", "no/such/model", "--library", "no/such/library");
        assertEquals(2, noLibrary.exit(), noLibrary.err());
        assertTrue(noLibrary.err().startsWith("sedstream validate: "), noLibrary.err());
    }
}
