package io.sedstream.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one record type as Avro binary with the Avro single-object header
 * ({@code C3 01} + 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema) and decodes
 * both that and Confluent framing ({@code 00} + 4-byte big-endian schema id). The writer schema is
 * looked up in a {@link SchemaStore} and resolved against this codec's (reader) schema, so records
 * written with an older or a newer compatible version read correctly without a registry.
 *
 * <p>Thread-safe: readers are cached per writer schema; encoders and decoders are per call.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecord> {

    /** First two bytes of the Avro single-object encoding (Avro specification, "Single-object encoding"). */
    static final byte SINGLE_OBJECT_MARKER_0 = (byte) 0xC3;
    static final byte SINGLE_OBJECT_MARKER_1 = (byte) 0x01;
    static final int SINGLE_OBJECT_HEADER_BYTES = 10;
    /** Confluent wire format: magic byte 0 then a 4-byte big-endian schema id. */
    static final byte CONFLUENT_MAGIC = 0x00;
    static final int CONFLUENT_HEADER_BYTES = 5;

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaStore store;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public AvroCodec(Class<T> type, SchemaStore store) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.store = store.with(readerSchema);
        this.header = singleObjectHeader(SchemaStore.fingerprint(readerSchema));
        this.writer = new SpecificDatumWriter<>(readerSchema, encodingModel(type));
    }

    /**
     * The generated class's model (its logical-type conversions) with Avro's generated custom coders
     * switched on: nested records that have them (ParameterSummary, QualityFlags, Measurement, ...)
     * are then written by straight-line generated code instead of the generic per-field dispatch.
     * The bytes are identical (the same schema, the same binary encoding; tested). A copy, so the
     * class's shared static model is left as it is.
     */
    private static SpecificData encodingModel(Class<?> type) {
        SpecificData data = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(data::addLogicalTypeConversion);
        data.setCustomCoders(true);
        return data;
    }

    public Schema schema() {
        return readerSchema;
    }

    public Class<T> type() {
        return type;
    }

    /** The single-object header for a schema with this fingerprint. */
    public static byte[] singleObjectHeader(long fingerprint) {
        byte[] h = new byte[SINGLE_OBJECT_HEADER_BYTES];
        h[0] = SINGLE_OBJECT_MARKER_0;
        h[1] = SINGLE_OBJECT_MARKER_1;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return h;
    }

    /** Single-object encoding of {@code record} with the current schema. */
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, enc);
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Single-object encoding of a generic record with its own schema (for tools and tests writing other versions). */
    public static byte[] encodeGeneric(GenericRecord record) {
        Schema s = record.getSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(singleObjectHeader(SchemaStore.fingerprint(s)));
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(s).write(record, enc);
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + s.getFullName(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes either framing into {@code T}.
     *
     * @throws WireFormatException with the {@link WireFormatException.Kind} of the failure
     */
    public T decode(byte[] bytes) {
        Framed f = frame(bytes, store);
        if (!sameRecord(f.writerSchema, readerSchema)) {
            throw new WireFormatException(WireFormatException.Kind.WRONG_SCHEMA, "expected a " + readerSchema.getFullName()
                    + " but the bytes were written with schema " + f.writerSchema.getFullName());
        }
        DatumReader<T> reader = readers.computeIfAbsent(f.writerSchema, ws -> new SpecificDatumReader<>(ws, readerSchema));
        return read(reader, bytes, f, readerSchema.getFullName());
    }

    /** Decodes either framing into a generic record in the writer's own schema (any registered type). */
    public static GenericRecord decodeGeneric(byte[] bytes, SchemaStore store) {
        Framed f = frame(bytes, store);
        return read(new GenericDatumReader<>(f.writerSchema), bytes, f, f.writerSchema.getFullName());
    }

    private static <R> R read(DatumReader<R> reader, byte[] bytes, Framed f, String what) {
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, f.bodyOffset, bytes.length - f.bodyOffset, null);
        R out;
        try {
            out = reader.read(null, dec);
            if (!dec.isEnd()) {
                throw new WireFormatException(WireFormatException.Kind.MALFORMED,
                        what + " body has trailing bytes after the record (" + bytes.length + " bytes in all)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException w) {
                throw w;
            }
            throw new WireFormatException(WireFormatException.Kind.MALFORMED,
                    what + " body does not decode with writer schema " + f.writerSchema.getFullName() + ": " + e, e);
        }
        return out;
    }

    private static boolean sameRecord(Schema writer, Schema reader) {
        return writer.getFullName().equals(reader.getFullName()) || reader.getAliases().contains(writer.getFullName());
    }

    private record Framed(Schema writerSchema, int bodyOffset) { }

    private static Framed frame(byte[] bytes, SchemaStore store) {
        if (bytes == null || bytes.length == 0) {
            throw new WireFormatException(WireFormatException.Kind.NOT_AVRO, "value is null or empty");
        }
        if (bytes.length >= SINGLE_OBJECT_HEADER_BYTES && bytes[0] == SINGLE_OBJECT_MARKER_0 && bytes[1] == SINGLE_OBJECT_MARKER_1) {
            long fp = 0;
            for (int i = 0; i < 8; i++) {
                fp |= (bytes[2 + i] & 0xFFL) << (8 * i);
            }
            final long fingerprint = fp;
            Schema s = store.byFingerprint(fp).orElseThrow(() -> new WireFormatException(WireFormatException.Kind.UNKNOWN_SCHEMA,
                    String.format("Avro single-object fingerprint 0x%016x is not a registered schema", fingerprint)));
            return new Framed(s, SINGLE_OBJECT_HEADER_BYTES);
        }
        if (bytes.length >= CONFLUENT_HEADER_BYTES && bytes[0] == CONFLUENT_MAGIC) {
            int id = ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8) | (bytes[4] & 0xFF);
            Schema s = store.byConfluentId(id).orElseThrow(() -> new WireFormatException(WireFormatException.Kind.UNKNOWN_SCHEMA,
                    "Confluent schema id " + id + " is not in the schema map"));
            return new Framed(s, CONFLUENT_HEADER_BYTES);
        }
        throw new WireFormatException(WireFormatException.Kind.NOT_AVRO, String.format(
                "value (%d bytes, first byte 0x%02x) has neither the Avro single-object header C3 01 nor Confluent framing 00",
                bytes.length, bytes[0] & 0xFF));
    }

    /** Confluent framing of {@code record} under {@code schemaId} (for producers that must talk to registry users). */
    public byte[] encodeConfluent(T record, int schemaId) {
        byte[] single = encode(record);
        byte[] out = new byte[CONFLUENT_HEADER_BYTES + single.length - SINGLE_OBJECT_HEADER_BYTES];
        out[0] = CONFLUENT_MAGIC;
        out[1] = (byte) (schemaId >>> 24);
        out[2] = (byte) (schemaId >>> 16);
        out[3] = (byte) (schemaId >>> 8);
        out[4] = (byte) schemaId;
        System.arraycopy(single, SINGLE_OBJECT_HEADER_BYTES, out, CONFLUENT_HEADER_BYTES, single.length - SINGLE_OBJECT_HEADER_BYTES);
        return out;
    }
}
