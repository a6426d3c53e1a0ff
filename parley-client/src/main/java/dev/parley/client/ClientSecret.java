package dev.parley.client;

import java.time.Instant;

/**
 * An ephemeral client secret from {@code POST /v1/realtime/client_secrets}: give {@link #value()} to a browser or
 * device, which connects with it ({@link VoiceClient.Builder#clientSecret(String)}) instead of the API key.
 *
 * @param value     the secret (opaque)
 * @param expiresAt Unix seconds after which no new session can be opened with it
 */
public record ClientSecret(String value, long expiresAt) {
    /** {@link #expiresAt()} as an instant. */
    public Instant expiry() {
        return Instant.ofEpochSecond(expiresAt);
    }

    @Override
    public String toString() {
        return "ClientSecret[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
