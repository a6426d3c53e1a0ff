package dev.parley.server.secrets;

/**
 * Session settings bound to a client secret by {@code POST /v1/realtime/client_secrets} ({@code session} in the body,
 * spec §3, CONFLICT #6: accepted and bound as defaults). A realtime session opened with the secret starts with them
 * unless the handshake's query overrides them.
 *
 * @param model realtime model, or null
 * @param reasoningEffort {@code high} or {@code none}, or null
 */
public record SessionDefaults(String model, String reasoningEffort) {
    public static final SessionDefaults NONE = new SessionDefaults(null, null);

    public boolean isEmpty() {
        return model == null && reasoningEffort == null;
    }
}
