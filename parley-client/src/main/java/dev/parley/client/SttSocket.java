package dev.parley.client;

import java.util.concurrent.CompletableFuture;

/**
 * An open streaming STT WebSocket ({@code GET /v1/stt}, spec §9). {@link VoiceClient#openStt} returns it only after
 * the server's {@link SttEvent.Created}, so audio may be sent at once. Send audio in real time or faster as binary
 * frames (about 100 ms each), then {@link #audioDone()}; results arrive as {@link SttEvent}s, ending with
 * {@link SttEvent.Done}, after which Parley closes the socket.
 *
 * <p><b>Sending.</b> Thread-safe, in call order, bounded as described on {@link TtsSocket}: each future completes
 * when the frame is handed to the transport, and a send beyond {@value VoiceClient#MAX_QUEUED_BYTES} queued bytes
 * fails with {@link IllegalStateException}.
 */
public interface SttSocket extends AutoCloseable {
    /** The session id of {@code transcript.created}. */
    String id();

    /**
     * Sends audio in the socket's encoding (interleaved when multichannel) as one binary frame. The bytes are copied
     * before this returns: the caller may reuse the array.
     */
    CompletableFuture<Void> sendAudio(byte[] audio, int offset, int length);

    /** {@link #sendAudio(byte[], int, int)} of the whole array. */
    default CompletableFuture<Void> sendAudio(byte[] audio) {
        return sendAudio(audio, 0, audio.length);
    }

    /** {@code audio.done}: no more audio; the server flushes its finals and sends {@code transcript.done}. */
    CompletableFuture<Void> audioDone();

    /** {@code finalize}: end the current utterance now (push-to-talk); the session goes on. */
    CompletableFuture<Void> finalizeUtterance();

    /** Sends a close frame (1000) after the queued messages. Idempotent. */
    @Override
    void close();

    /** Drops the connection at once. */
    void abort();
}
