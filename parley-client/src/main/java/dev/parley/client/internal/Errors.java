package dev.parley.client.internal;

import dev.parley.client.ApiException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Maps an error response to {@link ApiException}. */
public final class Errors {
    private Errors() {}

    /**
     * Reads {@code {"code","error"}} (xAI, Parley) or {@code {"error":{"message","type","code"}}} (OpenAI style);
     * anything else becomes the message as text.
     */
    public static ApiException of(int status, HttpHeaders headers, byte[] body) {
        String requestId = headers == null ? null : headers.firstValue("x-request-id").orElse(null);
        String text = body == null ? "" : new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8);
        String code = null, error = null;
        try {
            JsonNode n = Json.parse(text);
            JsonNode e = n.get("error");
            if (e != null && e.isObject()) {
                error = Json.str(e, "message");
                code = Json.str(e, "code") != null ? Json.str(e, "code") : Json.str(e, "type");
            } else {
                error = Json.str(n, "error");
                code = Json.str(n, "code");
            }
        } catch (RuntimeException notJson) {
            // plain text body
        }
        if (error == null) error = text.isBlank() ? "HTTP " + status : text.strip();
        return new ApiException(status, code, error, requestId);
    }
}
