package io.sedstream.inference.catalogue;

import java.io.Closeable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * A photometry catalogue read row by row (nothing but the current row is held, so a catalogue of any size
 * runs in a small heap). The one reader behind {@code infer}, {@code produce} and the empirical noise fit.
 * By file name: {@code .csv} (RFC 4180, quoted fields, optional UTF-8 byte-order mark), {@code .fits}/{@code .fit}
 * (the first binary-table extension), anything else a whitespace-separated table whose first line is the header
 * (a leading {@code #} is dropped; later {@code #} lines are comments), as EAZY and many survey tools write them.
 * A header that cannot be resolved, or a file that cannot be decoded, throws {@link CatalogueException};
 * a bad row comes back as {@link CatalogueRow.Refused} and reading goes on.
 */
public interface CatalogueReader extends Iterator<CatalogueRow>, Closeable {

    CatalogueLayout layout();

    /** The file, for messages. */
    Path file();

    /** Where the last row returned starts in the file, for messages (e.g. "line 1001"). */
    String position();

    @Override
    void close();

    static CatalogueReader open(Path file, ColumnMap map, Charset charset) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogueException(file.toAbsolutePath() + " is not a readable file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fits.gz")) {
            return FitsCatalogueReader.open(file, map);
        }
        return TextCatalogueReader.open(file, map, charset, name.endsWith(".csv"));
    }
}
