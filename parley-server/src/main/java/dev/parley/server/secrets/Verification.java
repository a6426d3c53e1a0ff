package dev.parley.server.secrets;

/** The outcome of {@link ClientSecrets#verify}. */
public sealed interface Verification {

    /** The secret is genuine, unexpired, unrevoked and valid for the use. */
    record Valid(SecretClaims claims) implements Verification {}

    /** The secret is refused; {@code message} is safe to show the client (HTTP 401 body). */
    record Invalid(Reason reason, String message) implements Verification {}

    /** Why a secret is refused. */
    enum Reason {
        /** Not of the form {@code xai-realtime-client-secret-<payload>.<signature>}, or unreadable payload. */
        MALFORMED,
        /** The signature does not match (altered, or signed with another server key). */
        FORGED,
        /** Past {@code expires_at}. */
        EXPIRED,
        /** The minting API key revoked its secrets after this one was issued. */
        REVOKED,
        /** Presented somewhere client secrets are not accepted (REST). */
        WRONG_SCOPE
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
