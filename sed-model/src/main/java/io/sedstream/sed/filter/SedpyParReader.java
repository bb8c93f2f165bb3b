package io.sedstream.sed.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sedpy {@code .par} filter file: {@code #} comments, then two whitespace-separated columns,
 * vacuum wavelength [Angstrom] and throughput (sedpy, B. D. Johnson, MIT licence).
 * Rows with zero throughput before the first non-zero and after the last non-zero row are kept:
 * they pin the curve to zero at its ends.
 */
public final class SedpyParReader {
    private SedpyParReader() {
    }

    public static FilterCurve read(String bandName, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read filter file " + file, e);
        }
        List<double[]> rows = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException(file + " line " + (n + 1)
                        + ": expected 2 columns (wavelength [A], throughput), got '" + line + "'");
            }
            try {
                rows.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": not a number in '" + line + "'", e);
            }
        }
        double[] lambda = new double[rows.size()];
        double[] t = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            lambda[i] = rows.get(i)[0];
            t[i] = Math.max(0.0, rows.get(i)[1]);
        }
        return new FilterCurve(bandName, "sedpy:" + file.getFileName(), lambda, t);
    }
}
