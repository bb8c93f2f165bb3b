package io.sedstream.sed.igm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The IGM data files' format: whitespace-separated columns, blank lines and {@code #} comments skipped. */
final class WhitespaceTable {
    private WhitespaceTable() {
    }

    /** Each data line split on whitespace; a line with fewer than {@code columns} fields is refused with its number. */
    static List<String[]> rows(Path file, int columns) {
        List<String[]> out = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file)) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] p = s.split("\\s+");
                if (p.length < columns) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected " + columns + " columns, got '" + s + "'");
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
