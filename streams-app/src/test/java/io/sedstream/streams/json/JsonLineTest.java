package io.sedstream.streams.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void stringsAreEscapedAndTheLineIsOneLine() {
        ObjectNode o = JsonLine.object();
        o.put("model", "default \"1.2.0\"\nsecond line\\");
        o.put("n", 3);
        String line = JsonLine.write(o);
        assertTrue(!line.contains("\n"), line);
        JsonNode back = JsonLine.readAvroText(line);
        assertEquals("default \"1.2.0\"\nsecond line\\", back.path("model").asText());
        assertEquals(3, back.path("n").asInt());
    }

    @Test
    void roundingMatchesWhatAFixedPointFormatShowed() {
        assertEquals(6400.0, JsonLine.rounded(6399.96, 1));
        assertEquals(0.68, JsonLine.rounded(0.6800499, 4));
        assertEquals(2.35, JsonLine.rounded(2.345, 2), "half up, from the decimal value");
        assertEquals(-1.5, JsonLine.rounded(-1.46, 1));
        assertTrue(Double.isNaN(JsonLine.rounded(Double.NaN, 1)));
    }

    @Test
    void avroTextKeepsNonFiniteNumbersAndRefusesGarbage() {
        JsonNode v = JsonLine.readAvroText("{\"mean\": NaN, \"upper\": Infinity, \"id\": \"a\"}");
        assertTrue(Double.isNaN(v.path("mean").asDouble()));
        assertEquals(Double.POSITIVE_INFINITY, v.path("upper").asDouble());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLine.readAvroText("{\"id\": \"a\"} trailing"));
        assertTrue(e.getMessage().startsWith("Avro's rendering is not JSON"), e.getMessage());
    }
}
