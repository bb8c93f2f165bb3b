package io.sedstream.trainer.library;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;

/**
 * Writes one chunk file {@code part-NNNNN.avro} of a library. The Avro sync marker (normally random) is
 * derived from the library seed and chunk index, so a given seed always produces identical bytes.
 * Tracks each parameter's min and max for library.json.
 */
public final class ChunkWriter implements Closeable {
    private final Path file;
    private final DataFileWriter<LibraryRecord> writer;
    private final double[] min;
    private final double[] max;
    private long count;

    /** File name of chunk {@code index}. */
    public static String fileName(int index) {
        return String.format("part-%05d.avro", index);
    }

    /** The 16-byte sync marker of chunk {@code index} of a library with {@code seed}. */
    static byte[] syncMarker(long seed, int index) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x5DEECE66DL * (index + 1L)));
        byte[] sync = new byte[16];
        for (int i = 0; i < 16; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8; j++) {
                sync[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return sync;
    }

    /**
     * Opens chunk {@code index} in {@code dir}.
     *
     * @param deflateLevel 0 for no compression, 1-9 for Avro's deflate codec
     */
    public ChunkWriter(Path dir, int index, long seed, int parameterCount, int deflateLevel) {
        this.file = dir.resolve(fileName(index));
        this.min = new double[parameterCount];
        this.max = new double[parameterCount];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.writer = new DataFileWriter<>(new LibraryRecordCodec.Writer());
            writer.setCodec(deflateLevel > 0 ? CodecFactory.deflateCodec(deflateLevel) : CodecFactory.nullCodec());
            writer.setSyncInterval(1 << 20);
            writer.create(LibraryRecordCodec.schema(), out, syncMarker(seed, index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Appends one galaxy. */
    public void append(LibraryRecord r) {
        double[] p = r.parameters();
        if (p.length != min.length) {
            throw new IllegalArgumentException("record " + r.id() + " has " + p.length + " parameters, expected " + min.length);
        }
        for (int i = 0; i < p.length; i++) {
            min[i] = Math.min(min[i], p[i]);
            max[i] = Math.max(max[i], p[i]);
        }
        try {
            writer.append(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file, e);
        }
        count++;
    }

    public long count() {
        return count;
    }

    /** Per-parameter minimum over the records written (copy). */
    public double[] min() {
        return min.clone();
    }

    /** Per-parameter maximum over the records written (copy). */
    public double[] max() {
        return max.clone();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
