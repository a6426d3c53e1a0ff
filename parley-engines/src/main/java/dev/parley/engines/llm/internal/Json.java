package dev.parley.engines.llm.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small null-safe accessors over Jackson 3 trees (Jackson 3 throws on some coercions the 2.x API allowed). */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** The string at {@code field}, or null when absent, null or not a string. */
    public static String str(JsonNode node, String field) {
        if (node == null) return null;
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    /** The int at {@code field}, or {@code dflt} when absent or not a number. */
    public static int integer(JsonNode node, String field, int dflt) {
        if (node == null) return dflt;
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asInt() : dflt;
    }
}
