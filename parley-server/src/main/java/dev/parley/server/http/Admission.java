package dev.parley.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The caps on concurrent work that protect the process ({@code limits} in the configuration): WebSocket sessions per
 * account on each socket endpoint and on the whole server, and REST requests in flight per account and on the whole
 * server. An account is an API key together with the client secrets it minted ({@code Principal.account()}).
 *
 * <p>Overflow actions: over an account's cap the caller gets <b>429</b> (it holds too much: close a session or wait
 * for a request; spec §10's 50 streaming TTS sessions per team is this cap), over the server's cap <b>503</b> with
 * {@code Retry-After} (the process is full; another instance or a later retry will do). Both are raised as
 * {@link ApiException} before any work starts — for a socket, before the upgrade, so the client sees an HTTP status
 * and not a closed socket.
 *
 * <p>A socket permit is taken before the upgrade, {@linkplain Permit#opened() marked opened} when the socket opens
 * and given back by {@link Permit#close()} when it closes. One whose socket never opened (the upgrade failed after
 * the permit was taken) stops counting after {@link #PENDING_NANOS}, so a failed handshake cannot lock an account
 * out. A request permit is given back when its handler returns.
 *
 * <p>Thread-safe: one lock guards the counts (taken once per handshake or request, never while work runs).
 */
public final class Admission {
    /** How long a socket permit counts without its socket opening: 30 s. */
    public static final long PENDING_NANOS = 30_000_000_000L;
    /** Seconds a client is told to wait after a 503 for a full server. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** What a permit is for. */
    public enum Kind {
        SOCKET, REQUEST
    }

    private final int socketsPerKey;
    private final int sockets;
    private final int requestsPerKey;
    private final int requests;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> held = new HashMap<>();
    private final Set<Permit> pending = new LinkedHashSet<>();
    private int socketsHeld;
    private int requestsHeld;
    private long refusedPerKey;
    private long refusedFull;

    /**
     * @param socketsPerKey  WebSocket sessions one account may hold on one socket endpoint (at least 1)
     * @param sockets        WebSocket sessions of the whole server, all endpoints (at least 1)
     * @param requestsPerKey REST requests one account may have in flight (at least 1)
     * @param requests       REST requests in flight on the whole server (at least 1)
     */
    public Admission(int socketsPerKey, int sockets, int requestsPerKey, int requests) {
        this(socketsPerKey, sockets, requestsPerKey, requests, System::nanoTime);
    }

    /** @param nanoTime clock (tests) */
    public Admission(int socketsPerKey, int sockets, int requestsPerKey, int requests, LongSupplier nanoTime) {
        if (socketsPerKey < 1 || sockets < 1 || requestsPerKey < 1 || requests < 1)
            throw new IllegalArgumentException("every admission limit must be at least 1");
        this.socketsPerKey = socketsPerKey;
        this.sockets = sockets;
        this.requestsPerKey = requestsPerKey;
        this.requests = requests;
        this.nanoTime = nanoTime;
    }

    /**
     * A place for one WebSocket session of {@code account} on {@code endpoint} (a route template).
     *
     * @throws ApiException 429 when the account holds its cap on that endpoint, 503 when the server holds its cap
     */
    public Permit socket(String endpoint, String account) {
        String key = "ws " + endpoint + " " + account;
        lock.lock();
        try {
            expirePending();
            if (count(key) >= socketsPerKey) {
                refusedPerKey++;
                throw new ApiException(429, "Too many concurrent sessions on " + endpoint + " for this API key (limit "
                        + socketsPerKey + "); close one and retry");
            }
            if (socketsHeld >= sockets) {
                refusedFull++;
                throw full("WebSocket sessions", sockets);
            }
            Permit p = new Permit(Kind.SOCKET, key, nanoTime.getAsLong());
            held.merge(key, 1, Integer::sum);
            socketsHeld++;
            pending.add(p);
            return p;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A place for one REST request of {@code account}, given back by {@link Permit#close()} when it has been
     * answered.
     *
     * @throws ApiException 429 when the account has its cap in flight, 503 when the server has
     */
    public Permit request(String account) {
        String key = "rest " + account;
        lock.lock();
        try {
            if (count(key) >= requestsPerKey) {
                refusedPerKey++;
                throw new ApiException(429, "Too many concurrent requests for this API key (limit " + requestsPerKey
                        + "); wait for one to finish and retry");
            }
            if (requestsHeld >= requests) {
                refusedFull++;
                throw full("requests in flight", requests);
            }
            Permit p = new Permit(Kind.REQUEST, key, nanoTime.getAsLong());
            p.opened = true;
            held.merge(key, 1, Integer::sum);
            requestsHeld++;
            return p;
        } finally {
            lock.unlock();
        }
    }

    private static ApiException full(String what, int cap) {
        return retryLater("The server is at its limit of " + cap + " " + what + "; retry later or on another instance");
    }

    /**
     * The answer to work refused because the process is full: <b>503</b> with {@code Retry-After:}
     * {@value #RETRY_AFTER_SECONDS} and {@code message}. The one way such an answer is made: this class's server caps
     * and a feature's own (a TTS engine speaking its limit of utterances, {@code tts.kokoro_max_sessions}).
     */
    public static ApiException retryLater(String message) {
        return new ApiException(503, message, null, null, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    private int count(String key) {
        return held.getOrDefault(key, 0);
    }

    private void expirePending() {
        if (pending.isEmpty()) return;
        long now = nanoTime.getAsLong();
        List<Permit> expired = new ArrayList<>();
        for (Permit p : pending) if (now - p.takenAt > PENDING_NANOS) expired.add(p);
        for (Permit p : expired) release(p);
    }

    private void release(Permit p) {
        if (p.released) return;
        p.released = true;
        pending.remove(p);
        held.computeIfPresent(p.key, (k, n) -> n <= 1 ? null : n - 1);
        if (p.kind == Kind.SOCKET) socketsHeld--;
        else requestsHeld--;
    }

    /** Sessions or requests held now, of one kind, on the whole server. */
    public int held(Kind kind) {
        lock.lock();
        try {
            return kind == Kind.SOCKET ? socketsHeld : requestsHeld;
        } finally {
            lock.unlock();
        }
    }

    /** Permits refused so far: {@code perKey} for the 429s, otherwise the 503s of a full server. */
    public long refused(boolean perKey) {
        lock.lock();
        try {
            return perKey ? refusedPerKey : refusedFull;
        } finally {
            lock.unlock();
        }
    }

    /** One session's or request's place under the caps. {@link #close()} is idempotent. */
    public final class Permit implements AutoCloseable {
        private final Kind kind;
        private final String key;
        private final long takenAt;
        private boolean opened; // guarded by lock
        private boolean released; // guarded by lock

        private Permit(Kind kind, String key, long takenAt) {
            this.kind = kind;
            this.key = key;
            this.takenAt = takenAt;
        }

        /** The socket opened: the permit now counts until {@link #close()}. */
        public void opened() {
            lock.lock();
            try {
                if (released || opened) return;
                opened = true;
                pending.remove(this);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                release(this);
            } finally {
                lock.unlock();
            }
        }
    }
}
