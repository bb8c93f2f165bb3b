package io.sedstream.trainer.compare;

import io.sedstream.sed.model.ParameterNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary model's nested-sampling results read back from an earlier report's {@code rows.csv}, so a
 * rerun that only adds a second model (or a changed one) does not pay for the primary sampler again.
 * Each galaxy is matched by index and must carry the same truths (to the CSV's printed precision);
 * otherwise the earlier file is refused, since it would describe other galaxies.
 */
final class EarlierSamplerRows {

    private final Path file;
    private final Map<Integer, Galaxy> galaxies;

    private record Galaxy(double[] truth, GalaxyComparison.Summary[] outputs, double logZ, double logZError,
                          long calls, double seconds) {
    }

    private EarlierSamplerRows(Path file, Map<Integer, Galaxy> galaxies) {
        this.file = file;
        this.galaxies = galaxies;
    }

    static EarlierSamplerRows read(Path rowsCsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(rowsCsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read earlier comparison rows " + rowsCsv, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(rowsCsv + " is empty (expected a compare-sampler rows.csv)");
        }
        List<String> header = List.of(lines.get(0).split(","));
        int galaxy = column(header, "galaxy", rowsCsv);
        int parameter = column(header, "parameter", rowsCsv);
        int truth = column(header, "truth", rowsCsv);
        int median = column(header, "ns_median", rowsCsv);
        int p16 = column(header, "ns_p16", rowsCsv);
        int p84 = column(header, "ns_p84", rowsCsv);
        int logZ = column(header, "ns_logz", rowsCsv);
        int logZError = column(header, "ns_logz_err", rowsCsv);
        int calls = column(header, "ns_calls", rowsCsv);
        int seconds = column(header, "ns_seconds", rowsCsv);
        int n = ParameterNames.OUTPUTS.size();
        Map<Integer, double[]> truths = new HashMap<>();
        Map<Integer, GalaxyComparison.Summary[]> outputs = new HashMap<>();
        Map<Integer, String[]> last = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            int id = Integer.parseInt(f[galaxy]);
            int k = ParameterNames.OUTPUTS.indexOf(f[parameter]);
            if (k < 0) {
                throw new IllegalArgumentException(rowsCsv + ": unknown parameter " + f[parameter]);
            }
            truths.computeIfAbsent(id, i -> filledNaN(n))[k] = Double.parseDouble(f[truth]);
            outputs.computeIfAbsent(id, i -> new GalaxyComparison.Summary[n])[k] = new GalaxyComparison.Summary(
                    Double.parseDouble(f[median]), Double.parseDouble(f[p16]), Double.parseDouble(f[p84]));
            last.put(id, f);
        }
        Map<Integer, Galaxy> out = new HashMap<>();
        for (Map.Entry<Integer, String[]> e : last.entrySet()) {
            int id = e.getKey();
            GalaxyComparison.Summary[] s = outputs.get(id);
            for (int k = 0; k < n; k++) {
                if (s[k] == null) {
                    throw new IllegalArgumentException(rowsCsv + ": galaxy " + id + " lacks parameter "
                            + ParameterNames.OUTPUTS.get(k) + " (the earlier bundle must have all " + n + " outputs)");
                }
            }
            String[] f = e.getValue();
            out.put(id, new Galaxy(truths.get(id), s, Double.parseDouble(f[logZ]), Double.parseDouble(f[logZError]),
                    Long.parseLong(f[calls]), Double.parseDouble(f[seconds])));
        }
        return new EarlierSamplerRows(rowsCsv, out);
    }

    /** The earlier primary-model result for {@code g}, or an exception when the file has none or other truths. */
    SamplerCache.Entry primary(TestGalaxy g) {
        Galaxy e = galaxies.get(g.id());
        if (e == null) {
            throw new IllegalArgumentException(file + " has no galaxy " + g.id() + " (it holds " + galaxies.size() + ")");
        }
        double[] truth = g.truth();
        for (int k = 0; k < truth.length; k++) {
            // rows.csv prints truths with 6 significant digits
            if (Math.abs(truth[k] - e.truth[k]) > 1e-5 * Math.max(1.0, Math.abs(truth[k]))) {
                throw new IllegalArgumentException(file + ": galaxy " + g.id() + " has " + ParameterNames.OUTPUTS.get(k)
                        + " = " + e.truth[k] + " there but " + truth[k] + " here: not the same galaxies (seed, S/N cut,"
                        + " noise or forward model differ)");
            }
        }
        return new SamplerCache.Entry(e.logZ, e.logZError, e.calls, e.seconds, Double.NaN, Double.NaN, List.of(e.outputs));
    }

    private static int column(List<String> header, String name, Path file) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(file + ": no column '" + name + "' (expected a compare-sampler rows.csv)");
        }
        return i;
    }

    private static double[] filledNaN(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
