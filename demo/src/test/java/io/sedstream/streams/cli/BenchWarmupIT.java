package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedstream.streams.json.JsonLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sedstream bench --warmup-jit-ms-per-s} in its own JVM: the measured window starts only once
 * the JIT has settled (or at 3/4 of the records, saying so), and the window's records are exactly
 * the outputs after it.
 */
class BenchWarmupIT {

    private static final int RECORDS = 3000;

    @Test
    void theWindowStartsOnceTheJitSettlesOrAtTheLatestPoint(@TempDir Path dir) throws Exception {
        Run run = bench(dir, "-n", Integer.toString(RECORDS), "--warmup", "500", "--warmup-jit-ms-per-s", "400", "--threads", "2");
        assertEquals(0, run.exit, run.stderr);
        JsonNode j = JsonLine.readAvroText(run.stdout.get(run.stdout.size() - 1));
        long warmupOutputs = j.get("warmup_outputs").asLong();
        assertTrue(warmupOutputs >= 500, "never before --warmup: " + j);
        assertEquals(RECORDS - warmupOutputs, j.get("measured_records").asLong(), "the window holds every output after the warm-up: " + j);
        assertTrue(run.stderr.contains("measured window starts after " + warmupOutputs + " outputs"), run.stderr);
        if (j.get("jit_settled").asBoolean()) {
            double rate = j.get("jit_ms_per_s_at_window_start").asDouble();
            assertTrue(rate <= 400, "settled means at most the asked rate: " + j);
        } else {
            assertTrue(warmupOutputs >= RECORDS * 3 / 4, "an unsettled JIT still starts the window by 3/4 of the records: " + j);
            assertTrue(run.stderr.contains("JIT NOT settled"), run.stderr);
        }
    }

    @Test
    void aNegativeRateIsRefusedByName(@TempDir Path dir) throws Exception {
        Run run = bench(dir, "-n", "100", "--warmup-jit-ms-per-s", "-5");
        assertNotEquals(0, run.exit);
        assertTrue(run.stderr.contains("--warmup-jit-ms-per-s must be in [0, 1000)"), run.stderr);
        assertTrue(run.stdout.isEmpty(), "no figures for a refused run: " + run.stdout);
    }

    private record Run(int exit, List<String> stdout, String stderr) {
    }

    private static Run bench(Path dir, String... args) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path")));
        String data = System.getProperty("sedstream.data.dir");
        if (data != null) {
            cmd.add("-Dsedstream.data.dir=" + data);
        }
        cmd.addAll(List.of(SedstreamCli.class.getName(), "bench", "--preload", "--models-root",
                Path.of("..", "models").toAbsolutePath().normalize().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the bench finishes");
        return new Run(p.exitValue(), Files.readAllLines(out), Files.readString(err));
    }
}
