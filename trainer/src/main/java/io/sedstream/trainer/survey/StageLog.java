package io.sedstream.trainer.survey;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The stages of a survey-model run: each one says when it starts, how long it took or why it was skipped,
 * and a stage whose output is cached records the inputs that made it in a key file, so it is only reused
 * when those inputs are the same.
 */
final class StageLog {
    private final PrintStream out;
    private final int total;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private int index;
    private long startNanos;
    private String current;

    StageLog(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void start(String name, String what) {
        index++;
        current = name;
        startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", index, total, name, what);
    }

    void done(String result) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        seconds.put(current, s);
        out.printf(Locale.ROOT, "[%d/%d] %s: %s (%.1f s)%n", index, total, current, result, s);
    }

    void skipped(String why) {
        seconds.put(current, 0.0);
        out.printf(Locale.ROOT, "[%d/%d] %s: skipped, %s%n", index, total, current, why);
    }

    Map<String, Double> seconds() {
        return seconds;
    }

    /** Whether the key file holds exactly {@code key}. */
    static boolean keyMatches(Path keyFile, String key) {
        try {
            return Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        }
    }

    static void writeKey(Path keyFile, String key) {
        try {
            Files.writeString(keyFile, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + keyFile, e);
        }
    }

    static void deleteKey(Path keyFile) {
        try {
            Files.deleteIfExists(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + keyFile, e);
        }
    }
}
