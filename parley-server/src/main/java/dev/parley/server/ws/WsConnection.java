package dev.parley.server.ws;

import dev.parley.server.http.Admission;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty adapter of every Parley WebSocket: drives a {@link ProtocolSession} and is its {@link SessionSink}.
 * Nothing protocol-shaped happens here. Public only because Jetty requires endpoint classes to be.
 *
 * <h2>Inbound</h2>
 * Demand is explicit: the adapter asks Jetty for one frame, hands it to the connection's reader (one virtual thread
 * per connection) and asks for the next only when {@link ProtocolSession#onText}/{@link ProtocolSession#onBinary}
 * has returned. At most one message is therefore waiting here; a session that blocks slows the client down through
 * TCP. Pings are answered with a pong at once.
 *
 * <h2>Outbound</h2>
 * Messages go to Jetty's asynchronous send at once; the characters handed over and not yet written are counted and
 * bounded by {@link WsLimits#maxOutboundBytes()} (see {@link SessionSink} for the overflow action: close 1008, session
 * closed with {@code SLOW_CLIENT}, connection dropped after {@link WsLimits#closeGrace()}).
 *
 * <h2>Lifecycle</h2>
 * Created by the router before the upgrade (it allocates nothing); {@code onWebSocketOpen} starts the reader, which
 * calls {@link ProtocolSession#start}; a close, an error or a slow client calls {@link ProtocolSession#close} once
 * and gives the session's {@link Admission} permit back.
 */
public final class WsConnection implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    /** Close code for a client that does not read (RFC 6455 §7.4.1, policy violation). */
    public static final int CLOSE_NOT_READING = 1008;
    /** Close code for a session that failed (RFC 6455 §7.4.1, internal error). */
    public static final int CLOSE_INTERNAL_ERROR = 1011;
    private static final Object END = new Object();

    private final ProtocolSession protocol;
    private final WsLimits limits;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The frame the reader has not taken yet, and the end marker: never more (one demand at a time). */
    private final BlockingQueue<Object> frames = new ArrayBlockingQueue<>(2);
    private final Sink sink = new Sink();
    private final Admission.Permit permit;
    private volatile Session session;

    /**
     * @param protocol the session to drive
     * @param limits   the outbound bound
     * @param permit   this session's place under the session caps: marked opened when the socket opens and given
     *                 back when the session ends
     */
    public WsConnection(ProtocolSession protocol, WsLimits limits, Admission.Permit permit) {
        this.protocol = protocol;
        this.limits = limits;
        this.permit = permit;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        permit.opened();
        this.session = s;
        Duration idle = protocol.idleTimeout();
        if (idle != null) s.setIdleTimeout(idle);
        Thread.ofVirtual().name("ws-reader").start(this::read);
    }

    private void read() {
        try {
            protocol.start(sink);
            demand();
            while (true) {
                Object f = frames.take();
                if (f == END) return;
                if (f instanceof String text) protocol.onText(text);
                else protocol.onBinary((byte[]) f);
                demand();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("WebSocket session failed", e);
            sink.close(CLOSE_INTERNAL_ERROR, "internal error");
            end(ProtocolSession.CloseReason.ERROR);
        }
    }

    private void demand() {
        Session s = session;
        if (s != null && !ended.get()) s.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        frames.offer(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        callback.succeed();
        frames.offer(b);
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        Session s = session;
        s.sendPong(payload, Callback.NOOP);
        s.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        session.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end(closing.get() ? ProtocolSession.CloseReason.SERVER_CLOSED : ProtocolSession.CloseReason.PEER_CLOSED);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error: {}", cause.toString());
        end(ProtocolSession.CloseReason.ERROR);
    }

    /** Characters handed to Jetty and not yet written (tests and diagnostics). */
    public long pendingChars() {
        return pending.get();
    }

    /** Closes the session once and stops the reader. */
    private void end(ProtocolSession.CloseReason reason) {
        if (!ended.compareAndSet(false, true)) return;
        frames.clear();
        frames.offer(END);
        try {
            protocol.close(reason);
        } catch (RuntimeException e) {
            LOG.warn("closing a WebSocket session failed", e);
        } finally {
            permit.close();
        }
    }

    private void notReading(Session s) {
        if (!closing.compareAndSet(false, true)) return;
        LOG.info("WebSocket client is not reading ({} characters queued, bound {}): closing with {}", pending.get(),
                limits.maxOutboundBytes(), CLOSE_NOT_READING);
        // the caller may hold the session's lock: close it from another thread
        Thread.ofVirtual().name("ws-not-reading").start(() -> {
            end(ProtocolSession.CloseReason.SLOW_CLIENT);
            s.close(CLOSE_NOT_READING, "client is not reading", Callback.NOOP);
            try {
                Thread.sleep(limits.closeGrace());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (s.isOpen()) s.disconnect();
        });
    }

    private final class Sink implements SessionSink {
        @Override
        public boolean send(String text) {
            Session s = session;
            if (s == null || closing.get() || ended.get()) return false;
            long n = text.length(); // JSON events are ASCII: base64 and escapes
            if (pending.addAndGet(n) > limits.maxOutboundBytes()) {
                pending.addAndGet(-n);
                notReading(s);
                return false;
            }
            try {
                s.sendText(text, Callback.from(() -> pending.addAndGet(-n), x -> pending.addAndGet(-n)));
                return true;
            } catch (RuntimeException e) { // closed under us: nobody to deliver to
                pending.addAndGet(-n);
                return false;
            }
        }

        @Override
        public void close(int code, String reason) {
            Session s = session;
            if (s != null && closing.compareAndSet(false, true)) s.close(code, reason, Callback.NOOP);
        }
    }
}
