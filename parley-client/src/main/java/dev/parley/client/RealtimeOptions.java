package dev.parley.client;

/**
 * Query parameters of {@code GET /v1/realtime}. Null fields are not sent.
 *
 * @param model           e.g. {@code grok-voice-latest} (the default), or null
 * @param reasoningEffort {@code high} or {@code none} (query {@code reasoning.effort}), or null
 */
public record RealtimeOptions(String model, String reasoningEffort) {
    /** The default model. */
    public static RealtimeOptions defaults() {
        return new RealtimeOptions(null, null);
    }

    /** A model by name. */
    public static RealtimeOptions model(String model) {
        return new RealtimeOptions(model, null);
    }
}
