package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        ChildCli demo = ChildCli.run(dir, "demo", "-n", "400", "--poison-every", "100");
        String stderr = demo.stderr();
        assertEquals(0, demo.exit(), stderr);

        List<String> stdout = demo.stdout();
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
