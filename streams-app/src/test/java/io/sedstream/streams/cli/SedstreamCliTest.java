package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.streams.testing.FixtureModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SedstreamCliTest {

    private record Run(int exit, String err) { }

    private static Run run(String... args) {
        CommandLine cl = SedstreamCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void badArgumentsExitWithTwoAndNameTheProblem() {
        Run unknown = run("run", "--no-such-flag");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--no-such-flag"), unknown.err());

        Run missing = run("infer", "--model", "x");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--input"), missing.err());

        Run badValue = run("run", "--set", "samples.count=-3", "--model", "x");
        assertEquals(2, badValue.exit());
        assertTrue(badValue.err().contains("samples.count"), badValue.err());

        Run notANumber = run("run", "--threads", "many");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("many"), notANumber.err());

        Run noCommand = run();
        assertEquals(2, noCommand.exit());
    }

    @Test
    void withoutTheToolModuleTheRootOffersExactlyTheServingCommands() {
        // streams-app's classpath is the production distribution's: no demo, bench or trainer commands join.
        assertEquals(List.of("run", "produce", "consume", "infer", "help"), List.copyOf(SedstreamCli.commandLine().getSubcommands().keySet()));
    }

    @Test
    void everyDedicatedFlagComesFromItsConfigKeyAndSetsThatKey() {
        for (io.sedstream.streams.config.ConfigKey k : io.sedstream.streams.config.ConfigKey.values()) {
            if (k.flag().isEmpty()) {
                continue;
            }
            CommandLine cl = SedstreamCli.commandLine();
            String value = k.isBoolean() ? null : "v-" + k.ordinal();
            List<String> args = value == null ? List.of("run", k.flag().get()) : List.of("run", k.flag().get(), value);
            CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
            RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
            assertEquals(Map.of(k.key(), value == null ? "true" : value), run.options.flags(), k.key());
            assertTrue(parsed.subcommand().commandSpec().findOption(k.flag().get()).description()[0].contains(k.envVar()), k.key());
        }
        CommandLine.ParseResult off = SedstreamCli.commandLine().parseArgs("run", "--no-comparison");
        assertEquals(Map.of("comparison.enabled", "false"), ((RunCommand) off.subcommand().commandSpec().userObject()).options.flags());
    }

    @Test
    void runWithoutAModelSaysHowToGiveOne(@TempDir Path empty) {
        Run r = run("run", "--models-root", empty.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no model"), r.err());
    }

    /** Issue 13: a wrong address used to mean endless reconnect warnings; now a bounded wait and a message naming it. */
    @Test
    @org.junit.jupiter.api.Timeout(120) // hang guard only: the command's own bound is 2 s
    void runAgainstAnUnreachableBrokerExitsNamingTheAddress() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run closed = run("run", "--model", FixtureModels.defaultBundle().toString(), "--bootstrap-servers", "127.0.0.1:" + closedPort,
                "--broker-timeout", "2", "--http-port", "-1");
        assertEquals(SedstreamCli.EXIT_UNAVAILABLE, closed.exit(), closed.err());
        assertTrue(closed.err().contains("no Kafka broker answered at 127.0.0.1:" + closedPort + " within 2 s"), closed.err());

        Run unresolvable = run("run", "--model", FixtureModels.defaultBundle().toString(), "--bootstrap-servers",
                "no-such-host.invalid:9092", "--broker-timeout", "2", "--http-port", "-1");
        assertEquals(SedstreamCli.EXIT_UNAVAILABLE, unresolvable.exit(), unresolvable.err());
        assertTrue(unresolvable.err().contains("no-such-host.invalid:9092"), unresolvable.err());

        Run badTimeout = run("run", "--model", FixtureModels.defaultBundle().toString(), "--broker-timeout", "0");
        assertEquals(2, badTimeout.exit());
        assertTrue(badTimeout.err().contains("--broker-timeout"), badTimeout.err());
    }

    @Test
    void runWithComparisonButNoSecondModelStopsAtStartNamingTheKey() {
        Run r = run("run", "--model", FixtureModels.defaultBundle().toString(), "--comparison",
                "--comparison-evidence", FixtureModels.evidenceBundle().toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("comparison.model2") && r.err().contains("--comparison-model2"), r.err());

        Run badOdds = run("run", "--model", FixtureModels.defaultBundle().toString(), "--prior-odds", "0");
        assertEquals(2, badOdds.exit());
        assertTrue(badOdds.err().contains("comparison.prior-odds"), badOdds.err());
    }

    @Test
    void inferWritesOneRowPerInputWithFivePercentileColumnsPerParameter(@TempDir Path dir) throws Exception {
        List<String> bands = FixtureBundleWriter.JADES_GS_14;
        StringBuilder csv = new StringBuilder("id");
        for (String b : bands) {
            csv.append(',').append(b).append("_flux,").append(b).append("_err");
        }
        csv.append(",spec_z\n");
        csv.append("good-1");
        for (int i = 0; i < bands.size(); i++) {
            csv.append(i == 0 ? ",," : ",25.0,2.0");
        }
        csv.append(",\n");
        csv.append("bad-1");
        for (int i = 0; i < bands.size(); i++) {
            csv.append(",25.0,-2.0"); // negative errors: refused, reported, row left empty
        }
        csv.append(",1.5\n");
        Path in = dir.resolve("cat.csv");
        Path out = dir.resolve("post.csv");
        Files.writeString(in, csv);

        Run r = run("infer", "--model", FixtureModels.defaultBundle().toString(), "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        String[] header = lines.get(0).split(",", -1);
        assertEquals(1 + 12 * 5, header.length);
        assertEquals("id", header[0]);
        assertEquals("redshift_mean", header[1]);
        assertEquals("redshift_p84", header[5]);
        assertEquals("beta_uv_p50", header[header.length - 2]);
        String[] good = lines.get(1).split(",", -1);
        assertEquals("good-1", good[0]);
        for (int p = 0; p < 12; p++) {
            double p16 = Double.parseDouble(good[1 + 5 * p + 2]);
            double p50 = Double.parseDouble(good[1 + 5 * p + 3]);
            double p84 = Double.parseDouble(good[1 + 5 * p + 4]);
            assertTrue(p16 <= p50 && p50 <= p84, header[1 + 5 * p] + " percentiles out of order");
        }
        String[] bad = lines.get(2).split(",", -1);
        assertEquals("bad-1", bad[0]);
        assertEquals("", bad[1]);
    }
}
