package io.sedstream.trainer.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a validation report goes. A report already on disk (a shipped bundle's report/ is the
 * record of how it was validated) is never overwritten unless asked: without {@code --replace} a
 * new report goes to the first free {@code <dir>-2}, {@code <dir>-3}, ..., and only a report written
 * to the bundle's own {@code report/} updates the manifest's metrics.
 *
 * @param dir            the directory to write
 * @param updateManifest whether the manifest's provenance metrics should follow this report
 * @param redirected     true when {@code dir} is not the one asked for (an existing report was kept)
 */
public record ReportDirectory(Path dir, boolean updateManifest, boolean redirected) {

    /** The report directory for bundle {@code model}, given the {@code --report} option (or null) and {@code --replace}. */
    public static ReportDirectory choose(Path model, Path requested, boolean replace) {
        Path canonical = model.resolve("report");
        Path wanted = requested != null ? requested : canonical;
        boolean isCanonical = wanted.toAbsolutePath().normalize().equals(canonical.toAbsolutePath().normalize());
        if (replace || isEmptyOrAbsent(wanted)) {
            return new ReportDirectory(wanted, isCanonical, false);
        }
        for (int i = 2; ; i++) {
            Path candidate = wanted.resolveSibling(wanted.getFileName() + "-" + i);
            if (!Files.exists(candidate)) {
                return new ReportDirectory(candidate, false, true);
            }
        }
    }

    private static boolean isEmptyOrAbsent(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("report path " + dir + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list report directory " + dir, e);
        }
    }
}
