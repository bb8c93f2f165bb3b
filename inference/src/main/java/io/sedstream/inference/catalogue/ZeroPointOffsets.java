package io.sedstream.inference.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.features.BandFlux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-band zero-point offsets of a catalogue [mag]: offset d means the catalogue's magnitudes are d too
 * faint (m_catalogue = m_true + d), so {@link #apply} multiplies that band's flux and error by 10^(0.4 d).
 * Bands without an offset are left alone. Written by the trainer's {@code zero-points} command (a
 * calibration on the galaxies with spectroscopic redshifts) and read by {@code infer --zero-point-offsets}.
 */
public record ZeroPointOffsets(Map<String, Double> offsetMagByBand) {
    /** Offsets beyond this are refused: a calibration error, not a zero point. */
    public static final double MAX_ABS_OFFSET_MAG = 1.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ZeroPointOffsets {
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : offsetMagByBand.entrySet()) {
            double d = e.getValue();
            if (!(Math.abs(d) <= MAX_ABS_OFFSET_MAG)) {
                throw new IllegalArgumentException("zero-point offset of band " + e.getKey() + " is " + d
                        + " mag, outside +/-" + MAX_ABS_OFFSET_MAG + " mag");
            }
            copy.put(e.getKey(), d);
        }
        offsetMagByBand = Collections.unmodifiableMap(copy);
    }

    /** The catalogue row with each listed band's flux and error multiplied by 10^(0.4 d); missing bands stay missing. */
    public CatalogueRow.Read apply(CatalogueRow.Read row) {
        List<BandFlux> out = new ArrayList<>(row.fluxes().size());
        for (BandFlux f : row.fluxes()) {
            Double d = offsetMagByBand.get(f.band());
            if (d == null || f.isMissing()) {
                out.add(f);
                continue;
            }
            double scale = Math.pow(10.0, 0.4 * d);
            out.add(new BandFlux(f.band(), f.fluxNJy() * scale, f.fluxErrNJy() == null ? null : f.fluxErrNJy() * scale));
        }
        return new CatalogueRow.Read(row.rowNumber(), row.id(), out, row.specZ());
    }

    /** Bands with an offset that the catalogue does not have: a sign the file belongs to another survey. */
    public List<String> bandsNotIn(List<String> catalogueBands) {
        return offsetMagByBand.keySet().stream().filter(b -> !catalogueBands.contains(b)).toList();
    }

    /** Refuses offsets for bands the catalogue lacks, naming both lists; {@code source} names the offsets file in the message. */
    public void requireBandsIn(List<String> catalogueBands, String source) {
        List<String> foreign = bandsNotIn(catalogueBands);
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("zero-point offsets " + source + " has bands the catalogue does not: " + foreign
                    + " (catalogue bands " + catalogueBands + ")");
        }
    }

    /** Reads {@code {"offsets_mag": {"band": d, ...}, ...}} (other fields are the calibration's record and ignored here). */
    public static ZeroPointOffsets read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("zero-point offsets " + file + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        JsonNode offsets = root == null ? null : root.get("offsets_mag");
        if (offsets == null || !offsets.isObject() || offsets.isEmpty()) {
            throw new IllegalArgumentException("zero-point offsets " + file + ": needs a non-empty object \"offsets_mag\" of band -> mag");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = offsets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("zero-point offsets " + file + ": band " + e.getKey() + " has '" + e.getValue() + "', not a number");
            }
            m.put(e.getKey(), e.getValue().asDouble());
        }
        try {
            return new ZeroPointOffsets(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("zero-point offsets " + file + ": " + e.getMessage(), e);
        }
    }

    /** The offsets as the JSON object {@link #read} expects, with the caller's record fields beside them. */
    public ObjectNode toJson(ObjectNode record) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode offsets = root.putObject("offsets_mag");
        offsetMagByBand.forEach(offsets::put);
        root.setAll(record);
        return root;
    }

    public void write(Path file, ObjectNode record) {
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(record)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
