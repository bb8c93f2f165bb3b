package io.sedstream.inference.catalogue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How a catalogue names its columns and what unit its fluxes are in: the id column, the flux and
 * error column patterns ({@code {band}} stands for the band), the spectroscopic-redshift column,
 * the flux unit (converted to nJy on reading), a missing-value sentinel and band renames
 * (catalogue band -> filter-set band). Presets: {@code sedstream} (our own), {@code dp1} (Rubin DP1
 * Object table), {@code eazy} (EAZY input catalogues); or a properties file (see {@link #read}).
 *
 * @param name          preset name or file, for messages
 * @param idColumns     candidates for the id column, first present wins (matched ignoring case)
 * @param fluxPattern   flux column name with {@code {band}}
 * @param errorPattern  error column name with {@code {band}}
 * @param specZColumns  candidates for the spectroscopic redshift (matched ignoring case)
 * @param toNJy         factor from the catalogue's flux unit to nJy
 * @param unit          the unit as written in the map (for messages)
 * @param missingBelow  a flux or error below this is "not observed" (null = no sentinel)
 * @param specZMissingBelow a spectroscopic redshift below this means "none" (EAZY writes -1; null = no sentinel)
 * @param bandRenames   catalogue band name -> band name written to the records
 */
public record ColumnMap(String name, List<String> idColumns, String fluxPattern, String errorPattern, List<String> specZColumns,
                        double toNJy, String unit, Double missingBelow, Double specZMissingBelow, Map<String, String> bandRenames) {

    /** AB magnitude of 1 nJy: m_AB = 31.4 - 2.5 log10(f / nJy) (3631 Jy zero point, Oke & Gunn 1983). */
    public static final double AB_ZERO_POINT_NJY = 31.4;
    /** EAZY's NOT_OBS_THRESHOLD: a flux or error below -90 means "not observed" (its catalogues write -99). */
    public static final double EAZY_NOT_OBSERVED_BELOW = -90;
    private static final List<String> SPEC_Z = List.of("spec_z", "z_spec", "zspec");
    private static final String BAND = "{band}";
    private static final Set<String> FILE_KEYS = Set.of("preset", "id", "flux", "error", "spec_z", "unit", "missing_below");

    public ColumnMap {
        idColumns = List.copyOf(idColumns);
        specZColumns = List.copyOf(specZColumns);
        bandRenames = Map.copyOf(bandRenames);
        if (!fluxPattern.contains(BAND) || !errorPattern.contains(BAND)) {
            throw new CatalogueException("column map " + name + ": flux and error patterns must contain " + BAND + ", got '"
                    + fluxPattern + "' and '" + errorPattern + "'");
        }
        if (!(toNJy > 0) || !Double.isFinite(toNJy)) {
            throw new CatalogueException("column map " + name + ": flux unit '" + unit + "' gives no positive conversion to nJy");
        }
    }

    /** Our own layout: {@code id}, {@code <band>_flux}, {@code <band>_err} in nJy, empty or NaN = missing. */
    public static ColumnMap sedstream() {
        return new ColumnMap("sedstream", List.of("id"), "{band}_flux", "{band}_err", SPEC_Z, 1, "nJy", null, null, Map.of());
    }

    /**
     * Rubin DP1 Object table: {@code objectId}, {@code <b>_cModelFlux} and {@code <b>_cModelFluxErr} in nJy for
     * b = u g r i z y, renamed to {@code lsst.<b>} (override with {@code band.<b>=...} in a map file).
     */
    public static ColumnMap dp1() {
        Map<String, String> rename = new LinkedHashMap<>();
        for (String b : List.of("u", "g", "r", "i", "z", "y")) {
            rename.put(b, "lsst." + b);
        }
        return new ColumnMap("dp1", List.of("objectId"), "{band}_cModelFlux", "{band}_cModelFluxErr", SPEC_Z, 1, "nJy", null, null, rename);
    }

    /**
     * EAZY input catalogue: {@code id}, {@code f_<band>}, {@code e_<band>}, {@code z_spec}; fluxes on the AB zero
     * point {@code zeroPointAb} (EAZY's PRIOR_ABZP: 23.9 for uJy, 25 its default); values below -90 (EAZY writes -99)
     * mean "not observed", a negative z_spec means "no spectroscopic redshift" (EAZY writes -1).
     */
    public static ColumnMap eazy(double zeroPointAb) {
        return new ColumnMap("eazy", List.of("id"), "f_{band}", "e_{band}", List.of("z_spec", "spec_z", "zspec"),
                abScale(zeroPointAb), "ab:" + zeroPointAb, EAZY_NOT_OBSERVED_BELOW, 0.0, Map.of());
    }

    /**
     * A preset by name, or a map file. {@code zeroPointAb} (null = not given) sets the AB zero point of the fluxes
     * and is required by {@code eazy}.
     */
    public static ColumnMap resolve(String spec, Double zeroPointAb) {
        ColumnMap base = switch (spec.toLowerCase(Locale.ROOT)) {
            case "sedstream" -> sedstream();
            case "dp1" -> dp1();
            case "eazy" -> {
                if (zeroPointAb == null) {
                    throw new CatalogueException("the eazy column map needs the fluxes' AB zero point (--zero-point; EAZY's "
                            + "PRIOR_ABZP: 23.9 for uJy, 31.4 for nJy)");
                }
                yield eazy(zeroPointAb);
            }
            default -> null;
        };
        if (base == null) {
            Path file = Path.of(spec);
            if (!Files.isRegularFile(file)) {
                throw new CatalogueException("column map '" + spec + "' is neither a preset (sedstream, dp1, eazy) nor a readable file");
            }
            base = read(file, zeroPointAb);
        } else if (zeroPointAb != null) {
            base = base.withUnit(abScale(zeroPointAb), "ab:" + zeroPointAb);
        }
        return base;
    }

    /**
     * Reads a map file (properties): {@code preset} (base preset, default sedstream), {@code id}, {@code flux},
     * {@code error} (patterns with {band}), {@code spec_z}, {@code unit} ({@code nJy}, {@code uJy}, {@code ab:<zero point>}),
     * {@code missing_below}, and {@code band.<catalogue band> = <band>} renames. Unknown keys are refused.
     */
    public static ColumnMap read(Path file, Double zeroPointAb) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new CatalogueException("column map " + file + ": cannot read: " + e.getMessage(), e);
        }
        for (String k : p.stringPropertyNames()) {
            if (!FILE_KEYS.contains(k) && !k.startsWith("band.")) {
                throw new CatalogueException("column map " + file + ": unknown key '" + k + "' (known: " + FILE_KEYS + ", band.<name>)");
            }
        }
        String preset = p.getProperty("preset", "sedstream");
        ColumnMap base = switch (preset) {
            case "sedstream" -> sedstream();
            case "dp1" -> dp1();
            case "eazy" -> eazy(zeroPointAb == null ? AB_ZERO_POINT_NJY : zeroPointAb);
            default -> throw new CatalogueException("column map " + file + ": unknown preset '" + preset + "' (sedstream, dp1, eazy)");
        };
        if (preset.equals("eazy") && zeroPointAb == null && !p.containsKey("unit")) {
            throw new CatalogueException("column map " + file + ": preset eazy needs 'unit = ab:<zero point>' or --zero-point");
        }
        double toNJy = base.toNJy;
        String unit = base.unit;
        if (p.containsKey("unit")) {
            unit = p.getProperty("unit").strip();
            toNJy = unitScale(unit, file);
        }
        if (zeroPointAb != null) {
            toNJy = abScale(zeroPointAb);
            unit = "ab:" + zeroPointAb;
        }
        Double missing = base.missingBelow;
        if (p.containsKey("missing_below")) {
            missing = number(p.getProperty("missing_below"), "missing_below", file);
        }
        Map<String, String> renames = new LinkedHashMap<>(base.bandRenames);
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("band.")) {
                renames.put(k.substring(5), p.getProperty(k).strip());
            }
        }
        return new ColumnMap(file.toString(),
                p.containsKey("id") ? List.of(p.getProperty("id").strip()) : base.idColumns,
                p.getProperty("flux", base.fluxPattern).strip(), p.getProperty("error", base.errorPattern).strip(),
                p.containsKey("spec_z") ? List.of(p.getProperty("spec_z").strip()) : base.specZColumns,
                toNJy, unit, missing, base.specZMissingBelow, renames);
    }

    private ColumnMap withUnit(double factor, String unitName) {
        return new ColumnMap(name, idColumns, fluxPattern, errorPattern, specZColumns, factor, unitName, missingBelow, specZMissingBelow,
                bandRenames);
    }

    /** nJy per catalogue flux unit for fluxes on AB zero point zp: 10^(0.4 (31.4 - zp)). */
    static double abScale(double zeroPointAb) {
        if (!Double.isFinite(zeroPointAb)) {
            throw new CatalogueException("AB zero point must be a finite number, got " + zeroPointAb);
        }
        return Math.pow(10, 0.4 * (AB_ZERO_POINT_NJY - zeroPointAb));
    }

    private static double unitScale(String unit, Path file) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("njy")) {
            return 1;
        }
        if (u.equals("ujy") || u.equals("µjy")) {
            return 1e3;
        }
        if (u.startsWith("ab:")) {
            return abScale(number(unit.substring(3), "unit", file));
        }
        throw new CatalogueException("column map " + file + ": unit '" + unit + "' is not nJy, uJy or ab:<zero point>");
    }

    private static double number(String v, String key, Path file) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new CatalogueException("column map " + file + ": " + key + " '" + v + "' is not a number");
        }
    }

    /** The band a column name carries under {@code pattern}, or null when it does not match. */
    static String bandOf(String column, String pattern) {
        int at = pattern.indexOf(BAND);
        String prefix = pattern.substring(0, at);
        String suffix = pattern.substring(at + BAND.length());
        if (column.length() > prefix.length() + suffix.length() && column.startsWith(prefix) && column.endsWith(suffix)) {
            return column.substring(prefix.length(), column.length() - suffix.length());
        }
        return null;
    }

    /** Resolves a header (column names in order) to flux/error/id/spec-z column indices. */
    Resolved resolve(List<String> header, String source) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer before = seen.put(header.get(i), i);
            if (before != null) {
                throw new CatalogueException(source + ": column '" + header.get(i) + "' appears twice (columns " + (before + 1)
                        + " and " + (i + 1) + "); which one is meant is not knowable");
            }
        }
        int id = findIgnoringCase(header, idColumns);
        if (id < 0) {
            throw new CatalogueException(source + ": no id column " + idColumns + " (column map " + name + "); header: " + header);
        }
        int specZ = findIgnoringCase(header, specZColumns);
        Map<String, int[]> bands = new LinkedHashMap<>();
        Map<String, String> bandSource = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (i == id || i == specZ) {
                continue;
            }
            String c = header.get(i);
            String fluxBand = bandOf(c, fluxPattern);
            String errBand = bandOf(c, errorPattern);
            // When both patterns match (e.g. {band}_flux and {band}_flux_err), the longer literal pattern is the better match.
            if (fluxBand != null && errBand != null) {
                if (errorPattern.length() >= fluxPattern.length()) {
                    fluxBand = null;
                } else {
                    errBand = null;
                }
            }
            String raw = fluxBand != null ? fluxBand : errBand;
            if (raw == null) {
                ignored.add(c);
                continue;
            }
            String band = bandRenames.getOrDefault(raw, raw);
            int[] cols = bands.computeIfAbsent(band, k -> new int[] {-1, -1});
            int slot = fluxBand != null ? 0 : 1;
            String earlier = bandSource.putIfAbsent(band + slot, c);
            if (earlier != null) {
                throw new CatalogueException(source + ": columns '" + earlier + "' and '" + c + "' are both the "
                        + (slot == 0 ? "flux" : "error") + " of band '" + band + "'");
            }
            cols[slot] = i;
        }
        for (Map.Entry<String, int[]> e : bands.entrySet()) {
            if (e.getValue()[0] < 0 || e.getValue()[1] < 0) {
                String b = e.getKey();
                throw new CatalogueException(source + ": band '" + b + "' has " + (e.getValue()[0] < 0 ? "an error but no flux" : "a flux but no error")
                        + " column (expected " + fluxPattern.replace(BAND, b) + " and " + errorPattern.replace(BAND, b) + ", column map " + name + ")");
            }
        }
        if (bands.isEmpty()) {
            throw new CatalogueException(source + ": no band columns matching " + fluxPattern + " / " + errorPattern + " (column map " + name
                    + "); header: " + header);
        }
        List<String> names = new ArrayList<>(bands.keySet());
        int[] flux = bands.values().stream().mapToInt(v -> v[0]).toArray();
        int[] err = bands.values().stream().mapToInt(v -> v[1]).toArray();
        CatalogueLayout layout = new CatalogueLayout(header.get(id), names, specZ < 0 ? null : header.get(specZ), ignored);
        return new Resolved(layout, id, flux, err, specZ, header);
    }

    private static int findIgnoringCase(List<String> header, List<String> candidates) {
        for (String want : candidates) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(want)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Column indices of a resolved header. */
    record Resolved(CatalogueLayout layout, int id, int[] flux, int[] err, int specZ, List<String> header) { }
}
