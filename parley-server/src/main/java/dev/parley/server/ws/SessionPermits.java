package dev.parley.server.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Caps the concurrent WebSocket sessions of one account (an API key and the client secrets it minted) on one
 * endpoint, e.g. the spec's 50 streaming TTS sessions per team. A permit is taken before the upgrade (so a refusal is
 * an HTTP 429, not a closed socket), marked {@link Permit#opened() opened} when the socket opens and given back by
 * {@link Permit#close()} when it closes. A permit whose socket never opened (the upgrade failed after the permit
 * was taken) stops counting after {@link #PENDING_NANOS}, so a failed handshake cannot lock an account out.
 * Thread-safe; {@link #tryAcquire} is O(sessions of that account).
 */
public final class SessionPermits {
    /** How long a taken permit counts without its socket opening: 30 s. */
    public static final long PENDING_NANOS = 30_000_000_000L;

    private final int maxPerAccount;
    private final LongSupplier nanoTime;
    private final Map<String, Set<Permit>> byAccount = new ConcurrentHashMap<>();

    /** @param maxPerAccount sessions one account may hold at once (at least 1) */
    public SessionPermits(int maxPerAccount) {
        this(maxPerAccount, System::nanoTime);
    }

    /** @param nanoTime clock (tests) */
    public SessionPermits(int maxPerAccount, LongSupplier nanoTime) {
        if (maxPerAccount < 1) throw new IllegalArgumentException("maxPerAccount must be at least 1");
        this.maxPerAccount = maxPerAccount;
        this.nanoTime = nanoTime;
    }

    /** The cap. */
    public int maxPerAccount() {
        return maxPerAccount;
    }

    /** A permit for {@code account}, or null when it already holds {@link #maxPerAccount()} sessions. */
    public Permit tryAcquire(String account) {
        long now = nanoTime.getAsLong();
        Permit[] taken = new Permit[1];
        byAccount.compute(account, (k, set) -> {
            if (set == null) set = ConcurrentHashMap.newKeySet();
            set.removeIf(p -> !p.opened.get() && now - p.takenAt > PENDING_NANOS);
            if (set.size() < maxPerAccount) {
                taken[0] = new Permit(this, account, now);
                set.add(taken[0]);
            }
            return set.isEmpty() ? null : set;
        });
        return taken[0];
    }

    /** Sessions (open or being opened) that {@code account} holds now. */
    public int held(String account) {
        Set<Permit> s = byAccount.get(account);
        return s == null ? 0 : s.size();
    }

    private void release(Permit p) {
        byAccount.computeIfPresent(p.account, (k, set) -> {
            set.remove(p);
            return set.isEmpty() ? null : set;
        });
    }

    /** One session's place under the cap. {@link #close()} is idempotent. */
    public static final class Permit implements AutoCloseable {
        private final SessionPermits owner;
        private final String account;
        private final long takenAt;
        private final AtomicBoolean opened = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(SessionPermits owner, String account, long takenAt) {
            this.owner = owner;
            this.account = account;
            this.takenAt = takenAt;
        }

        /** The socket opened: the permit now counts until {@link #close()}. */
        public void opened() {
            opened.set(true);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) owner.release(this);
        }
    }
}
