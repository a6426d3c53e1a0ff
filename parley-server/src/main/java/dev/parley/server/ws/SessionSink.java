package dev.parley.server.ws;

/**
 * Where a {@link ProtocolSession} sends its messages: the one outbound contract of every socket.
 *
 * <h2>Bound and overflow action</h2>
 * {@link #send} never blocks: it hands the message to the transport and counts its characters until the transport has
 * written them. When a message would take that count past {@code websocket.max_outbound_bytes} ({@link WsLimits}), the
 * client is not reading: the message is dropped, {@code send} returns false, the session is closed with
 * {@link ProtocolSession.CloseReason#SLOW_CLIENT} (on another thread), and the connection is closed with 1008; if the
 * close handshake has not completed {@link WsLimits#closeGrace()} later (the close frame waits behind the unread data),
 * the connection is dropped.
 *
 * <h2>Threading</h2>
 * Thread-safe, but a session that sends from several threads must order its messages itself (the realtime session
 * sends under its lock; the TTS and STT sessions from their one worker). Messages are written in the order of the
 * {@code send} calls that returned true.
 */
public interface SessionSink {
    /**
     * Queues one text message (JSON events are ASCII, so characters are bytes).
     *
     * @return false when it was not queued: the connection is closing or closed, or the client is not reading
     */
    boolean send(String text);

    /** Closes the connection with {@code code} and {@code reason} after the messages already queued. Idempotent. */
    void close(int code, String reason);
}
