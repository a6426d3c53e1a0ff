package dev.parley.client;

/**
 * Receives the events of one WebSocket ({@link TtsSocket}, {@link SttSocket} or {@link RealtimeSocket}).
 *
 * <p><b>Threading.</b> Callbacks for one socket are never concurrent: each starts after the previous one returned
 * (a happens-before edge), on a thread of the {@link java.net.http.HttpClient}'s executor. Different sockets may call
 * their listeners at the same time.
 *
 * <p><b>Backpressure.</b> The socket asks the transport for the next message ({@link java.net.http.WebSocket#request
 * WebSocket.request(1)}) only after {@link #onEvent} returns. A listener that blocks therefore stops reading, and TCP
 * flow control then slows the server down; nothing is buffered in the SDK beyond the message being assembled. Block
 * only briefly, or hand events to a queue of your own.
 *
 * <p><b>Buffer ownership.</b> Every event is a fresh, immutable record; byte arrays in events belong to the listener,
 * which may keep them.
 *
 * <p><b>Lifecycle.</b> {@link #onEvent} any number of times, then exactly one of {@link #onClose} or {@link #onError}.
 * An exception thrown by {@link #onEvent} aborts the socket and is passed to {@link #onError}.
 *
 * @param <E> the event type: {@link TtsEvent}, {@link SttEvent} or {@link ServerEvent}
 */
@FunctionalInterface
public interface SocketListener<E> {
    /** One server message, decoded. Unknown message types arrive as the protocol's {@code Unknown} event. */
    void onEvent(E event);

    /** The server closed the socket (or confirmed the client's close) with this status code and reason. */
    default void onClose(int statusCode, String reason) {}

    /** The socket failed (transport error, undecodable message, or an exception from {@link #onEvent}). */
    default void onError(Throwable error) {}
}
