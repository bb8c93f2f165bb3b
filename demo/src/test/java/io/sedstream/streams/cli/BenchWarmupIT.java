package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedstream.streams.json.JsonLine;
import java.nio.file.Path;
import java.util.List;
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
        ChildCli run = bench(dir, "-n", Integer.toString(RECORDS), "--warmup", "500", "--warmup-jit-ms-per-s", "400", "--threads", "2");
        assertEquals(0, run.exit(), run.stderr());
        JsonNode j = JsonLine.readAvroText(run.stdout().get(run.stdout().size() - 1));
        long warmupOutputs = j.get("warmup_outputs").asLong();
        assertTrue(warmupOutputs >= 500, "never before --warmup: " + j);
        assertEquals(RECORDS - warmupOutputs, j.get("measured_records").asLong(), "the window holds every output after the warm-up: " + j);
        assertTrue(run.stderr().contains("measured window starts after " + warmupOutputs + " outputs"), run.stderr());
        if (j.get("jit_settled").asBoolean()) {
            double rate = j.get("jit_ms_per_s_at_window_start").asDouble();
            assertTrue(rate <= 400, "settled means at most the asked rate: " + j);
        } else {
            assertTrue(warmupOutputs >= RECORDS * 3 / 4, "an unsettled JIT still starts the window by 3/4 of the records: " + j);
            assertTrue(run.stderr().contains("JIT NOT settled"), run.stderr());
        }
    }

    @Test
    void aNegativeRateIsRefusedByName(@TempDir Path dir) throws Exception {
        ChildCli run = bench(dir, "-n", "100", "--warmup-jit-ms-per-s", "-5");
        assertNotEquals(0, run.exit());
        assertTrue(run.stderr().contains("--warmup-jit-ms-per-s must be in [0, 1000)"), run.stderr());
        assertTrue(run.stdout().isEmpty(), "no figures for a refused run: " + run.stdout());
    }

    private static ChildCli bench(Path dir, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("bench", "--preload"));
        all.addAll(List.of(args));
        return ChildCli.run(dir, all.toArray(String[]::new));
    }
}
