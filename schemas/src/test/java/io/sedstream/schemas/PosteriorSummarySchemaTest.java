package io.sedstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** The fields added to PosteriorSummary for issue 11 (redshiftSource, quality.flags, quality.misfitPValue) keep it compatible with v1 both ways. */
class PosteriorSummarySchemaTest {

    private static Schema v1() throws IOException {
        try (InputStream in = PosteriorSummarySchemaTest.class.getResourceAsStream("/history/PosteriorSummary-v1.avsc")) {
            assertNotNull(in, "test resource /history/PosteriorSummary-v1.avsc");
            Schema.Parser parser = new Schema.Parser();
            parser.parse(ParameterSummary.getClassSchema().toString());
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theCurrentSchemaReadsV1AndV1ReadsTheCurrent() throws IOException {
        Schema old = v1();
        Schema current = PosteriorSummary.getClassSchema();
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType(), "new reader, v1 writer");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType(), "v1 reader, new writer");
        assertNull(old.getField("redshiftSource"));
        assertNotNull(current.getField("redshiftSource").defaultVal());
        Schema oldQuality = old.getField("quality").schema();
        Schema quality = current.getField("quality").schema();
        for (String added : new String[] {"flags", "misfitPValue"}) {
            assertNull(oldQuality.getField(added), added + " is new");
            assertNotNull(quality.getField(added), added);
        }
    }

    @Test
    void aV1RecordReadsWithPhotometricRedshiftNoFlagsAndNoMisfit() throws IOException {
        Schema old = v1();
        GenericRecord q = new GenericData.Record(old.getField("quality").schema());
        q.put("bandsDetected", 3);
        q.put("detectedBands", List.of("a", "b", "c"));
        q.put("massOutsidePriorBox", 0.01);
        q.put("unknownBandsIgnored", List.of());
        q.put("fixtureModel", false);
        q.put("specZ", 1.5);
        GenericRecord r = new GenericData.Record(old);
        r.put("objectId", "g1");
        r.put("survey", "s");
        r.put("modelName", "default");
        r.put("modelVersion", "1.2.0");
        r.put("modelFixture", false);
        r.put("parameters", List.of());
        r.put("bandsUsed", List.of());
        r.put("bandsMasked", List.of());
        r.put("quality", q);
        r.put("inputTopic", "photometry");
        r.put("inputPartition", 0);
        r.put("inputOffset", 4L);
        r.put("inputTimestamp", 1L);
        r.put("processedAt", 2L);
        r.put("processingLatencyMicros", 3L);
        r.put("samples", List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(r, enc);
        enc.flush();
        PosteriorSummary read = new SpecificDatumReader<PosteriorSummary>(old, PosteriorSummary.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals(RedshiftSource.photometric, read.getRedshiftSource());
        assertEquals(List.of(), read.getQuality().getFlags());
        assertNull(read.getQuality().getMisfitPValue());
        assertEquals(1.5, read.getQuality().getSpecZ());
    }
}
