package dev.parley.server.http;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
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

    /**
     * {@code message} followed by where {@code e}, a failure to parse a client's JSON, found the text malformed:
     * {@code "Malformed JSON body (at line 1, column 27)"}, or {@code message} alone when the parser could not say.
     * Jackson's own message is never sent to a client (it describes the parser, and may quote the input at length).
     */
    public static String malformed(String message, JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) return message;
        return message + " (at line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "")
                + ")";
    }

    /** {@code value} as compact JSON bytes (UTF-8). */
    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }
}
