package dev.parley.server.http;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's JSON mapper: snake_case property names, unknown fields ignored (spec §0.3: never reject a request only
 * because it contains an unknown field). Thread-safe; share it.
 */
public final class Json {
    private Json() {}

    /** The shared mapper. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** {@code value} as compact JSON bytes (UTF-8). */
    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }
}
