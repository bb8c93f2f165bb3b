package io.sedstream.sed.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of the small {@code key = value} files (models, noise depths, filter sets):
 * {@code #} starts a comment, blank lines are skipped, every other line must hold a key and '='.
 */
public final class KeyValueText {

    /** One {@code key = value} line, with its 1-based line number for error messages. */
    public record Entry(String key, String value, int lineNumber) {
    }

    private KeyValueText() {
    }

    /**
     * Splits {@code text} into entries in file order; {@code what} names the file in errors
     * (e.g. "model default") and {@code expected} describes a valid line (e.g. "'key = value'").
     */
    public static List<Entry> parse(String text, String what, String expected) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(what + " line " + (n + 1) + ": expected " + expected
                        + ", got '" + line + "'");
            }
            entries.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), n + 1));
        }
        return entries;
    }
}
