package io.sedstream.inference.catalogue;

import java.util.List;

/**
 * What a catalogue's header resolved to under a {@link ColumnMap}.
 *
 * @param idColumn       name of the id column
 * @param bands          band names (after the map's renaming) in column order
 * @param specZColumn    the spectroscopic-redshift column, or null
 * @param ignoredColumns columns that are none of these (e.g. ra, dec), kept out of the fit and listed
 */
public record CatalogueLayout(String idColumn, List<String> bands, String specZColumn, List<String> ignoredColumns) {
    public CatalogueLayout {
        bands = List.copyOf(bands);
        ignoredColumns = List.copyOf(ignoredColumns);
    }
}
