package io.sedstream.inference.catalogue;

import io.sedstream.inference.features.BandFlux;
import java.util.ArrayList;
import java.util.List;

/** Turns one row's cells (text) into a {@link CatalogueRow}; a bad cell refuses its row only, naming column and value. */
final class RowDecoder {

    private final ColumnMap map;
    private final ColumnMap.Resolved cols;

    RowDecoder(ColumnMap map, ColumnMap.Resolved cols) {
        this.map = map;
        this.cols = cols;
    }

    /** Thrown inside decoding only, to refuse the row. */
    private static final class BadCell extends Exception {
        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    CatalogueRow decode(long rowNumber, List<String> cells) {
        int expected = cols.header().size();
        String id = cols.id() < cells.size() ? cells.get(cols.id()).strip() : "";
        if (cells.size() != expected) {
            return new CatalogueRow.Refused(rowNumber, id, cells.size() + " fields but the header has " + expected
                    + (cells.size() < expected ? " (short row: nothing is padded)" : " (extra fields)"));
        }
        if (id.isEmpty()) {
            return new CatalogueRow.Refused(rowNumber, id, "empty id (column '" + cols.layout().idColumn() + "')");
        }
        try {
            List<String> bands = cols.layout().bands();
            List<BandFlux> fluxes = new ArrayList<>(bands.size());
            for (int b = 0; b < bands.size(); b++) {
                Double f = flux(cells, cols.flux()[b]);
                Double e = flux(cells, cols.err()[b]);
                // No flux = not observed, whatever the error column says (EAZY writes -99 in both).
                fluxes.add(f == null ? BandFlux.missing(bands.get(b)) : new BandFlux(bands.get(b), f * map.toNJy(),
                        e == null ? null : e * map.toNJy()));
            }
            Double specZ = null;
            if (cols.specZ() >= 0) {
                specZ = number(cells, cols.specZ());
                if (specZ != null && map.specZMissingBelow() != null && specZ < map.specZMissingBelow()) {
                    specZ = null;
                }
            }
            return new CatalogueRow.Read(rowNumber, id, fluxes, specZ);
        } catch (BadCell bad) {
            return new CatalogueRow.Refused(rowNumber, id, bad.getMessage());
        }
    }

    private Double flux(List<String> cells, int col) throws BadCell {
        Double v = number(cells, col);
        return v != null && map.missingBelow() != null && v < map.missingBelow() ? null : v;
    }

    /** Empty, NaN or nan (any case) = missing; anything else must parse as a number. */
    private Double number(List<String> cells, int col) throws BadCell {
        String v = cells.get(col).strip();
        if (v.isEmpty() || v.equalsIgnoreCase("nan")) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new BadCell("column '" + cols.header().get(col) + "' value '" + v + "' is not a number");
        }
    }
}
