package dev.parley.server.secrets;

import dev.parley.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON mapping of {@code POST /v1/realtime/client_secrets} (spec §3): request {@code {"expires_after": {"seconds":
 * int}, "session": {"model", "reasoning": {"effort"}}}} (all optional; empty body allowed), response the flat
 * {@code {"value", "expires_at"}}. Unknown fields are ignored. A {@code session} is accepted and bound as the defaults
 * of the sessions the secret opens (CONFLICT #6: its presence is never a reason for a 400), but what it binds is
 * checked as strictly as the rest of the body, since it is signed into the token: {@code session} is an object or null,
 * {@code session.model} one of the realtime models, {@code session.reasoning} an object whose {@code effort} is
 * {@code "high"} or {@code "none"}; anything else is a 400 naming the field.
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
     * @param body   the raw body; null or blank means {@code {}}
     * @param models the realtime models a secret may bind ({@code session.model})
     * @throws SecretRequestException for malformed JSON, a non-object body, a non-integer or out-of-range
     *     {@code expires_after.seconds}, an {@code expires_after.anchor} other than {@code created_at}, or a
     *     {@code session} that is not an object, names another model or malforms {@code reasoning}
     */
    public static Request parseRequest(byte[] body, Collection<String> models) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) return new Request(null, SessionDefaults.NONE);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SecretRequestException(Json.malformed("request body is not valid JSON", e));
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
        if (session != null && !session.isNull()) {
            if (!session.isObject()) throw new SecretRequestException("session must be an object");
            JsonNode m = session.get("model");
            if (m != null && !m.isNull()) {
                if (!m.isString() || !models.contains(m.stringValue())) {
                    throw new SecretRequestException("session.model must be one of " + String.join(", ", models));
                }
                model = m.stringValue();
            }
            JsonNode r = session.get("reasoning");
            if (r != null && !r.isNull()) {
                if (!r.isObject()) throw new SecretRequestException("session.reasoning must be an object");
                JsonNode e = r.get("effort");
                if (e != null && !e.isNull()) {
                    if (!e.isString() || !(e.stringValue().equals("high") || e.stringValue().equals("none"))) {
                        throw new SecretRequestException("session.reasoning.effort must be \"high\" or \"none\"");
                    }
                    effort = e.stringValue();
                }
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
