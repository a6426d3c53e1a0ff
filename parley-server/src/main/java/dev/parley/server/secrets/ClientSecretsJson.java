package dev.parley.server.secrets;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON mapping of {@code POST /v1/realtime/client_secrets} (spec §3): request {@code {"expires_after": {"seconds":
 * int}, "session": {"model", "reasoning": {"effort"}}}} (all optional; empty body allowed), response the flat
 * {@code {"value", "expires_at"}}. Unknown fields are ignored; {@code session} is never a reason for a 400
 * (CONFLICT #6).
 */
public final class ClientSecretsJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClientSecretsJson() {}

    /**
     * A parsed request.
     *
     * @param seconds requested lifetime, or null for the default
     * @param defaults session defaults to bind
     */
    public record Request(Integer seconds, SessionDefaults defaults) {}

    /**
     * Parses a request body.
     *
     * @param body the raw body; null or blank means {@code {}}
     * @throws SecretRequestException for malformed JSON, a non-object body, a non-integer or out-of-range
     *     {@code expires_after.seconds}, or an {@code expires_after.anchor} other than {@code created_at}
     */
    public static Request parseRequest(byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) return new Request(null, SessionDefaults.NONE);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SecretRequestException("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new SecretRequestException("request body must be a JSON object");
        Integer seconds = null;
        JsonNode ea = root.get("expires_after");
        if (ea != null && !ea.isNull()) {
            if (!ea.isObject()) throw new SecretRequestException("expires_after must be an object");
            JsonNode s = ea.get("seconds");
            if (s != null && !s.isNull()) {
                if (!s.isIntegralNumber() || !s.canConvertToInt()) {
                    throw new SecretRequestException("expires_after.seconds must be an integer");
                }
                seconds = s.asInt();
                if (seconds <= 0 || seconds > ClientSecrets.MAX_TTL_SECONDS) {
                    throw new SecretRequestException("expires_after.seconds must be between 1 and "
                            + ClientSecrets.MAX_TTL_SECONDS + ", got " + seconds);
                }
            }
            JsonNode anchor = ea.get("anchor");
            if (anchor != null && !anchor.isNull() && !(anchor.isString() && anchor.stringValue().equals("created_at"))) {
                throw new SecretRequestException("expires_after.anchor is not supported");
            }
        }
        String model = null;
        String effort = null;
        JsonNode session = root.get("session");
        if (session != null && session.isObject()) {
            JsonNode m = session.get("model");
            if (m != null && m.isString() && !m.stringValue().isBlank()) model = m.stringValue();
            JsonNode r = session.get("reasoning");
            JsonNode e = r != null && r.isObject() ? r.get("effort") : null;
            if (e != null && e.isString() && (e.stringValue().equals("high") || e.stringValue().equals("none"))) {
                effort = e.stringValue();
            }
        }
        return new Request(seconds, new SessionDefaults(model, effort));
    }

    /** The flat response body {@code {"value": ..., "expires_at": ...}}. */
    public static String responseBody(MintedSecret secret) {
        return JSON.createObjectNode().put("value", secret.value()).put("expires_at", secret.expiresAt()).toString();
    }

    /** The xAI REST error body for a 400 (spec §1.4). */
    public static String errorBody(SecretRequestException e) {
        return JSON.createObjectNode().put("code", SecretRequestException.CODE).put("error", e.getMessage()).toString();
    }
}
