package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sedstream demo} in its own JVM, as a user runs it: the terminal shows progress, one line per
 * poison pill and the figures; the broker's, the clients' and the service's logs are in the log file.
 */
class QuietDemoIT {

    @Test
    void theDemoIsQuietAndItsLogsGoToAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path")));
        String data = System.getProperty("sedstream.data.dir");
        if (data != null) {
            cmd.add("-Dsedstream.data.dir=" + data);
        }
        cmd.addAll(List.of(SedstreamCli.class.getName(), "demo", "-n", "400", "--poison-every", "100", "--models-root",
                Path.of("..", "models").toAbsolutePath().normalize().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the demo finishes");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);

        List<String> stdout = Files.readAllLines(out);
        assertEquals(1, stdout.size(), "stdout is the one JSON line: " + stdout);
        assertTrue(stdout.get(0).contains("\"dead_letters\":4"), stdout.get(0));

        List<String> lines = stderr.lines().toList();
        assertTrue(lines.stream().noneMatch(l -> l.matches("\\s+at .*") || l.startsWith("Caused by")), "no stack trace:\n" + stderr);
        assertTrue(lines.stream().noneMatch(l -> l.contains(" WARN ") || l.contains(" INFO ") || l.contains(" ERROR ")),
                "no log lines on the terminal:\n" + stderr);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("sedstream: dead letter ")).count(), "one line per poison pill:\n" + stderr);

        Matcher m = Pattern.compile("logs go to (\\S+)").matcher(stderr);
        assertTrue(m.find(), stderr);
        String log = Files.readString(Path.of(m.group(1)));
        assertTrue(log.contains("RecordDeserializer") && log.contains("QuorumController"), "broker and client logs are in the file:\n" + log);
        assertTrue(!log.contains("processing.exception.handler.global.enabled"), "Streams' global-handler warning is settled:\n" + log);
    }
}
