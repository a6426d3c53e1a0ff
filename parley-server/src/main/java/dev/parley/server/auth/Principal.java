package dev.parley.server.auth;

import java.util.Objects;

/**
 * Who made a request, as established by a {@link CredentialVerifier}.
 *
 * @param subject a stable, non-secret identifier safe to log (for API keys: {@code key:<first 8 hex of sha256>})
 * @param kind    what kind of credential was presented
 * @param model   the model a client secret was minted for (its session defaults), read once when the secret was
 *                verified; null for API keys and for secrets minted without one
 */
public record Principal(String subject, Kind kind, String model) {
    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
    }

    /** A principal with no bound model. */
    public Principal(String subject, Kind kind) {
        this(subject, kind, null);
    }

    /**
     * The account the credential belongs to, for per-account limits: the API key's id (8 hex digits of its SHA-256);
     * a client secret counts against the key that minted it.
     */
    public String account() {
        if (subject.startsWith("key:")) return subject.substring(4);
        if (subject.startsWith("secret:") && subject.length() >= 15) return subject.substring(7, 15);
        return subject;
    }

    /** The kind of credential. */
    public enum Kind { API_KEY, EPHEMERAL_SECRET }
}
