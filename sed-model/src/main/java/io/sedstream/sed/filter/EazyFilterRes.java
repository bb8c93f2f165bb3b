package io.sedstream.sed.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An EAZY {@code FILTER.RES} file (Brammer, van Dokkum &amp; Coppi 2008): blocks of a header line
 * {@code N description ...} followed by N lines {@code index lambda[A] throughput}. Filters are
 * numbered from 1 in file order, as in EAZY's {@code .info} file. EAZY treats the curves as
 * photon-counting responses (its default FILTER_FORMAT = 1), which is how we use them too.
 */
public final class EazyFilterRes {
    private final Path file;
    private final List<String> descriptions;
    private final List<double[][]> curves;

    private EazyFilterRes(Path file, List<String> descriptions, List<double[][]> curves) {
        this.file = file;
        this.descriptions = List.copyOf(descriptions);
        this.curves = List.copyOf(curves);
    }

    public static EazyFilterRes read(Path file) {
        List<String> descriptions = new ArrayList<>();
        List<double[][]> curves = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String header;
            int lineNo = 0;
            while ((header = r.readLine()) != null) {
                lineNo++;
                String h = header.strip();
                if (h.isEmpty()) {
                    continue;
                }
                String[] hp = h.split("\\s+", 2);
                int n;
                try {
                    n = Integer.parseInt(hp[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + lineNo
                            + ": expected a filter header 'N description', got '" + h + "'", e);
                }
                double[][] c = new double[2][n];
                for (int i = 0; i < n; i++) {
                    String row = r.readLine();
                    lineNo++;
                    if (row == null) {
                        throw new IllegalArgumentException(file + ": filter " + (curves.size() + 1)
                                + " ends early (expected " + n + " rows)");
                    }
                    String[] p = row.strip().split("\\s+");
                    if (p.length < 3) {
                        throw new IllegalArgumentException(file + " line " + lineNo
                                + ": expected 'index lambda throughput', got '" + row + "'");
                    }
                    c[0][i] = Double.parseDouble(p[1]);
                    c[1][i] = Math.max(0.0, Double.parseDouble(p[2]));
                }
                descriptions.add(hp.length > 1 ? hp[1].strip() : "");
                curves.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read EAZY filter file " + file, e);
        }
        return new EazyFilterRes(file, descriptions, curves);
    }

    /** Number of filters in the file. */
    public int size() {
        return curves.size();
    }

    /** The header description of filter {@code number} (1-based). */
    public String description(int number) {
        check(number);
        return descriptions.get(number - 1);
    }

    /** Filter {@code number} (1-based, EAZY's numbering) under the given band name. */
    public FilterCurve filter(int number, String bandName) {
        check(number);
        double[][] c = curves.get(number - 1);
        // Some EAZY curves repeat a wavelength; drop exact duplicates so the curve is strictly increasing.
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < c[0].length; i++) {
            if (!rows.isEmpty() && c[0][i] <= rows.get(rows.size() - 1)[0]) {
                continue;
            }
            rows.add(new double[] {c[0][i], c[1][i]});
        }
        double[] l = new double[rows.size()];
        double[] t = new double[rows.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = rows.get(i)[0];
            t[i] = rows.get(i)[1];
        }
        return new FilterCurve(bandName, "eazy:" + number + " (" + file.getFileName() + ": "
                + descriptions.get(number - 1) + ")", l, t);
    }

    private void check(int number) {
        if (number < 1 || number > curves.size()) {
            throw new IllegalArgumentException("EAZY filter number " + number + " out of range 1.." + curves.size()
                    + " in " + file);
        }
    }
}
