package dev.parley.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Extracts credentials from request headers: {@code Authorization: Bearer <token>}, the WebSocket subprotocol
 * {@code xai-client-secret.<token>} (spec §1.2), and OpenAI's browser subprotocol
 * {@code openai-insecure-api-key.<key>} (spec §1.2, INFERRED; never echoed). Pure functions, no state.
 */
public final class BearerTokens {
    private BearerTokens() {}

    /** The subprotocol prefix that carries a credential; the token is everything after it. */
    public static final String SUBPROTOCOL_PREFIX = "xai-client-secret.";

    /** OpenAI's browser subprotocol prefix that carries an API key (spec §1.2 INFERRED); never echoed. */
    public static final String OPENAI_KEY_SUBPROTOCOL_PREFIX = "openai-insecure-api-key.";

    /** The token of an {@code Authorization} header value, or null when it is not a non-empty Bearer token. */
    public static String fromAuthorization(String header) {
        if (header == null) return null;
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * The offered subprotocols, in order, from the values of every {@code Sec-WebSocket-Protocol} header
     * (each a comma-separated list).
     */
    public static List<String> subprotocols(List<String> headerValues) {
        List<String> out = new ArrayList<>();
        for (String v : headerValues) {
            if (v == null) continue;
            for (String p : v.split(",")) {
                String s = p.strip();
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    /**
     * Every offered subprotocol that carries a credential ({@code xai-client-secret.<token>} or
     * {@code openai-insecure-api-key.<key>} with a non-empty token), in order. The router refuses a handshake that
     * offers more than one: which of them counts would be a guess.
     */
    public static List<String> credentialSubprotocols(List<String> offered) {
        List<String> out = new ArrayList<>();
        for (String p : offered) {
            if (carries(p, SUBPROTOCOL_PREFIX) || carries(p, OPENAI_KEY_SUBPROTOCOL_PREFIX)) out.add(p);
        }
        return out;
    }

    private static boolean carries(String protocol, String prefix) {
        return protocol.length() > prefix.length() && protocol.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    /** The first offered {@code xai-client-secret.<token>} subprotocol with a non-empty token, or null. */
    public static String credentialSubprotocol(List<String> offered) {
        for (String p : offered) {
            if (carries(p, SUBPROTOCOL_PREFIX)) return p;
        }
        return null;
    }

    /** The key of the first offered {@code openai-insecure-api-key.<key>} subprotocol, or null. */
    public static String openAiKey(List<String> offered) {
        for (String p : offered) {
            if (carries(p, OPENAI_KEY_SUBPROTOCOL_PREFIX)) return p.substring(OPENAI_KEY_SUBPROTOCOL_PREFIX.length());
        }
        return null;
    }
}
