package io.sedstream.inference.catalogue;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;

/**
 * The first binary-table extension of a FITS file (nom-tam-fits), read row by row: the file is opened for
 * random access, so the table data stays on disk and only the current row's cells are read.
 */
final class FitsCatalogueReader implements CatalogueReader {

    private final Path file;
    private final Fits fits;
    private final BinaryTable table;
    private final int rows;
    private final int columns;
    private final CatalogueLayout layout;
    private final RowDecoder decoder;
    private int row;

    private FitsCatalogueReader(Path file, Fits fits, BinaryTableHDU hdu, ColumnMap map) {
        this.file = file;
        this.fits = fits;
        this.table = hdu.getData();
        this.rows = hdu.getNRows();
        this.columns = hdu.getNCols();
        List<String> header = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            String name = hdu.getColumnName(c);
            header.add(name == null ? "col" + (c + 1) : name.strip());
        }
        ColumnMap.Resolved resolved = map.resolve(header, file.toString());
        this.layout = resolved.layout();
        this.decoder = new RowDecoder(map, resolved);
    }

    static FitsCatalogueReader open(Path file, ColumnMap map) {
        Fits fits = null;
        try {
            fits = new Fits(file.toFile());
            BasicHDU<?> hdu;
            while ((hdu = fits.readHDU()) != null) {
                if (hdu instanceof BinaryTableHDU table) {
                    return new FitsCatalogueReader(file, fits, table, map);
                }
            }
            throw new CatalogueException(file + ": no binary-table extension (a FITS catalogue needs one, e.g. BINTABLE in HDU 1)");
        } catch (FitsException | IOException e) {
            close(fits);
            throw new CatalogueException(file + ": not a readable FITS file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(fits);
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        return row < rows;
    }

    @Override
    public CatalogueRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int r = row++;
        List<String> cells = new ArrayList<>(columns);
        try {
            for (int c = 0; c < columns; c++) {
                cells.add(text(table.get(r, c)));
            }
        } catch (RuntimeException e) { // FitsException is unchecked in nom-tam-fits 1.21
            return new CatalogueRow.Refused(r + 1L, "", "cannot read the row from the FITS table: " + e.getMessage());
        }
        return decoder.decode(r + 1L, cells);
    }

    /** A cell as text: scalars as they are, one-element vectors by their element; longer vectors are not photometry. */
    private static String text(Object cell) {
        Object v = cell;
        if (v != null && v.getClass().isArray()) {
            v = Array.getLength(v) == 1 ? Array.get(v, 0) : "[" + Array.getLength(v) + "-element vector]";
        }
        return v == null ? "" : v.toString().strip();
    }

    @Override
    public CatalogueLayout layout() {
        return layout;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String position() {
        return "table row " + row;
    }

    @Override
    public void close() {
        close(fits);
    }

    private static void close(Fits f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }
}
