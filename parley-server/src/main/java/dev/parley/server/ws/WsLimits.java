package dev.parley.server.ws;

import java.time.Duration;

/**
 * The limits every WebSocket connection shares (one set for all sockets: {@code websocket} in the configuration).
 *
 * @param maxOutboundBytes characters of messages handed to the transport and not yet written, per connection, before
 *                         the client counts as not reading ({@link SessionSink})
 * @param closeGrace       how long a close for a slow client waits for the handshake before the connection is dropped
 */
public record WsLimits(long maxOutboundBytes, Duration closeGrace) {
    /** How long a slow client's close waits: 2 s. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    public WsLimits {
        if (maxOutboundBytes < 1024) throw new IllegalArgumentException("maxOutboundBytes must be at least 1024");
    }

    /** {@code maxOutboundBytes} with the standard close grace. */
    public static WsLimits of(long maxOutboundBytes) {
        return new WsLimits(maxOutboundBytes, CLOSE_GRACE);
    }
}
