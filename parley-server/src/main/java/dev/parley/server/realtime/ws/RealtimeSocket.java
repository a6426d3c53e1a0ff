package dev.parley.server.realtime.ws;

import dev.parley.server.realtime.EventSink;
import dev.parley.server.realtime.RealtimeConfig;
import dev.parley.server.realtime.RealtimeEngines;
import dev.parley.server.realtime.RealtimeSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty side of one {@code /v1/realtime} connection: forwards frames to a {@link RealtimeSession} and writes
 * its events as text frames. Nothing protocol-shaped happens here.
 *
 * <h2>Lifecycle</h2>
 * Created by the endpoint before the upgrade (it allocates nothing); {@link #onWebSocketOpen} creates and starts the
 * session (which sends {@code session.created} and {@code conversation.created}); text frames go to
 * {@link RealtimeSession#onText}, binary frames to {@link RealtimeSession#onBinary}; close or error calls
 * {@link RealtimeSession#close()}, which cancels the response in progress.
 *
 * <h2>Threading</h2>
 * Jetty calls the listener methods one at a time for this connection (auto-demand: the next frame is read after the
 * method returns, so a client cannot queue unbounded input here). The session calls the sink under its own lock,
 * from Jetty's thread or from the session's worker; the sink never blocks.
 *
 * <h2>Outbound bound (backpressure policy)</h2>
 * Each event is handed to Jetty's asynchronous {@code sendText}; the characters of events handed over but not yet
 * written are counted. When they would exceed {@link #maxPendingChars} ({@value #DEFAULT_MAX_PENDING_CHARS} by
 * default, about 80 s of 24 kHz PCM audio deltas), the client is not reading: the event is dropped, the session is
 * closed (its work stops), and the connection is closed with 1008 "client too slow"; if the close handshake has not
 * completed {@value #ABORT_AFTER_MS} ms later (the close frame waits behind the unread data), the connection is
 * dropped.
 *
 * <h2>Session limits (spec §4.8 J)</h2>
 * A session ends with an {@code error} event of type {@code timeout} when the client has sent no frame for
 * {@link Limits#inactivity()} while no response is in progress, and with {@code max_duration} once it has been open
 * for {@link Limits#maxDuration()}; the connection is then closed with 1000. The transport's own idle timeout is set
 * a minute beyond the inactivity limit, so a client always gets the event first.
 */
public class RealtimeSocket implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSocket.class);
    /** Default bound on outbound characters queued in Jetty (8 Mi characters; events are ASCII JSON, so bytes). */
    public static final long DEFAULT_MAX_PENDING_CHARS = 8L << 20;
    /** Close code for a client that does not read its events. */
    public static final int CLOSE_POLICY = 1008;
    static final long ABORT_AFTER_MS = 2000;

    /**
     * When a session ends on its own.
     *
     * @param inactivity  no client frame for this long (and no response in progress) ends it with {@code timeout}
     * @param maxDuration sessions end with {@code max_duration} this long after they open (spec: 120 minutes)
     */
    public record Limits(Duration inactivity, Duration maxDuration) {
        /** 10 minutes of inactivity, 120 minutes in all. */
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(10), Duration.ofMinutes(120));

        public Limits {
            if (inactivity.isNegative() || inactivity.isZero() || maxDuration.isNegative() || maxDuration.isZero())
                throw new IllegalArgumentException("realtime limits must be positive");
        }
    }

    /** Checks the limits of every open session: one daemon platform thread, tiny tasks. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "realtime-limits");
        t.setDaemon(true);
        return t;
    });

    private final RealtimeConfig config;
    private final Limits limits;
    private volatile long lastClientFrameNanos = System.nanoTime();
    private volatile ScheduledFuture<?> limitCheck;
    private final RealtimeEngines engines;
    private final long maxPendingChars;
    private final AtomicInteger openSessions;
    private final Consumer<RealtimeSession> onOpen;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean tooSlow = new AtomicBoolean();
    private volatile Session ws;
    private volatile RealtimeSession session;

    /**
     * @param config          server-side session settings (with the requested model)
     * @param engines         the shared pipeline
     * @param maxPendingChars bound on queued outbound characters
     * @param openSessions    incremented while this connection's session is open (a gauge)
     * @param onOpen          told about the new session (tests, metrics); may be a no-op
     */
    public RealtimeSocket(RealtimeConfig config, RealtimeEngines engines, long maxPendingChars,
            AtomicInteger openSessions, Consumer<RealtimeSession> onOpen) {
        this(config, engines, maxPendingChars, openSessions, onOpen, Limits.DEFAULT);
    }

    /** @param limits when the session ends on its own */
    public RealtimeSocket(RealtimeConfig config, RealtimeEngines engines, long maxPendingChars,
            AtomicInteger openSessions, Consumer<RealtimeSession> onOpen, Limits limits) {
        this.limits = limits;
        this.config = config;
        this.engines = engines;
        this.maxPendingChars = maxPendingChars;
        this.openSessions = openSessions;
        this.onOpen = onOpen;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.ws = s;
        RealtimeSession rs = new RealtimeSession(config, engines, new Sink());
        this.session = rs;
        openSessions.incrementAndGet();
        onOpen.accept(rs);
        s.setIdleTimeout(limits.inactivity().plusMinutes(1));
        long opened = System.nanoTime();
        lastClientFrameNanos = opened;
        long period = Math.max(50, Math.min(1000, limits.inactivity().toMillis() / 4));
        limitCheck = TIMERS.scheduleAtFixedRate(() -> checkLimits(rs, opened), period, period, TimeUnit.MILLISECONDS);
        rs.start();
    }

    private void checkLimits(RealtimeSession rs, long opened) {
        long now = System.nanoTime();
        if (now - opened >= limits.maxDuration().toNanos()) {
            rs.terminate("max_duration", "The session reached its maximum duration of "
                    + describe(limits.maxDuration()) + "; open a new one");
        } else if (now - lastClientFrameNanos >= limits.inactivity().toNanos() && !rs.isResponding()) {
            rs.terminate("timeout", "No client activity for " + describe(limits.inactivity()) + "; the session ended");
        }
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " minutes" : s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    @Override
    public void onWebSocketText(String message) {
        lastClientFrameNanos = System.nanoTime();
        RealtimeSession rs = session;
        if (rs != null) rs.onText(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        lastClientFrameNanos = System.nanoTime();
        RealtimeSession rs = session;
        try {
            if (rs != null) {
                byte[] b = new byte[payload.remaining()];
                payload.get(b);
                rs.onBinary(b);
            }
            callback.succeed();
        } catch (RuntimeException e) {
            callback.fail(e);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("realtime socket error", cause);
        end();
    }

    /** Characters handed to Jetty and not yet written (for tests and diagnostics). */
    public long pendingChars() {
        return pending.get();
    }

    private void end() {
        if (!closed.compareAndSet(false, true)) return;
        ScheduledFuture<?> check = limitCheck;
        if (check != null) check.cancel(false);
        RealtimeSession rs = session;
        if (rs != null) {
            rs.close();
            openSessions.decrementAndGet();
        }
    }

    /** Writes events; never blocks (see the class comment for the bound). */
    private final class Sink implements EventSink {
        @Override
        public void send(String json) {
            Session s = ws;
            if (s == null || closed.get() || tooSlow.get()) return;
            long size = json.length();
            if (pending.addAndGet(size) > maxPendingChars) {
                pending.addAndGet(-size);
                if (tooSlow.compareAndSet(false, true)) tooSlow(s);
                return;
            }
            s.sendText(json, new Callback() {
                @Override
                public void succeed() {
                    pending.addAndGet(-size);
                }

                @Override
                public void fail(Throwable x) {
                    pending.addAndGet(-size);
                }
            });
        }

        @Override
        public void close(int code, String reason) {
            Session s = ws;
            if (s != null) s.close(code, reason, Callback.NOOP);
        }
    }

    private void tooSlow(Session s) {
        log.info("realtime session {}: client not reading ({} characters queued); closing with {}",
                session == null ? "?" : session.id(), pending.get(), CLOSE_POLICY);
        // the session's lock is held by our caller: close it from another thread so its cancellation does not run
        // inside emit(); end() is idempotent
        Thread.ofVirtual().name("realtime-too-slow").start(() -> {
            end();
            s.close(CLOSE_POLICY, "client too slow", Callback.NOOP);
            try {
                Thread.sleep(Duration.ofMillis(ABORT_AFTER_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (s.isOpen()) s.disconnect();
        });
    }
}
