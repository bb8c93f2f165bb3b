package io.sedstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** The fields added to ModelComparison for issue 5 keep it compatible with the v1 schema both ways. */
class ModelComparisonSchemaTest {

    private static Schema v1() throws IOException {
        try (InputStream in = ModelComparisonSchemaTest.class.getResourceAsStream("/history/ModelComparison-v1.avsc")) {
            assertNotNull(in, "test resource /history/ModelComparison-v1.avsc");
            Schema.Parser parser = new Schema.Parser();
            parser.parse(ParameterSummary.getClassSchema().toString()); // v1 refers to it by name
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theCurrentSchemaReadsV1AndV1ReadsTheCurrent() throws IOException {
        Schema old = v1();
        Schema current = ModelComparison.getClassSchema();
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType(), "new reader, v1 writer");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType(), "v1 reader, new writer");
        for (String added : new String[] {"bandsMasked", "model2Refusal", "evidenceRefusal"}) {
            assertEquals(null, old.getField(added), added + " is new");
            assertNotNull(current.getField(added).defaultVal(), added + " has a default");
        }
    }
}
