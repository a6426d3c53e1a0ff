package dev.parley.client.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The SDK's Jackson mapper and lenient field readers (absent or JSON null both read as null / the default). */
public final class Json {
    private Json() {}

    /** Thread-safe, shared. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String str(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.isValueNode() ? v.asString() : v.toString();
    }

    public static int integer(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? 0 : v.asInt();
    }

    public static Integer integerOrNull(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? null : v.asInt();
    }

    public static long longValue(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? 0 : v.asLong();
    }

    public static double dbl(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? 0 : v.asDouble();
    }

    public static Double dblOrNull(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    public static boolean bool(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isBoolean() && v.asBoolean();
    }

    /** The elements of an array field (empty when absent or not an array). */
    public static List<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) for (JsonNode e : v.values()) out.add(e);
        return out;
    }

    public static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(n, field)) out.add(e.asString());
        return out;
    }

    public static Map<String, String> stringMap(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!e.getValue().isNull()) out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
            }
        }
        return out;
    }
}
