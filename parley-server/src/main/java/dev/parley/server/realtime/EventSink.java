package dev.parley.server.realtime;

/**
 * Where a {@link RealtimeSession} sends its server events: the WebSocket adapter writes each one as a text frame.
 *
 * <p>Contract: the session never calls the sink concurrently (all calls are serialized by the session's lock) and
 * calls it in event order. The sink must not block for long: the Jetty adapter hands the frame to Jetty's async
 * send and keeps at most a bounded number of bytes queued; when the client does not read and that bound is passed,
 * the adapter closes the connection (1008 "client too slow") and calls {@link RealtimeSession#close()}. The session
 * does not retain the string after the call.
 */
@FunctionalInterface
public interface EventSink {

    /** Sends one server event (a complete JSON object with {@code type} and {@code event_id}). */
    void send(String json);

    /**
     * Asks the transport to close the connection after the events already sent (used for {@code max_duration}).
     * The default does nothing.
     */
    default void close(int code, String reason) {}
}
