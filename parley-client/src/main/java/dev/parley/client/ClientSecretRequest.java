package dev.parley.client;

/**
 * The body of {@code POST /v1/realtime/client_secrets}. All fields optional.
 *
 * @param expiresAfterSeconds lifetime, 1–3600 (server default 600), or null
 * @param model               realtime model sessions opened with the secret default to, or null
 * @param reasoningEffort     {@code high} or {@code none}, or null
 */
public record ClientSecretRequest(Integer expiresAfterSeconds, String model, String reasoningEffort) {
    /** The server's defaults ({@code {}}). */
    public static ClientSecretRequest defaults() {
        return new ClientSecretRequest(null, null, null);
    }

    /** A secret valid for {@code seconds}. */
    public static ClientSecretRequest expiringAfter(int seconds) {
        return new ClientSecretRequest(seconds, null, null);
    }
}
