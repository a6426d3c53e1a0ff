package dev.parley.client;

import java.util.concurrent.CompletableFuture;

/**
 * An open TTS WebSocket ({@code GET /v1/tts}, spec §6): send text, receive {@link TtsEvent}s on the
 * {@link SocketListener} given to {@link VoiceClient#openTts}. One socket carries any number of utterances:
 * {@link #sendText} pieces, {@link #done()}, wait for {@link TtsEvent.AudioDone}, repeat.
 *
 * <p><b>Sending.</b> Thread-safe; messages leave in call order. Each send returns a future that completes when the
 * message is handed to the transport. Sends queue in the SDK up to {@value VoiceClient#MAX_QUEUED_BYTES} bytes; a send
 * that would exceed that fails its future with {@link IllegalStateException} and queues nothing (the caller waits on
 * earlier futures and retries). Joining each future is the simplest way to respect backpressure.
 */
public interface TtsSocket extends AutoCloseable {
    /** {@code text.delta}: more text of the current utterance (at most 15,000 characters per call). */
    CompletableFuture<Void> sendText(String delta);

    /** {@code text.done}: the utterance is complete; the server finishes its audio and sends {@code audio.done}. */
    CompletableFuture<Void> done();

    /** {@code text.clear}: abandon the current utterance (barge-in); answered by {@link TtsEvent.AudioClear}. */
    CompletableFuture<Void> clear();

    /** Sends a close frame (1000) after the queued messages; the listener then gets {@code onClose}. Idempotent. */
    @Override
    void close();

    /** Drops the connection at once, without a close handshake. */
    void abort();
}
