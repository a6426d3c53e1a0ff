package dev.parley.server.auth;

import java.util.Optional;

/**
 * Checks a bearer token (from {@code Authorization: Bearer <token>} or from the WebSocket subprotocol
 * {@code xai-client-secret.<token>}).
 *
 * <p>Contract: called on request threads (virtual threads), concurrently; must be thread-safe and must not block
 * for long (no network I/O on the hot path). Returns empty when this verifier does not accept the token; it never
 * throws for a bad token. Implementations compare secrets in constant time.
 */
@FunctionalInterface
public interface CredentialVerifier {
    /**
     * @param token the presented token, never null, opaque
     * @param scope where it was presented
     * @return the principal when the token is valid for {@code scope}, else empty
     */
    Optional<Principal> verify(String token, Scope scope);
}
