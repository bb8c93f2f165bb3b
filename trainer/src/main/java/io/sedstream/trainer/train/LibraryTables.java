package io.sedstream.trainer.train;

import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.library.LibraryRecord;

import java.nio.file.Path;

/** Loads a training library (observed fluxes, errors, true parameters) into a {@link TrainingTable}. */
public final class LibraryTables {

    private LibraryTables() {
    }

    /**
     * @param maxRows read at most this many galaxies (0 = all); a library is i.i.d., so a prefix is a fair subsample
     */
    public static TrainingTable read(Path libraryDir, long maxRows) {
        LibraryReader reader = LibraryReader.open(libraryDir);
        long available = reader.size();
        long n = maxRows > 0 ? Math.min(maxRows, available) : available;
        if (n > Integer.MAX_VALUE / 32) {
            throw new IllegalArgumentException("library " + libraryDir + " has " + n + " galaxies, more than this trainer holds in memory");
        }
        int rows = (int) n;
        int b = reader.manifest().bands().size();
        int d = reader.manifest().parameterNames().size();
        double[] flux = new double[rows * b];
        double[] err = new double[rows * b];
        double[] theta = new double[rows * d];
        int r = 0;
        for (LibraryRecord rec : reader) {
            if (r == rows) {
                break;
            }
            if (rec.observedFluxNJy().length != b || rec.fluxErrNJy().length != b || rec.parameters().length != d) {
                throw new IllegalStateException("library " + libraryDir + " record " + rec.id() + " has array lengths "
                        + rec.observedFluxNJy().length + "/" + rec.fluxErrNJy().length + "/" + rec.parameters().length
                        + ", library.json says " + b + " bands and " + d + " parameters");
            }
            System.arraycopy(rec.observedFluxNJy(), 0, flux, r * b, b);
            System.arraycopy(rec.fluxErrNJy(), 0, err, r * b, b);
            System.arraycopy(rec.parameters(), 0, theta, r * d, d);
            r++;
        }
        if (r != rows) {
            throw new IllegalStateException("library " + libraryDir + " yielded " + r + " records, expected " + rows);
        }
        return new TrainingTable(reader.manifest().bands(), reader.manifest().parameterNames(), rows, flux, err, theta);
    }
}
