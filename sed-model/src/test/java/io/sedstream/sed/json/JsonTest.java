package io.sedstream.sed.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsATree() {
        JsonNode v = Json.parse("{\"a\": [1, 2.5, -3e-2], \"b\": {\"c\": \"x\\\"y\\u00e9\", \"d\": null, \"e\": true}}");
        assertEquals(v, Json.parse(Json.write(v)));
        assertEquals(-0.03, v.get("a").get(2).asDouble());
        assertEquals("x\"y\u00e9", v.get("b").get("c").asText());
    }

    @Test
    void writesMapsListsAndArraysAsTheSameTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tab\there");
        m.put("values", new double[] {0.5, 1e-20});
        m.put("counts", new int[] {3, 4});
        m.put("nested", List.of(Map.of("k", true)));
        JsonNode back = Json.parse(Json.write(m));
        assertEquals(Json.parse("{\"name\": \"tab\\there\", \"values\": [0.5, 1e-20], \"counts\": [3, 4], \"nested\": [{\"k\": true}]}"), back);
    }

    @Test
    void refusesABadEscapeNamingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": \"x\\qy\"}"));
        assertTrue(e.getMessage().startsWith("invalid JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("escape"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> Json.parse("[\"\\u12G4\"]"));
        assertTrue(u.getMessage().contains("escape"), u.getMessage());
    }

    @Test
    void refusesTrailingGarbage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
        IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} {\"a\": 2}"));
        assertTrue(second.getMessage().toLowerCase().contains("trailing"), second.getMessage());
    }

    @Test
    void refusesDuplicateKeysNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"band\": \"F444W\",\n \"band\": \"F090W\"}"));
        assertTrue(e.getMessage().contains("Duplicate field 'band'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void refusesMalformedStructureAndNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": NaN}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 01}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"unterminated"));
    }
}
