package dev.parley.server.secrets;

/**
 * A freshly minted client secret: the flat response body of {@code POST /v1/realtime/client_secrets}
 * ({@code {"value": ..., "expires_at": ...}}, spec §3).
 *
 * @param value the token, {@code xai-realtime-client-secret-<payload>.<signature>}
 * @param expiresAt Unix seconds after which it no longer opens sessions
 */
public record MintedSecret(String value, long expiresAt) {}
