package io.sedstream.trainer.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.avro.file.DataFileReader;

/**
 * Reads a training library directory (library.json + part-NNNNN.avro) as {@link LibraryRecord}s in id
 * order. Checks that every chunk exists and holds the number of records library.json says.
 *
 * <pre>
 * LibraryReader lib = LibraryReader.open(dir);
 * List&lt;String&gt; bands = lib.manifest().bands();
 * for (LibraryRecord r : lib) { ... r.parameters(), r.observedFluxNJy(), r.fluxErrNJy() ... }
 * </pre>
 */
public final class LibraryReader implements Iterable<LibraryRecord> {
    private final Path dir;
    private final LibraryManifest manifest;

    private LibraryReader(Path dir, LibraryManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Opens a library directory. */
    public static LibraryReader open(Path dir) {
        LibraryManifest m = LibraryManifest.read(dir);
        for (LibraryManifest.Chunk c : m.chunks()) {
            if (!Files.isRegularFile(dir.resolve(c.file()))) {
                throw new IllegalArgumentException("library " + dir + " is missing chunk " + c.file());
            }
        }
        return new LibraryReader(dir, m);
    }

    public LibraryManifest manifest() {
        return manifest;
    }

    public Path directory() {
        return dir;
    }

    /** Number of galaxies. */
    public long size() {
        return manifest.n();
    }

    /** Reads every record of chunk {@code index} (in id order) into {@code sink}. */
    public void forEachInChunk(int index, Consumer<LibraryRecord> sink) {
        LibraryManifest.Chunk c = manifest.chunks().get(index);
        Path f = dir.resolve(c.file());
        long n = 0;
        try (DataFileReader<LibraryRecord> r = new DataFileReader<>(f.toFile(), new LibraryRecordCodec.Reader())) {
            while (r.hasNext()) {
                LibraryRecord rec = r.next();
                if (rec.id() != c.firstId() + n) {
                    throw new IllegalStateException(f + ": record " + n + " has id " + rec.id() + ", expected " + (c.firstId() + n));
                }
                sink.accept(rec);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        if (n != c.count()) {
            throw new IllegalStateException(f + " holds " + n + " records, library.json says " + c.count());
        }
    }

    /** Reads every record in id order. */
    @Override
    public void forEach(Consumer<? super LibraryRecord> sink) {
        for (int i = 0; i < manifest.chunks().size(); i++) {
            forEachInChunk(i, sink::accept);
        }
    }

    /** Iterates every record in id order (one chunk file open at a time). */
    @Override
    public Iterator<LibraryRecord> iterator() {
        return new Iterator<>() {
            private int chunk = -1;
            private long readInChunk;
            private DataFileReader<LibraryRecord> current;

            @Override
            public boolean hasNext() {
                try {
                    while (current == null || !current.hasNext()) {
                        if (current != null) {
                            checkCount();
                            current.close();
                            current = null;
                        }
                        if (chunk + 1 >= manifest.chunks().size()) {
                            return false;
                        }
                        chunk++;
                        readInChunk = 0;
                        current = new DataFileReader<>(dir.resolve(manifest.chunks().get(chunk).file()).toFile(),
                                new LibraryRecordCodec.Reader());
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read library " + dir, e);
                }
            }

            private void checkCount() {
                LibraryManifest.Chunk c = manifest.chunks().get(chunk);
                if (readInChunk != c.count()) {
                    throw new IllegalStateException(c.file() + " holds " + readInChunk + " records, library.json says " + c.count());
                }
            }

            @Override
            public LibraryRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                readInChunk++;
                return current.next();
            }
        };
    }
}
