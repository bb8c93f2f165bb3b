package io.sedstream.trainer.library;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * Avro binary encoding of {@link LibraryRecord} exactly as the {@code SimulatedGalaxy} schema lays it out
 * (long, then four arrays of double), written and read straight from double[] so a million-galaxy
 * library is not boxed into Lists of Double. The files are ordinary Avro container files: any Avro
 * reader, including the generated {@link SimulatedGalaxy} class, reads them.
 */
public final class LibraryRecordCodec {
    private LibraryRecordCodec() {
    }

    /** The SimulatedGalaxy schema (from the generated class, i.e. from SimulatedGalaxy.avsc). */
    public static Schema schema() {
        return SimulatedGalaxy.getClassSchema();
    }

    /** Fails unless the schema's fields are the ones this codec writes, in the same order. */
    static void checkSchema(Schema s) {
        String[] expected = {"id", "parameters", "fluxNJy", "observedFluxNJy", "fluxErrNJy"};
        if (s.getFields().size() != expected.length) {
            throw new IllegalStateException("SimulatedGalaxy schema has " + s.getFields().size() + " fields, codec expects 5");
        }
        for (int i = 0; i < expected.length; i++) {
            if (!s.getFields().get(i).name().equals(expected[i])) {
                throw new IllegalStateException("SimulatedGalaxy field " + i + " is " + s.getFields().get(i).name()
                        + ", codec expects " + expected[i]);
            }
        }
    }

    /** Writer of LibraryRecord in SimulatedGalaxy layout. */
    public static final class Writer implements DatumWriter<LibraryRecord> {
        @Override
        public void setSchema(Schema schema) {
            checkSchema(schema);
        }

        @Override
        public void write(LibraryRecord r, Encoder out) throws IOException {
            out.writeLong(r.id());
            array(out, r.parameters());
            array(out, r.fluxNJy());
            array(out, r.observedFluxNJy());
            array(out, r.fluxErrNJy());
        }

        private static void array(Encoder out, double[] v) throws IOException {
            out.writeArrayStart();
            out.setItemCount(v.length);
            for (double x : v) {
                out.startItem();
                out.writeDouble(x);
            }
            out.writeArrayEnd();
        }
    }

    /** Reader of SimulatedGalaxy records into LibraryRecord. */
    public static final class Reader implements DatumReader<LibraryRecord> {
        @Override
        public void setSchema(Schema schema) {
            checkSchema(schema);
        }

        @Override
        public LibraryRecord read(LibraryRecord reuse, Decoder in) throws IOException {
            long id = in.readLong();
            return new LibraryRecord(id, array(in), array(in), array(in), array(in));
        }

        private static double[] array(Decoder in) throws IOException {
            double[] v = new double[0];
            int n = 0;
            for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
                if (n + block > Integer.MAX_VALUE - 8) {
                    throw new IOException("array too long: " + (n + block));
                }
                v = java.util.Arrays.copyOf(v, (int) (n + block));
                for (long i = 0; i < block; i++) {
                    v[n++] = in.readDouble();
                }
            }
            return v;
        }
    }
}
