package dev.parley.server.tts;

import dev.parley.server.ws.SessionPermits;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty adapter of one TTS WebSocket: feeds client frames to a {@link TtsStream} and writes its events, with
 * explicit demand inbound and a byte bound outbound. Public only because Jetty requires endpoint classes to be.
 *
 * <p>Inbound: the socket demands one frame at a time and only while the stream's inbox has room (see
 * {@link TtsStream}); pings are answered here. Binary frames get an {@code error} event.
 *
 * <p>Outbound backpressure: every message is handed to {@link Session#sendText} at once, and the bytes handed over but
 * not yet written (completed callbacks) are counted. When a new message would take that count past
 * {@code wsMaxPendingBytes} (default 4 MiB of JSON, nearly all base64 audio: about 16 s of 48 kHz PCM or 3 min of
 * 128 kbit/s MP3), the client is not reading: the synthesis is cancelled, the message dropped, and the socket closed
 * with 1008 (policy violation); if the close handshake has not completed {@value #CLOSE_GRACE_SECONDS} s later the
 * connection is dropped.
 *
 * <p>Threading: Jetty calls the listener methods one at a time; {@link #send} is called by the stream's worker.
 */
public final class TtsSocket implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TtsSocket.class);
    /** WebSocket close code for a client that stops reading (RFC 6455 §7.4.1, policy violation). */
    static final int CLOSE_POLICY_VIOLATION = 1008;
    static final int CLOSE_GRACE_SECONDS = 10;

    private final TtsStream stream;
    private final long maxPendingBytes;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;

    private final SessionPermits.Permit permit;

    TtsSocket(TtsService service, WsParams params) {
        this(service, params, null);
    }

    /** @param permit this session's place under the per-key cap, given back when the socket closes (or null) */
    TtsSocket(TtsService service, WsParams params, SessionPermits.Permit permit) {
        this.stream = new TtsStream(service, params, this::send);
        this.maxPendingBytes = service.settings.wsMaxPendingBytes();
        this.permit = permit;
    }

    /** The session's stream (tests). */
    TtsStream stream() {
        return stream;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        if (permit != null) permit.opened();
        stream.start();
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        stream.receive(message, this::demand);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        stream.receiveInvalid("Binary frames are not supported on /v1/tts: send JSON text messages", this::demand);
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
        closed.set(true);
        if (permit != null) permit.close();
        stream.cancel("client_gone");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("TTS WebSocket error: {}", cause.toString());
        if (permit != null) permit.close();
        stream.cancel("client_gone");
    }

    private void demand() {
        Session s = session;
        if (s != null && !closing.get()) s.demand();
    }

    /** Queues one message unless the client is not reading (see the class comment). Never blocks. */
    void send(String json) {
        Session s = session;
        if (s == null || closing.get()) return;
        long n = json.length(); // ASCII: base64 and JSON escapes
        if (pending.addAndGet(n) > maxPendingBytes) {
            pending.addAndGet(-n);
            slowReader(s);
            return;
        }
        try {
            s.sendText(json, Callback.from(() -> pending.addAndGet(-n), x -> pending.addAndGet(-n)));
        } catch (RuntimeException e) { // the session closed under us: nothing to deliver to
            pending.addAndGet(-n);
            stream.cancel("client_gone");
        }
    }

    private void slowReader(Session s) {
        if (!closing.compareAndSet(false, true)) return;
        LOG.info("TTS WebSocket client is not reading ({} bytes pending, bound {}): closing with {}", pending.get(),
                maxPendingBytes, CLOSE_POLICY_VIOLATION);
        stream.cancel("slow_reader");
        s.close(CLOSE_POLICY_VIOLATION, "client is not reading: more than " + maxPendingBytes
                + " bytes of audio pending", Callback.NOOP);
        Thread.ofVirtual().name("parley-tts-ws-close").start(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(CLOSE_GRACE_SECONDS));
            } catch (InterruptedException e) {
                return;
            }
            if (!closed.get()) s.disconnect();
        });
    }

    /** Bytes handed to Jetty and not yet written. */
    long pendingBytes() {
        return pending.get();
    }
}
