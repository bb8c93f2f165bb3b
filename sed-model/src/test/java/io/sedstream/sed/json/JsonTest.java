package io.sedstream.sed.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTrips() {
        Object v = Json.parse("{\"a\": [1, 2.5, -3e-2], \"b\": {\"c\": \"x\\\"y\", \"d\": null, \"e\": true}}");
        String back = Json.write(v);
        assertEquals(v, Json.parse(back));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertEquals(List.of(1.0, 2.5, -0.03), m.get("a"));
    }

    @Test
    void rejectsMalformedText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertEquals(true, e.getMessage().contains("offset"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }
}
