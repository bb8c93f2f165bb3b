package io.sedstream.sed.filter;

import io.sedstream.sed.config.KeyValueText;

import io.sedstream.sed.data.DataRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Named filter sets and the small filter-set file format.
 *
 * <pre>
 * # a comment
 * name = my-survey                      (optional; defaults to the file name without extension)
 * hst.acs.f435w = sedpy:acs_wfc_f435w.par   (a file under DATA/filters/sedpy/)
 * jwst.nircam.f090w = eazy:363             (filter number 363 of DATA/filters/eazy/FILTER.RES.latest)
 * my.band = curves/my_band.par             (a two-column .par file, relative to the set file)
 * </pre>
 * Lines are {@code band.name = source}, in band order. A source is {@code sedpy:FILE},
 * {@code eazy:NUMBER}, or a path to a two-column file (absolute or relative to the set file).
 */
public final class FilterSets {
    /** The default band set: the 14 HST + JWST bands of JADES GOODS-S used by synference. */
    public static final String JADES_GS_14 = "jades-gs-14";

    private static final String RESOURCE_DIR = "/io/sedstream/sed/filter/";
    private static final String EXTENSION = ".filters";

    private FilterSets() {
    }

    /** Names of the filter sets shipped with the code. */
    public static List<String> builtInNames() {
        return List.of(JADES_GS_14);
    }

    /**
     * A filter set by built-in name (e.g. {@code jades-gs-14}) or by path to a {@code .filters} file.
     */
    public static FilterSet load(String nameOrPath, DataRoot data) {
        String resource = RESOURCE_DIR + nameOrPath + EXTENSION;
        try (InputStream in = FilterSets.class.getResourceAsStream(resource)) {
            if (in != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return parse(text, nameOrPath, null, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in filter set " + resource, e);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown filter set '" + nameOrPath + "': not a built-in set "
                    + builtInNames() + " and no such file");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return parse(text, base, file.toAbsolutePath().getParent(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read filter set file " + file, e);
        }
    }

    /** Parses a filter-set text; {@code baseDir} resolves relative curve paths (may be null). */
    public static FilterSet parse(String text, String defaultName, Path baseDir, DataRoot data) {
        String name = defaultName;
        List<FilterCurve> bands = new ArrayList<>();
        EazyFilterRes[] eazy = new EazyFilterRes[1]; // parsed at most once per set (the file is 3 MB)
        for (KeyValueText.Entry e : KeyValueText.parse(text, "filter set " + defaultName, "'band.name = source'")) {
            String key = e.key();
            String value = e.value();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("filter set " + defaultName + " line " + e.lineNumber()
                        + ": band '" + key + "' has no source");
            }
            if (key.equals("name")) {
                name = value;
                continue;
            }
            bands.add(curve(key, value, baseDir, data, eazy, defaultName, e.lineNumber()));
        }
        return new FilterSet(name, bands, text);
    }

    private static FilterCurve curve(String band, String source, Path baseDir, DataRoot data,
            EazyFilterRes[] eazy, String set, int line) {
        try {
            if (source.startsWith("sedpy:")) {
                return SedpyParReader.read(band, data.file("filters/sedpy/" + source.substring(6).strip()));
            }
            if (source.startsWith("eazy:")) {
                int number = Integer.parseInt(source.substring(5).strip());
                if (eazy[0] == null) {
                    eazy[0] = EazyFilterRes.read(data.file("filters/eazy/FILTER.RES.latest"));
                }
                return eazy[0].filter(number, band);
            }
            Path p = Path.of(source);
            if (!p.isAbsolute() && baseDir != null) {
                p = baseDir.resolve(p);
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("curve file not found: " + p);
            }
            return SedpyParReader.read(band, p);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("filter set " + set + " line " + line + " (band " + band
                    + " = " + source + "): " + e.getMessage(), e);
        }
    }
}
