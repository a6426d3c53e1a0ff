package dev.parley.client;

import java.util.concurrent.CompletableFuture;

/**
 * An open voice-agent WebSocket ({@code GET /v1/realtime}, spec §4): send {@link ClientEvent}s, receive
 * {@link ServerEvent}s on the {@link SocketListener} given to {@link VoiceClient#openRealtime}. The server greets with
 * {@link ServerEvent.SessionCreated} and {@link ServerEvent.ConversationCreated}; events may be sent before they
 * arrive.
 *
 * <p>A text turn: {@code send(new SessionUpdate(...))}, {@code send(new ItemCreate(Message.userText("Hi")))},
 * {@code send(new ResponseCreate())}, then audio and transcript deltas up to {@link ServerEvent.ResponseDone}. A manual
 * voice turn: {@link ClientEvent.InputAudioAppend}s, {@link ClientEvent.InputAudioCommit}, {@link ClientEvent.ResponseCreate}.
 *
 * <p><b>Sending.</b> Thread-safe, in call order, bounded as described on {@link TtsSocket} (a send beyond
 * {@value VoiceClient#MAX_QUEUED_BYTES} queued bytes fails with {@link IllegalStateException}).
 */
public interface RealtimeSocket extends AutoCloseable {
    /** Sends an event without an {@code event_id}. */
    CompletableFuture<Void> send(ClientEvent event);

    /**
     * Sends an event with {@code event_id}; a failure is reported by a {@link ServerEvent.Error} whose
     * {@code clientEventId} is this id.
     */
    CompletableFuture<Void> send(ClientEvent event, String eventId);

    /** The subprotocol the server selected in the handshake ({@code xai-client-secret.…}), or empty. */
    String subprotocol();

    /** Sends a close frame (1000) after the queued messages. Idempotent. */
    @Override
    void close();

    /** Drops the connection at once. */
    void abort();
}
