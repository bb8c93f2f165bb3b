package io.sedstream.inference.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV (commons-csv) or whitespace-separated text, streamed; bytes that are not valid in the charset are an error, never guessed. */
final class TextCatalogueReader implements CatalogueReader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final Charset charset;
    private final Reader reader;
    private final Iterator<List<String>> cells;
    private final LineTracker lines;
    private final CatalogueLayout layout;
    private final RowDecoder decoder;
    private long row;
    private long lastLine;

    /** Supplies the line number where the next row starts. */
    private interface LineTracker {
        long line();
    }

    private TextCatalogueReader(Path file, Charset charset, Reader reader, Iterator<List<String>> cells, LineTracker lines,
                                ColumnMap map) {
        this.file = file;
        this.charset = charset;
        this.reader = reader;
        this.cells = cells;
        this.lines = lines;
        List<String> header = next(cells, "the header");
        if (header == null) {
            throw new CatalogueException(file + ": empty file, expected a header line");
        }
        ColumnMap.Resolved resolved = map.resolve(header.stream().map(String::strip).toList(), file.toString());
        this.layout = resolved.layout();
        this.decoder = new RowDecoder(map, resolved);
    }

    static TextCatalogueReader open(Path file, ColumnMap map, Charset charset, boolean csv) {
        Reader reader = null;
        try {
            // REPORT, not the default REPLACE: Latin-1 bytes read as UTF-8 would otherwise become silent U+FFFD ids.
            var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            PushbackReader in = new PushbackReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16));
            reader = in;
            int first = in.read();
            if (first >= 0 && first != BYTE_ORDER_MARK) {
                in.unread(first);
            }
            if (csv) {
                CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get().parse(in);
                Iterator<CSVRecord> it = parser.iterator();
                Iterator<List<String>> cells = new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public List<String> next() {
                        return it.next().toList();
                    }
                };
                return new TextCatalogueReader(file, charset, reader, cells, parser::getCurrentLineNumber, map);
            }
            Whitespace ws = new Whitespace(new BufferedReader(in));
            return new TextCatalogueReader(file, charset, reader, ws, ws::lineNumber, map);
        } catch (CharacterCodingException e) {
            closeQuietly(reader);
            throw notInCharset(file, charset, "at the start", e);
        } catch (IOException e) {
            closeQuietly(reader);
            throw new CatalogueException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    private List<String> next(Iterator<List<String>> it, String what) {
        long line = lines.line() + 1;
        try {
            List<String> c = it.hasNext() ? it.next() : null;
            lastLine = lines.line();
            return c;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof CharacterCodingException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw notInCharset(file, charset, "near line " + line + " (" + what + ")", e);
            }
            throw new CatalogueException(file + " near line " + line + " (" + what + "): cannot parse: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private static CatalogueException notInCharset(Path file, Charset charset, String where, Exception e) {
        return new CatalogueException(file + " " + where + ": bytes that are not valid " + charset.name() + " text; re-save the file as "
                + charset.name() + " or give its encoding (--encoding, e.g. ISO-8859-1)", e);
    }

    @Override
    public boolean hasNext() {
        try {
            return cells.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            // The parser reads ahead in hasNext; surface the same clear message next() would.
            next(cells, "row " + (row + 1));
            return false;
        }
    }

    @Override
    public CatalogueRow next() {
        List<String> c = next(cells, "row " + (row + 1));
        if (c == null) {
            throw new NoSuchElementException();
        }
        row++;
        return decoder.decode(row, c);
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
        return "line " + lastLine;
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(Reader r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    /** Whitespace-separated rows; the first non-blank line is the header (leading '#' dropped), later '#' lines are comments. */
    private static final class Whitespace implements Iterator<List<String>> {
        private final BufferedReader in;
        private List<String> pending;
        private long lineNumber;
        private long pendingLine = 1;
        private boolean headerRead;

        Whitespace(BufferedReader in) {
            this.in = in;
        }

        long lineNumber() {
            return pendingLine;
        }

        @Override
        public boolean hasNext() {
            if (pending != null) {
                return true;
            }
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    lineNumber++;
                    String s = line.strip();
                    if (s.isEmpty()) {
                        continue;
                    }
                    if (s.startsWith("#")) {
                        if (headerRead) {
                            continue;
                        }
                        s = s.substring(1).strip();
                    }
                    headerRead = true;
                    pending = new ArrayList<>(Arrays.asList(s.split("\\s+")));
                    pendingLine = lineNumber;
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<String> p = pending;
            pending = null;
            return p;
        }
    }
}
