package dev.parley.client;

/**
 * {@code session.turn_detection}: {@link #manual()} (the client commits turns) or {@link #serverVad} (the server
 * detects the end of speech and answers on its own).
 *
 * @param type              {@code "server_vad"}, or null for manual turns
 * @param threshold         0.1–0.9 speech threshold, or null
 * @param silenceDurationMs silence that ends a turn, or null
 * @param prefixPaddingMs   audio kept before speech start, or null
 */
public record TurnDetection(String type, Double threshold, Integer silenceDurationMs, Integer prefixPaddingMs) {
    /** Manual turns ({@code "turn_detection": null}): append audio, commit, {@code response.create}. */
    public static TurnDetection manual() {
        return new TurnDetection(null, null, null, null);
    }

    /** Server voice activity detection with the server's default parameters. */
    public static TurnDetection serverVad() {
        return new TurnDetection("server_vad", null, null, null);
    }

    /** Server voice activity detection with explicit parameters. */
    public static TurnDetection serverVad(double threshold, int silenceDurationMs, int prefixPaddingMs) {
        return new TurnDetection("server_vad", threshold, silenceDurationMs, prefixPaddingMs);
    }

    /** True for {@link #manual()}. */
    public boolean isManual() {
        return type == null;
    }
}
