package io.sedstream.streams.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The service's and the CLI's one-line JSON outputs (health bodies, {@code consume} lines, the demo's
 * and bench's summary line), built as Jackson trees so every string is escaped and keys keep their order.
 */
public final class JsonLine {
    // Built once, never reconfigured; Jackson mappers are thread-safe.
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    // Avro's GenericData.toString prints a non-finite double as a bare NaN or Infinity.
    private static final ObjectMapper AVRO_TEXT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private JsonLine() {
    }

    /** An empty object to fill. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The node as one compact line (no trailing newline). */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Avro's JSON rendering of a record ({@code GenericData.toString}) as a tree; NaN and Infinity are kept. */
    public static JsonNode readAvroText(String text) {
        try {
            return AVRO_TEXT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Avro's rendering is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} rounded half-up to {@code decimals} places (the figure a {@code %.Nf} line showed), as a number. */
    public static double rounded(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
