package dev.parley.server.tts;

import dev.parley.server.config.ParleyConfig;

/**
 * The TTS routes' limits and tuning: the {@code tts} section of the configuration, plus the TTS WebSocket's fixed
 * tuning (its outbound bound is the session kit's, {@code websocket.max_outbound_bytes}).
 *
 * @param maxTextChars        longest {@code text} of {@code POST /v1/tts} and longest single {@code text.delta}, in
 *                            characters (code points), before and after the {@code replace} substitutions
 * @param maxReplacements     most entries of a {@code replace} map
 * @param maxReplacementChars longest key and longest value of a {@code replace} map, in characters (code points)
 * @param wsInboxMessages     inbound bound of one TTS WebSocket: client messages read but not yet handled; when full
 *                            the server stops reading the socket (TCP backpressure) until the worker takes one
 * @param wsMaxPendingChars   text received on a TTS WebSocket but not yet synthesised; past it the worker synthesises
 *                            before reading more messages (so the inbox fills and backpressure starts)
 * @param idleFlushMillis     a TTS WebSocket synthesises buffered text without a sentence end after this long without
 *                            a new {@code text.delta}
 * @param idleFlushMinChars   ... provided at least this many characters are waiting (text that ends with sentence
 *                            punctuation is flushed whatever its length)
 */
record TtsSettings(int maxTextChars, int maxReplacements, int maxReplacementChars, int wsInboxMessages,
        int wsMaxPendingChars, long idleFlushMillis, int idleFlushMinChars) {

    /** The configured limits; 64 inbound messages, 60,000 characters waiting, idle flush after 300 ms (40 chars). */
    static TtsSettings of(ParleyConfig.Tts tts) {
        return new TtsSettings(tts.maxTextChars(), tts.maxReplacements(), tts.maxReplacementChars(), 64, 60_000, 300,
                40);
    }
}
