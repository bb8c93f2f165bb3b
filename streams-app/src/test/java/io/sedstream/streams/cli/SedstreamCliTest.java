package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.streams.testing.FixtureModels;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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

    /** Runs the CLI capturing System.err too (the commands report rows there). */
    private static Run runCapturing(String... args) {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Run r = run(args);
            return new Run(r.exit(), r.err() + captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    private static String header() {
        StringBuilder csv = new StringBuilder("id");
        for (String b : FixtureBundleWriter.JADES_GS_14) {
            csv.append(',').append(b).append("_flux,").append(b).append("_err");
        }
        return csv.toString();
    }

    private static String fluxes(double flux) {
        return (",%s,2.0".formatted(flux)).repeat(FixtureBundleWriter.JADES_GS_14.size());
    }

    private static List<CSVRecord> readCsv(Path f) throws Exception {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(f))) {
            return p.getRecords();
        }
    }

    private Run infer(Path in, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("infer", "--model", FixtureModels.defaultBundle().toString(), "--input",
                in.toString(), "--output", out.toString()));
        args.addAll(List.of(more));
        return runCapturing(args.toArray(String[]::new));
    }

    @Test
    void inferCorrectsTheCatalogueByTheZeroPointOffsetsItIsGiven(@TempDir Path dir) throws Exception {
        // +0.75 mag in every band is a factor 10^0.3 in flux and error: the same posteriors as the scaled catalogue read plainly.
        double factor = Math.pow(10, 0.3);
        Path plain = dir.resolve("plain.csv");
        Path scaled = dir.resolve("scaled.csv");
        Files.writeString(plain, header() + "\ng1" + fluxes(25.0) + "\n");
        Files.writeString(scaled, header() + "\ng1" + (",%s,%s".formatted(25.0 * factor, 2.0 * factor)).repeat(FixtureBundleWriter.JADES_GS_14.size()) + "\n");
        StringBuilder json = new StringBuilder("{\"offsets_mag\": {");
        for (int b = 0; b < FixtureBundleWriter.JADES_GS_14.size(); b++) {
            json.append(b == 0 ? "" : ", ").append('"').append(FixtureBundleWriter.JADES_GS_14.get(b)).append("\": 0.75");
        }
        Path offsets = dir.resolve("zp.json");
        Files.writeString(offsets, json.append("}}").toString());

        Run corrected = infer(plain, dir.resolve("corrected.csv"), "--zero-point-offsets", offsets.toString());
        assertEquals(0, corrected.exit(), corrected.err());
        assertTrue(corrected.err().contains("zero-point offsets applied (mag)"), corrected.err());
        Run reference = infer(scaled, dir.resolve("reference.csv"));
        assertEquals(0, reference.exit(), reference.err());
        CSVRecord a = readCsv(dir.resolve("corrected.csv")).get(0);
        CSVRecord b = readCsv(dir.resolve("reference.csv")).get(0);
        int compared = 0;
        for (String column : a.toMap().keySet()) {
            if (column.endsWith("_p50") || column.endsWith("_std")) {
                assertEquals(Double.parseDouble(b.get(column)), Double.parseDouble(a.get(column)), 1e-9 * (1 + Math.abs(Double.parseDouble(b.get(column)))), column);
                compared++;
            }
        }
        assertEquals(24, compared, "12 parameters' medians and sds");

        Path avro = dir.resolve("records.avro");
        Files.writeString(avro, "");
        Run avroProduce = runCapturing("produce", "--bootstrap-servers", "localhost:1", "--input", avro.toString(), "--zero-point-offsets",
                offsets.toString());
        assertNotEquals(0, avroProduce.exit());
        assertTrue(avroProduce.err().contains("--zero-point-offsets corrects catalogue rows"), avroProduce.err());

        Files.writeString(offsets, "{\"offsets_mag\": {\"lsst.u\": 0.1}}");
        Run foreign = infer(plain, dir.resolve("never.csv"), "--zero-point-offsets", offsets.toString());
        assertNotEquals(0, foreign.exit());
        assertTrue(foreign.err().contains("has bands the catalogue does not: [lsst.u]"), foreign.err());
    }

    @Test
    void inferWritesTheWholeSummaryForEveryRowAndRefusesBadRowsOneByOne(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFF" + header().replace("id,", "id,ra,dec,") + ",z_spec\n");
        csv.append("\"good, 1\",53.1,-27.8,,").append(fluxes(25.0).substring(",25.0,2.0".length())).append(",\n");
        csv.append("bad-1,53.2,-27.8").append(fluxes(25.0).replace("2.0", "-2.0")).append(",1.5\n"); // negative errors
        csv.append("abc-1,53.3,-27.8").append(fluxes(25.0).replaceFirst("25.0", "abc")).append(",\n");
        csv.append("nan-1,53.4,-27.8").append(fluxes(25.0).replaceFirst("25.0", "nan").replaceFirst("25.0", "NaN")).append(",\n");
        csv.append("far-z,53.5,-27.8").append(fluxes(25.0)).append(",25\n");
        csv.append("short,53.6,-27.8,25.0\n");
        Path in = dir.resolve("cat.csv");
        Path out = dir.resolve("post.csv");
        Files.writeString(in, csv);

        Run r = infer(in, out);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("columns ignored (not id, band or spec-z): [ra, dec]"), r.err());
        assertTrue(r.err().contains("6 rows: 2 posteriors, 4 refused"), r.err());
        List<CSVRecord> rows = readCsv(out);
        assertEquals(6, rows.size());
        assertEquals(5 + 12 * 8 + 11, rows.get(0).size());
        CSVRecord good = rows.get(0);
        assertEquals("good, 1", good.get("id"));
        assertEquals("ok", good.get("status"));
        for (String p : List.of("redshift", "log10_surviving_mass")) {
            double[] q = java.util.stream.Stream.of("p2_5", "p16", "p50", "p84", "p97_5").mapToDouble(s -> Double.parseDouble(good.get(p + "_" + s)))
                    .toArray();
            for (int i = 1; i < q.length; i++) {
                assertTrue(q[i - 1] <= q[i], p + " percentiles out of order");
            }
            Double.parseDouble(good.get(p + "_mode"));
        }
        assertEquals("jwst.nircam.f444w", good.get("bands_used").split(";")[12]);
        assertEquals(FixtureBundleWriter.JADES_GS_14.get(0), good.get("bands_masked"));
        assertEquals("13", good.get("bands_detected"));
        assertEquals("true", good.get("fixture_model"));
        assertEquals("refused", rows.get(1).get("status"));
        assertTrue(rows.get(1).get("reason").startsWith("NON_POSITIVE_ERROR"), rows.get(1).get("reason"));
        assertEquals("", rows.get(1).get("redshift_mean"));
        assertTrue(rows.get(2).get("reason").contains("value 'abc' is not a number"), rows.get(2).get("reason"));
        assertEquals("3", rows.get(2).get("row"));
        assertEquals("ok", rows.get(3).get("status"), "nan and NaN are both a missing band");
        assertTrue(rows.get(3).get("bands_masked").split(";").length == 2, rows.get(3).get("bands_masked"));
        assertTrue(rows.get(4).get("reason").startsWith("SPEC_Z_OUTSIDE_PRIOR: spec_z 25.0 is outside the model's redshift prior [0.01, 14.0]"),
                rows.get(4).get("reason"));
        assertTrue(rows.get(5).get("reason").contains("4 fields but the header has 32 (short row: nothing is padded)"), rows.get(5).get("reason"));
    }

    /** Issue 13's reproduction through infer with the shipped model: flagged or refused with the reason, never contradictory. */
    @Test
    void inferFlagsOrRefusesOutOfDistributionPhotometryWithTheShippedModel(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder(header()).append('\n');
        for (String[] row : new String[][] {{"flat-50", "50", "10"}, {"flat-120", "120", "10"}, {"zero-err-20", "0", "20"}}) {
            csv.append(row[0]).append((",%s,%s".formatted(row[1], row[2])).repeat(FixtureBundleWriter.JADES_GS_14.size())).append('\n');
        }
        Path in = dir.resolve("ood.csv");
        Path out = dir.resolve("ood-post.csv");
        Files.writeString(in, csv);
        Run r = runCapturing("infer", "--model", "../models/default/1.2.0", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<CSVRecord> rows = readCsv(out);
        for (CSVRecord row : rows.subList(0, 2)) {
            assertEquals("ok", row.get("status"), row.toString());
            assertTrue(List.of(row.get("quality_flags").split(";")).contains("POSTERIOR_OUTSIDE_PRIOR_BOX"), row.toString());
            assertEquals("photometric", row.get("redshift_source"));
            double misfitP = Double.parseDouble(row.get("misfit_p_value")); // the shipped bundle has a misfit model
            assertTrue(misfitP >= 0 && misfitP <= 1, row.toString());
            double std = Double.parseDouble(row.get("redshift_std"));
            double width = Double.parseDouble(row.get("redshift_p97_5")) - Double.parseDouble(row.get("redshift_p2_5"));
            assertTrue(std > 0 && std < 7 && width > 0, "redshift std " + std + " beside a 95% width " + width);
        }
        assertEquals("refused", rows.get(2).get("status"));
        assertTrue(rows.get(2).get("reason").startsWith("INFERENCE_FAILED: POSTERIOR_DEGENERATE"), rows.get(2).get("reason"));
    }

    @Test
    void inferWritesTheStreamsAvroRecordsWhenAskedTo(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cat.csv");
        Files.writeString(in, header() + "\na" + fluxes(30.0) + "\nb" + fluxes(-1.0).replace("2.0", "0") + "\nc" + fluxes(12.0) + "\n");
        Path out = dir.resolve("post.avro");
        Run r = infer(in, out);
        assertEquals(0, r.exit(), r.err());
        List<io.sedstream.schemas.PosteriorSummary> back = new java.util.ArrayList<>();
        try (var reader = new org.apache.avro.file.DataFileReader<>(out.toFile(),
                new org.apache.avro.specific.SpecificDatumReader<>(io.sedstream.schemas.PosteriorSummary.class))) {
            reader.forEach(back::add);
        }
        assertEquals(List.of("a", "c"), back.stream().map(s -> s.getObjectId()).toList());
        assertEquals(12, back.get(0).getParameters().size());
        assertEquals(3, back.get(1).getInputOffset());
        List<CSVRecord> refused = readCsv(dir.resolve("post.avro.refused.csv"));
        assertEquals(1, refused.size());
        assertEquals("b", refused.get(0).get("id"));
        assertTrue(refused.get(0).get("reason").startsWith("NON_POSITIVE_ERROR"));
    }

    @Test
    void inferNeverOverwritesItsInputWhateverThePathLooksLike(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cat.csv");
        String catalogue = header() + "\na" + fluxes(30.0) + "\n";
        Files.writeString(in, catalogue);
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, in);
        for (Path same : List.of(in, dir.resolve(".").resolve("cat.csv"), dir.resolve("sub").resolve("..").resolve("cat.csv"), link)) {
            Files.createDirectories(dir.resolve("sub"));
            Run r = infer(in, same);
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("is the same file as --input") && r.err().contains("refusing to overwrite"), r.err());
            assertEquals(catalogue, Files.readString(in));
        }
    }

    @Test
    void inferReportsUnusableOutputsEncodingsAndHeadersClearly(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cat.csv");
        Files.writeString(in, header() + "\na" + fluxes(30.0) + "\n");
        Run noDir = infer(in, dir.resolve("missing").resolve("post.csv"));
        assertEquals(2, noDir.exit(), noDir.err());
        assertTrue(noDir.err().contains("does not exist (create it first)") && !noDir.err().contains("\tat "), noDir.err());

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, (header() + "\nM\u00e9nard" + fluxes(30.0) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("post.csv");
        Run bad = infer(latin1, out);
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("not valid UTF-8") && !bad.err().contains("\tat "), bad.err());
        assertTrue(!Files.exists(out), "nothing is left behind");
        assertEquals(0, infer(latin1, out, "--encoding", "ISO-8859-1").exit());
        assertEquals("M\u00e9nard", readCsv(out).get(0).get("id"));

        Path dup = dir.resolve("dup.csv");
        Files.writeString(dup, header() + ",jwst.nircam.f444w_flux\na" + fluxes(30.0) + ",31\n");
        Run dupRun = infer(dup, dir.resolve("dup-out.csv"));
        assertEquals(2, dupRun.exit(), dupRun.err());
        assertTrue(dupRun.err().contains("'jwst.nircam.f444w_flux' appears twice"), dupRun.err());

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, header() + ",euclid.vis_flux,euclid.vis_err\na" + fluxes(30.0) + ",40,2\n");
        Path unknownOut = dir.resolve("unknown-out.csv");
        Run unknownRun = infer(unknown, unknownOut);
        assertEquals(0, unknownRun.exit(), unknownRun.err());
        assertTrue(unknownRun.err().contains("bands the model does not know, ignored") && unknownRun.err().contains("euclid.vis"),
                unknownRun.err());
        assertEquals("euclid.vis", readCsv(unknownOut).get(0).get("unknown_bands_ignored"));
    }

    @Test
    void produceRefusesABadAddressAndAClosedPortWithinItsTimeout(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cat.csv");
        Files.writeString(in, header() + "\na" + fluxes(30.0) + "\n");
        Run noPort = runCapturing("produce", "--bootstrap-servers", "localhost", "--input", in.toString());
        assertEquals(2, noPort.exit(), noPort.err());
        assertTrue(noPort.err().contains("entry 'localhost' is not host:port") && !noPort.err().contains("\tat "), noPort.err());

        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run closed = runCapturing("produce", "--bootstrap-servers", "127.0.0.1:" + closedPort, "--input", in.toString(), "--timeout-ms", "2000");
        assertEquals(ProduceCommand.EXIT_NOT_DELIVERED, closed.exit(), closed.err());
        assertTrue(closed.err().contains("no Kafka broker answered at 127.0.0.1:" + closedPort + " within 2 s") && closed.err().contains("nothing was sent"),
                closed.err());
    }
}
