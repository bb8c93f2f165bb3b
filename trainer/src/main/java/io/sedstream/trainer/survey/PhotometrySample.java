package io.sedstream.trainer.survey;

import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.library.LibraryRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * AB magnitudes of a set of galaxies in a fixed band order (the filter set's bands by pivot wavelength),
 * for the rows that pass the survey's selection (S/N >= a cut in one band). A band whose flux is missing
 * or not positive has no magnitude (NaN) in that row. Row-major [rows][bands].
 */
public final class PhotometrySample {
    private final List<String> bands;
    private double[] magnitudes = new double[1024];
    private int rows;
    private long rowsSeen;
    private long rowsRefused;
    private List<String> ignoredColumns = List.of();

    private PhotometrySample(List<String> bands) {
        this.bands = List.copyOf(bands);
    }

    /** AB magnitude of a flux in nJy, NaN for a missing or non-positive flux. */
    public static double abMagnitude(double fluxNJy) {
        return fluxNJy > 0 && Double.isFinite(fluxNJy) ? ColumnMap.AB_ZERO_POINT_NJY - 2.5 * Math.log10(fluxNJy) : Double.NaN;
    }

    /** Whether a band measurement passes a S/N cut (a missing band never does). */
    static boolean passes(double fluxNJy, double errNJy, double minSnr) {
        return Double.isFinite(fluxNJy) && errNJy > 0 && fluxNJy / errNJy >= minSnr;
    }

    /** Reads a catalogue row by row; rows the reader refuses are counted, not kept. */
    public static PhotometrySample ofCatalogue(Path catalogue, ColumnMap columns, List<String> bands, String selectionBand, double minSnr) {
        PhotometrySample s = new PhotometrySample(bands);
        try (CatalogueReader reader = CatalogueReader.open(catalogue, columns, StandardCharsets.UTF_8)) {
            List<String> have = reader.layout().bands();
            int[] index = bands.stream().mapToInt(have::indexOf).toArray();
            int sel = have.indexOf(selectionBand);
            s.ignoredColumns = reader.layout().ignoredColumns();
            double[] row = new double[bands.size()];
            while (reader.hasNext()) {
                CatalogueRow r = reader.next();
                s.rowsSeen++;
                if (!(r instanceof CatalogueRow.Read read)) {
                    s.rowsRefused++;
                    continue;
                }
                BandFlux selected = sel < 0 ? null : read.fluxes().get(sel);
                if (selected == null || selected.isMissing() || selected.fluxErrNJy() == null
                        || !passes(selected.fluxNJy(), selected.fluxErrNJy(), minSnr)) {
                    continue;
                }
                for (int b = 0; b < index.length; b++) {
                    BandFlux f = index[b] < 0 ? null : read.fluxes().get(index[b]);
                    row[b] = f == null || f.isMissing() ? Double.NaN : abMagnitude(f.fluxNJy());
                }
                s.add(row);
            }
        }
        return s;
    }

    /** The observed (noisy) fluxes of the first {@code maxRows} galaxies of a library (0 = all). */
    public static PhotometrySample ofLibrary(Path library, List<String> bands, String selectionBand, double minSnr, long maxRows) {
        return ofLibraries(List.of(library), bands, selectionBand, minSnr, maxRows);
    }

    /**
     * The training libraries of a mixed-family model as one sample: from each, its first
     * {@code maxRows / libraries} galaxies (all of them with maxRows = 0), so each family weighs the same.
     */
    public static PhotometrySample ofLibraries(List<Path> libraries, List<String> bands, String selectionBand, double minSnr, long maxRows) {
        PhotometrySample s = new PhotometrySample(bands);
        long each = maxRows > 0 ? Math.max(1, maxRows / libraries.size()) : 0;
        for (Path library : libraries) {
            s.addLibrary(library, selectionBand, minSnr, each);
        }
        return s;
    }

    private void addLibrary(Path library, String selectionBand, double minSnr, long maxRows) {
        long seenBefore = rowsSeen;
        LibraryReader reader = LibraryReader.open(library);
        List<String> have = reader.manifest().bands();
        int[] index = bands.stream().mapToInt(have::indexOf).toArray();
        int sel = have.indexOf(selectionBand);
        if (sel < 0 || Arrays.stream(index).anyMatch(i -> i < 0)) {
            throw new IllegalArgumentException("library " + library + " bands " + have + " do not include " + bands + " and " + selectionBand);
        }
        double[] row = new double[bands.size()];
        for (LibraryRecord r : reader) {
            if (maxRows > 0 && rowsSeen - seenBefore >= maxRows) {
                break;
            }
            rowsSeen++;
            if (!passes(r.observedFluxNJy()[sel], r.fluxErrNJy()[sel], minSnr)) {
                continue;
            }
            for (int b = 0; b < index.length; b++) {
                row[b] = abMagnitude(r.observedFluxNJy()[index[b]]);
            }
            add(row);
        }
    }

    private void add(double[] row) {
        int nb = bands.size();
        if ((rows + 1) * nb > magnitudes.length) {
            magnitudes = Arrays.copyOf(magnitudes, Math.max(magnitudes.length * 2, (rows + 1) * nb));
        }
        System.arraycopy(row, 0, magnitudes, rows * nb, nb);
        rows++;
    }

    public List<String> bands() {
        return bands;
    }

    /** Rows kept (passing the selection). */
    public int rows() {
        return rows;
    }

    /** Rows read (catalogue: including refused ones). */
    public long rowsSeen() {
        return rowsSeen;
    }

    public long rowsRefused() {
        return rowsRefused;
    }

    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    /** Magnitude of band b in each kept row (NaN where it has none). */
    public double[] magnitudes(int b) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = magnitudes[i * bands.size() + b];
        }
        return out;
    }

    /** Colour band b minus band b + 1 in each kept row (NaN unless both have a magnitude). */
    public double[] colour(int b) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = magnitudes[i * bands.size() + b] - magnitudes[i * bands.size() + b + 1];
        }
        return out;
    }
}
