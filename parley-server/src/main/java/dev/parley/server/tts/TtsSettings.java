package dev.parley.server.tts;

import java.util.List;

/**
 * Limits and tuning of the TTS endpoints. {@link #defaults()} are the production values; tests and benchmarks pass
 * smaller bounds.
 *
 * @param maxTextChars        longest {@code text} of {@code POST /v1/tts} and longest single {@code text.delta}, in
 *                            characters (code points); spec §11: 15,000 (CONFLICT #8: newer SDK says 60,000)
 * @param wsMaxPendingBytes   outbound bound of one TTS WebSocket: bytes of JSON text (almost all base64 audio) handed
 *                            to Jetty and not yet written to the network; a client that stops reading past it is
 *                            closed with 1008 and its synthesis cancelled
 * @param wsInboxMessages     inbound bound of one TTS WebSocket: client messages read but not yet handled; when full
 *                            the server stops reading the socket (TCP backpressure) until the worker takes one
 * @param wsMaxPendingChars   text received on a TTS WebSocket but not yet synthesised; past it the worker synthesises
 *                            before reading more messages (so the inbox fills and backpressure starts)
 * @param idleFlushMillis     a TTS WebSocket synthesises buffered text without a sentence end after this long without
 *                            a new {@code text.delta}
 * @param idleFlushMinChars   ... provided at least this many characters are waiting (text that ends with sentence
 *                            punctuation is flushed whatever its length)
 * @param engineOrder         TTS engine ids in order of preference when a voice's engine cannot speak a language or
 *                            is missing ({@code kokoro}, {@code piper}, {@code espeak})
 * @param warmUp              synthesise one short phrase per engine at install so that the first request does not
 *                            pay for lazy initialisation
 */
public record TtsSettings(int maxTextChars, long wsMaxPendingBytes, int wsInboxMessages, int wsMaxPendingChars,
        long idleFlushMillis, int idleFlushMinChars, List<String> engineOrder, boolean warmUp) {

    /** Bytes of pending outbound JSON after which a TTS WebSocket client counts as not reading: 4 MiB. */
    public static final long DEFAULT_WS_MAX_PENDING_BYTES = 4L << 20;

    public TtsSettings {
        if (maxTextChars < 1) throw new IllegalArgumentException("maxTextChars must be positive");
        if (wsMaxPendingBytes < 1024) throw new IllegalArgumentException("wsMaxPendingBytes must be at least 1024");
        if (wsInboxMessages < 1) throw new IllegalArgumentException("wsInboxMessages must be positive");
        if (wsMaxPendingChars < 1) throw new IllegalArgumentException("wsMaxPendingChars must be positive");
        if (idleFlushMillis < 1) throw new IllegalArgumentException("idleFlushMillis must be positive");
        engineOrder = List.copyOf(engineOrder);
    }

    /**
     * Production values: 15,000 characters, 4 MiB pending outbound, 64 inbound messages, 60,000 characters waiting,
     * idle flush after 300 ms with at least 40 characters, engines kokoro then piper then espeak, warm-up on. System
     * properties override two of them: {@code parley.tts.max_text_chars} (CONFLICT #8) and {@code parley.tts.warmup}
     * ({@code false} skips the warm-up, e.g. in test suites that start many servers and never synthesise).
     */
    public static TtsSettings defaults() {
        return new TtsSettings(Integer.getInteger("parley.tts.max_text_chars", 15_000), DEFAULT_WS_MAX_PENDING_BYTES,
                64, 60_000, 300, 40, List.of("kokoro", "piper", "espeak"),
                Boolean.parseBoolean(System.getProperty("parley.tts.warmup", "true")));
    }

    /** A copy with another outbound bound. */
    public TtsSettings withWsMaxPendingBytes(long bytes) {
        return new TtsSettings(maxTextChars, bytes, wsInboxMessages, wsMaxPendingChars, idleFlushMillis,
                idleFlushMinChars, engineOrder, warmUp);
    }

    /** A copy with warm-up on or off. */
    public TtsSettings withWarmUp(boolean on) {
        return new TtsSettings(maxTextChars, wsMaxPendingBytes, wsInboxMessages, wsMaxPendingChars, idleFlushMillis,
                idleFlushMinChars, engineOrder, on);
    }
}
