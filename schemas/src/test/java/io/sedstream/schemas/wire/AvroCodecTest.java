package io.sedstream.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.SkyPosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroCodecTest {

    private static final SchemaStore STORE = SchemaStore.builtIn();
    private static final Instant OBSERVED = Instant.parse("2024-01-02T03:04:05.678Z");

    static PhotometryRecord sample() {
        return PhotometryRecord.newBuilder()
                .setObjectId("JADES-GS-123")
                .setSurvey("jades-gs")
                .setObservedAt(OBSERVED)
                .setMeasurements(List.of(
                        new Measurement("jwst.nircam.f444w", 120.5, 3.2),
                        new Measurement("hst.acs.f606w", null, null)))
                .setSpecZ(2.31)
                .setPosition(new SkyPosition(53.16, -27.78))
                .build();
    }

    static Schema schemaResource(String path) throws IOException {
        try (InputStream in = AvroCodecTest.class.getResourceAsStream(path)) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void roundTripsTheCurrentVersionWithTheSingleObjectHeader() {
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, STORE);
        byte[] bytes = codec.encode(sample());
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        long fp = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(SchemaStore.fingerprint(PhotometryRecord.getClassSchema()), fp);
        assertEquals(sample(), codec.decode(bytes));
    }

    /** The codec writes with Avro's generated custom coders: the bytes must be those of the generic writer. */
    @Test
    void customCodersWriteTheSameBytesAsTheGenericWriter() throws IOException {
        io.sedstream.schemas.ParameterSummary p = io.sedstream.schemas.ParameterSummary.newBuilder().setName("redshift")
                .setUnit("dimensionless").setMean(2.1).setStd(0.3).setMedian(2.05).setP25(1.5).setP16(1.8).setP84(2.4).setP975(2.8)
                .setMode(2.0).build();
        io.sedstream.schemas.PosteriorSummary s = io.sedstream.schemas.PosteriorSummary.newBuilder().setObjectId("o-1")
                .setSurvey("jades-gs").setModelName("default").setModelVersion("1.0.0").setModelFixture(false)
                .setParameters(List.of(p, p)).setBandsUsed(List.of("jwst.nircam.f444w")).setBandsMasked(List.of("hst.acs.f606w"))
                .setQuality(io.sedstream.schemas.QualityFlags.newBuilder().setBandsDetected(1).setDetectedBands(List.of("jwst.nircam.f444w"))
                        .setMassOutsidePriorBox(1e-3).setUnknownBandsIgnored(List.of()).setFixtureModel(false).setSpecZ(null).build())
                .setInputTopic("photometry").setInputPartition(1).setInputOffset(42).setInputTimestamp(OBSERVED)
                .setProcessedAt(OBSERVED.plusMillis(5)).setProcessingLatencyMicros(120)
                .setSamples(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0))).build();
        assertArrayEquals(genericBytes(s), new AvroCodec<>(io.sedstream.schemas.PosteriorSummary.class, STORE).encode(s));
        assertArrayEquals(genericBytes(sample()), new AvroCodec<>(PhotometryRecord.class, STORE).encode(sample()));
    }

    private static byte[] genericBytes(org.apache.avro.specific.SpecificRecord r) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(AvroCodec.singleObjectHeader(SchemaStore.fingerprint(r.getSchema())));
        org.apache.avro.io.BinaryEncoder enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<org.apache.avro.specific.SpecificRecord>(r.getSchema()).write(r, enc);
        enc.flush();
        return out.toByteArray();
    }

    @Test
    void readsARecordWrittenWithTheOlderVersion1() throws IOException {
        Schema v1 = schemaResource("/schemas/PhotometryRecord-v1.avsc");
        assertTrue(v1.getField("position") == null, "v1 must be the version without a sky position");
        Schema measurementV1 = v1.getField("measurements").schema().getElementType();
        GenericRecord m = new GenericData.Record(measurementV1);
        m.put("band", "jwst.nircam.f200w");
        m.put("fluxNJy", 55.0);
        m.put("fluxErrNJy", 1.5);
        GenericRecord r = new GenericData.Record(v1);
        r.put("objectId", "old-1");
        r.put("survey", "legacy");
        r.put("observedAt", OBSERVED.toEpochMilli());
        r.put("measurements", List.of(m));
        r.put("specZ", null);
        byte[] bytes = AvroCodec.encodeGeneric(r);

        PhotometryRecord decoded = new AvroCodec<>(PhotometryRecord.class, STORE).decode(bytes);
        assertEquals("old-1", decoded.getObjectId());
        assertEquals(OBSERVED, decoded.getObservedAt());
        assertEquals(55.0, decoded.getMeasurements().get(0).getFluxNJy());
        assertNull(decoded.getPosition(), "field added in v2 takes its default");
    }

    @Test
    void readsARecordWrittenWithANewerCompatibleVersion() throws IOException {
        Schema v3 = schemaResource("/schemas/PhotometryRecord-v3.avsc");
        GenericRecord m = new GenericData.Record(v3.getField("measurements").schema().getElementType());
        m.put("band", "jwst.nircam.f444w");
        m.put("fluxNJy", 10.0);
        m.put("fluxErrNJy", 2.0);
        m.put("apertureArcsec", 0.5);
        Schema posSchema = v3.getField("position").schema().getTypes().get(1);
        GenericRecord pos = new GenericData.Record(posSchema);
        pos.put("raDeg", 1.0);
        pos.put("decDeg", 2.0);
        GenericRecord r = new GenericData.Record(v3);
        r.put("objectId", "new-1");
        r.put("survey", "future");
        r.put("observedAt", OBSERVED.toEpochMilli());
        r.put("measurements", List.of(m));
        r.put("specZ", 1.5);
        r.put("position", pos);
        r.put("pipelineVersion", "9.9");
        byte[] bytes = AvroCodec.encodeGeneric(r);

        // A reader that does not know v3 cannot resolve it: the fingerprint is unknown.
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new AvroCodec<>(PhotometryRecord.class, STORE).decode(bytes));
        assertEquals(WireFormatException.Kind.UNKNOWN_SCHEMA, e.kind());

        // Once v3 is registered (e.g. from a schema directory), the current reader drops the new fields.
        PhotometryRecord decoded = new AvroCodec<>(PhotometryRecord.class, STORE.with(v3)).decode(bytes);
        assertEquals("new-1", decoded.getObjectId());
        assertEquals(1.5, decoded.getSpecZ());
        assertEquals(new SkyPosition(1.0, 2.0), decoded.getPosition());
        assertEquals(new Measurement("jwst.nircam.f444w", 10.0, 2.0), decoded.getMeasurements().get(0));
    }

    @Test
    void anOlderReaderReadsWhatTheCurrentVersionWrites() throws IOException {
        Schema v1 = schemaResource("/schemas/PhotometryRecord-v1.avsc");
        byte[] bytes = new AvroCodec<>(PhotometryRecord.class, STORE).encode(sample());
        GenericRecord asV1 = new GenericDatumReader<GenericRecord>(PhotometryRecord.getClassSchema(), v1)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));
        assertEquals("JADES-GS-123", asV1.get("objectId").toString());
        assertNull(asV1.getSchema().getField("position"), "v1 has no position field");
        assertEquals(2, ((List<?>) asV1.get("measurements")).size());
    }

    @Test
    void readsConfluentFramingThroughTheShippedIdMap() {
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, STORE);
        byte[] confluent = codec.encodeConfluent(sample(), 2);
        assertEquals(0, confluent[0]);
        assertEquals(sample(), codec.decode(confluent));
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(codec.encodeConfluent(sample(), 999)));
        assertEquals(WireFormatException.Kind.UNKNOWN_SCHEMA, e.kind());
        assertTrue(e.getMessage().contains("999"));
    }

    @Test
    void readsConfluentFramingThroughAnExternalMapFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("v3.avsc"), schemaResource("/schemas/PhotometryRecord-v3.avsc").toString());
        Files.writeString(dir.resolve("ids.properties"), "42=v3.avsc\n43=PhotometryRecord-v1.avsc\n");
        SchemaStore store = STORE.withConfluentMap(dir.resolve("ids.properties"));
        assertTrue(store.byConfluentId(42).isPresent());
        assertTrue(store.byConfluentId(43).isPresent());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> {
            Files.writeString(dir.resolve("bad.properties"), "x=v3.avsc\n");
            STORE.withConfluentMap(dir.resolve("bad.properties"));
        });
        assertTrue(bad.getMessage().contains("'x'"), bad.getMessage());
    }

    @Test
    void classifiesBytesThatAreNotAvro() {
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, STORE);
        for (byte[] junk : new byte[][] {null, new byte[0], "{\"objectId\":\"x\"}".getBytes(), {(byte) 0xC3}}) {
            WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(junk));
            assertEquals(WireFormatException.Kind.NOT_AVRO, e.kind(), Arrays.toString(junk));
        }
    }

    @Test
    void classifiesAnotherRecordTypeAsWrongSchema() {
        DeadLetter dl = DeadLetter.newBuilder().setTopic("t").setPartition(0).setOffset(1).setTimestamp(OBSERVED)
                .setReason(DeadLetterReason.OTHER).setDescription("d").setStage("validate").setApplicationId("a")
                .setFailedAt(OBSERVED).build();
        byte[] bytes = new AvroCodec<>(DeadLetter.class, STORE).encode(dl);
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new AvroCodec<>(PhotometryRecord.class, STORE).decode(bytes));
        assertEquals(WireFormatException.Kind.WRONG_SCHEMA, e.kind());
        assertEquals(dl, new AvroCodec<>(DeadLetter.class, STORE).decode(bytes));
    }

    @Test
    void classifiesTruncatedAndPaddedBodiesAsMalformed() {
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, STORE);
        byte[] good = codec.encode(sample());
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        assertEquals(WireFormatException.Kind.MALFORMED, assertThrows(WireFormatException.class, () -> codec.decode(truncated)).kind());
        byte[] padded = Arrays.copyOf(good, good.length + 3);
        assertEquals(WireFormatException.Kind.MALFORMED, assertThrows(WireFormatException.class, () -> codec.decode(padded)).kind());
    }

    @Test
    void decodesGenericallyInTheWriterSchema() {
        byte[] bytes = new AvroCodec<>(PhotometryRecord.class, STORE).encode(sample());
        GenericRecord g = AvroCodec.decodeGeneric(bytes, STORE);
        assertEquals("io.sedstream.schemas.PhotometryRecord", g.getSchema().getFullName());
        assertEquals("JADES-GS-123", g.get("objectId").toString());
        assertArrayEquals(bytes, AvroCodec.encodeGeneric(g));
    }

    @Test
    void theBuiltInStoreKnowsEveryCurrentSchemaAndTheOlderVersion() {
        assertEquals(SchemaStore.currentSchemas().size() + 1, STORE.size());
        for (Schema s : SchemaStore.currentSchemas()) {
            assertTrue(STORE.byFingerprint(SchemaStore.fingerprint(s)).isPresent(), s.getFullName());
        }
    }
}
