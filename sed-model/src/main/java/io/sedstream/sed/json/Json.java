package io.sedstream.sed.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The physics module's JSON, read and written by Jackson with the checks a hand-written parser
 * tends to miss: a bad escape, a duplicate key or anything after the value is refused, with the
 * line and column of the problem.
 */
public final class Json {
    // Configured once here and never changed afterwards; Jackson mappers are thread-safe once built.
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** Parses one JSON value (the whole text) into a tree. */
    public static JsonNode parse(String text) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String kind = e instanceof JsonParseException ? "invalid JSON" : "unreadable JSON";
            throw new IllegalArgumentException(kind + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value (a tree, a Map/List of plain values, arrays, numbers, strings), pretty-printed. */
    public static String write(Object value) {
        try {
            return STRICT.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
