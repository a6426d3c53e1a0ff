package dev.parley.server.ws;

import java.time.Duration;

/**
 * One WebSocket connection's protocol, free of transport: client messages in, server messages out through a
 * {@link SessionSink}. Each socket of Parley ({@code /v1/realtime}, {@code /v1/tts}, {@code /v1/stt}) is one of these
 * behind the one Jetty adapter, {@link WsConnection}; scripted tests drive them directly.
 *
 * <h2>Lifecycle</h2>
 * {@link #start} once when the connection opens, before any message; then {@link #onText} / {@link #onBinary} for every
 * client message, in order; then {@link #close} once, when the connection is gone (the peer closed it, it failed,
 * the server closed it for a client that does not read, or the server shut down). A session that wants to end the
 * connection itself calls {@link SessionSink#close}; {@link #close} follows when the close completes.
 *
 * <h2>Threading and inbound demand</h2>
 * {@code start}, {@code onText} and {@code onBinary} are called on the connection's reader (a virtual thread), never
 * concurrently. The transport reads the next frame from the network only after the current call returns, so a session
 * that blocks (for instance on a full {@link Inbox}) stops reading and TCP pushes back on the client: that is the one
 * inbound bound of every socket. {@link #close} may come from any thread, also while a message call runs; it must not
 * block for long.
 *
 * <h2>Buffers</h2>
 * The {@code byte[]} of {@link #onBinary} belongs to the session. Messages are at most
 * {@code websocket.max_message_bytes}; a larger one closes the connection (1009) before it reaches the session.
 */
public interface ProtocolSession {
    /** The connection is open: the sink is this session's until {@link #close}. */
    void start(SessionSink sink);

    /** One text message (a whole message, never a fragment). */
    void onText(String text);

    /** One binary message. */
    void onBinary(byte[] data);

    /** The connection is gone, for {@code reason}: stop all work. Idempotent; any thread. */
    void close(CloseReason reason);

    /**
     * How long the connection may see no frame in either direction before the transport drops it, or null for the
     * server's default (five minutes). A protocol with its own, longer inactivity rule returns more.
     */
    default Duration idleTimeout() {
        return null;
    }

    /** Why a connection ended. */
    enum CloseReason {
        /** The client closed the connection (close frame, or the TCP connection went away). */
        PEER_CLOSED,
        /** The connection failed (protocol error, I/O error, idle timeout). */
        ERROR,
        /** The client did not read: more than {@code websocket.max_outbound_bytes} waited to be written (1008). */
        SLOW_CLIENT,
        /** The session asked for the close itself ({@link SessionSink#close}) or the server shut down. */
        SERVER_CLOSED
    }
}
