package dev.parley.server.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;

/**
 * The registry of open WebSocket sessions, by endpoint (route template): feeds the active-sessions gauge and lets
 * the server close every session on shutdown. Registered as a Jetty session listener; thread-safe.
 */
public final class WsSessions implements WebSocketSessionListener {
    private final Map<Session, String> open = new ConcurrentHashMap<>();
    private final Function<String, String> endpointOfPath;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** @param endpointOfPath maps a request path to its endpoint label (the route template) */
    public WsSessions(Function<String, String> endpointOfPath) {
        this.endpointOfPath = endpointOfPath;
    }

    @Override
    public void onWebSocketSessionOpened(Session session) {
        String path = session.getUpgradeRequest().getRequestURI().getRawPath();
        open.put(session, endpointOfPath.apply(path));
        signal();
    }

    @Override
    public void onWebSocketSessionClosed(Session session) {
        open.remove(session);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Open sessions on {@code endpoint} (a route template). */
    public int count(String endpoint) {
        int n = 0;
        for (String e : open.values()) if (e.equals(endpoint)) n++;
        return n;
    }

    /** All open sessions. */
    public int total() {
        return open.size();
    }

    /**
     * Sends a close frame with {@code code} and {@code reason} to every open session (non-blocking; the sessions
     * leave the registry when their close handshake completes).
     */
    public void closeAll(int code, String reason) {
        for (Session s : List.copyOf(open.keySet())) {
            try {
                s.close(code, reason, Callback.NOOP);
            } catch (RuntimeException e) {
                s.disconnect();
            }
        }
    }

    /** Abruptly disconnects every open session (no close handshake). */
    public void disconnectAll() {
        for (Session s : List.copyOf(open.keySet())) s.disconnect();
        open.clear();
    }

    /**
     * Blocks until no session is open or {@code timeout} elapses.
     *
     * @return true when none is open
     */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
