package dev.parley.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the benchmarks and the test client (plain Jackson defaults). Thread-safe. */
public final class Json {
    /** Shared, immutable mapper. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses JSON text. */
    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }
}
