package dev.parley.server.secrets;

/**
 * What a valid client secret says.
 *
 * @param keyId id of the API key that minted it (a hash prefix of the key, never the key)
 * @param issuedAtMillis when it was minted, Unix milliseconds
 * @param expiresAt Unix seconds after which it no longer opens sessions
 * @param scope what it may open; {@link ClientSecrets#SCOPE_WS} (WebSocket handshakes only)
 * @param defaults session defaults bound at minting
 */
public record SecretClaims(String keyId, long issuedAtMillis, long expiresAt, String scope, SessionDefaults defaults) {}
