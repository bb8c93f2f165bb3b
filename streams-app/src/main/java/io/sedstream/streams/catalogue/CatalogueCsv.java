package io.sedstream.streams.catalogue;

import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A photometry catalogue as CSV: column {@code id}, then {@code <band>_flux} and {@code <band>_err}
 * in nJy (empty = band missing), optional {@code spec_z}. Other columns are refused, naming them.
 */
public final class CatalogueCsv {

    /** One row: measurements in column order. */
    public record Row(int lineNumber, String id, List<Measurement> measurements, Double specZ) {
        public PhotometryRecord toRecord(String survey, Instant observedAt) {
            return PhotometryRecord.newBuilder().setObjectId(id).setSurvey(survey).setObservedAt(observedAt)
                    .setMeasurements(measurements).setSpecZ(specZ).build();
        }
    }

    private CatalogueCsv() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty file, expected a header line starting with 'id'");
            }
            String[] cols = split(header);
            if (cols.length == 0 || !cols[0].equals("id")) {
                throw new IllegalArgumentException(file + ": the first column must be 'id', found '" + (cols.length == 0 ? "" : cols[0]) + "'");
            }
            Map<String, int[]> bandCols = new LinkedHashMap<>();
            int specZCol = -1;
            for (int i = 1; i < cols.length; i++) {
                String c = cols[i];
                if (c.equals("spec_z")) {
                    specZCol = i;
                } else if (c.endsWith("_flux")) {
                    bandCols.computeIfAbsent(c.substring(0, c.length() - 5), k -> new int[] {-1, -1})[0] = i;
                } else if (c.endsWith("_err")) {
                    bandCols.computeIfAbsent(c.substring(0, c.length() - 4), k -> new int[] {-1, -1})[1] = i;
                } else {
                    throw new IllegalArgumentException(file + ": column '" + c + "' is neither <band>_flux, <band>_err nor spec_z");
                }
            }
            for (Map.Entry<String, int[]> e : bandCols.entrySet()) {
                if (e.getValue()[0] < 0 || e.getValue()[1] < 0) {
                    throw new IllegalArgumentException(file + ": band '" + e.getKey() + "' needs both " + e.getKey() + "_flux and "
                            + e.getKey() + "_err columns");
                }
            }
            String line;
            int lineNumber = 1;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] v = split(line);
                if (v.length > cols.length) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": " + v.length + " fields but the header has " + cols.length);
                }
                List<Measurement> ms = new ArrayList<>();
                for (Map.Entry<String, int[]> e : bandCols.entrySet()) {
                    ms.add(new Measurement(e.getKey(), number(v, e.getValue()[0], file, lineNumber, cols),
                            number(v, e.getValue()[1], file, lineNumber, cols)));
                }
                rows.add(new Row(lineNumber, v[0].strip(), ms, specZCol < 0 ? null : number(v, specZCol, file, lineNumber, cols)));
            }
        }
        return rows;
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        return parts;
    }

    private static Double number(String[] v, int col, Path file, int line, String[] cols) {
        if (col >= v.length || v[col].isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(v[col]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": column '" + cols[col] + "' value '" + v[col] + "' is not a number");
        }
    }
}
