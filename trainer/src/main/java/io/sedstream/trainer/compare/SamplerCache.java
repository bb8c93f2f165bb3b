package io.sedstream.trainer.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nested-sampling results per galaxy kept on disk, so a comparison can be rerun against another
 * NPE bundle without paying for the sampler again (minutes per galaxy on a shared CPU). An entry is
 * keyed by the run's settings and the galaxy index and is only reused when the galaxy's fluxes and
 * errors are bit-identical; the recorded wall time is the one measured when it was computed.
 */
final class SamplerCache {

    /** What the comparison needs from one nested-sampling run. */
    record Entry(double logZ, double logZError, long likelihoodCalls, double seconds, double alternativeLogZ,
                 double alternativeLogZError, List<GalaxyComparison.Summary> outputs) {
    }

    private final Path directory;
    private final String key;

    SamplerCache(Path directory, String key) {
        this.directory = directory;
        this.key = key.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private Path file(TestGalaxy g) {
        return directory.resolve(key + "-g" + g.id() + ".txt");
    }

    private static String fingerprint(TestGalaxy g) {
        return Arrays.hashCode(g.observedFluxNJy()) + ":" + Arrays.hashCode(g.fluxErrNJy());
    }

    Entry load(TestGalaxy g) {
        Path f = file(g);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (!fingerprint(g).equals(kv.get("fingerprint"))) {
                return null;
            }
            List<GalaxyComparison.Summary> outputs = new ArrayList<>();
            for (String s : kv.get("outputs").split(";")) {
                String[] p = s.split(",");
                outputs.add(new GalaxyComparison.Summary(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                        Double.parseDouble(p[2])));
            }
            return new Entry(Double.parseDouble(kv.get("logZ")), Double.parseDouble(kv.get("logZError")),
                    Long.parseLong(kv.get("likelihoodCalls")), Double.parseDouble(kv.get("seconds")),
                    Double.parseDouble(kv.get("alternativeLogZ")), Double.parseDouble(kv.get("alternativeLogZError")),
                    outputs);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable nested-sampling cache entry " + f + ": " + e.getMessage(), e);
        }
    }

    void store(TestGalaxy g, Entry e) {
        StringBuilder sb = new StringBuilder();
        sb.append("fingerprint=").append(fingerprint(g)).append('\n');
        sb.append(String.format(Locale.ROOT, "logZ=%.17g%nlogZError=%.17g%nlikelihoodCalls=%d%nseconds=%.17g%n"
                        + "alternativeLogZ=%.17g%nalternativeLogZError=%.17g%n", e.logZ(), e.logZError(), e.likelihoodCalls(),
                e.seconds(), e.alternativeLogZ(), e.alternativeLogZError()));
        sb.append("outputs=");
        for (int i = 0; i < e.outputs().size(); i++) {
            GalaxyComparison.Summary s = e.outputs().get(i);
            sb.append(i > 0 ? ";" : "").append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g", s.median(), s.p16(), s.p84()));
        }
        sb.append('\n');
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, "entry", ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file(g), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write nested-sampling cache entry " + file(g), ex);
        }
    }
}
