package dev.parley.server.ws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between a socket's reader and a session's worker, for sessions that do their work on a thread of
 * their own (TTS synthesis, STT transcription).
 *
 * <p>Bound and overflow action: at most {@code maxItems} items and {@code maxBytes} bytes (an item counts the bytes
 * its producer says; one item larger than the bound alone is still admitted when the inbox is empty). {@link #put}
 * <b>blocks</b> the producer while the inbox is full: the producer is the connection's reader
 * ({@link ProtocolSession#onText}), so the transport stops reading the socket and TCP slows the client down. Nothing
 * is dropped. {@link #close} releases everyone.
 *
 * <p>Thread-safe: one or more producers, one consumer.
 */
public final class Inbox<T> {
    private record Entry<T>(T item, long bytes) {}

    private final int maxItems;
    private final long maxBytes;
    private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;
    private boolean closed;

    /**
     * @param maxItems items at most (at least 1)
     * @param maxBytes bytes at most (at least 1; {@link Long#MAX_VALUE} for a count bound only)
     */
    public Inbox(int maxItems, long maxBytes) {
        if (maxItems < 1 || maxBytes < 1) throw new IllegalArgumentException("inbox bounds must be positive");
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds an item, waiting while the inbox is full.
     *
     * @return false when the inbox is closed (the item is dropped: nobody will take it)
     */
    public boolean put(T item, long itemBytes) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && !queue.isEmpty() && (queue.size() >= maxItems || bytes + itemBytes > maxBytes)) {
                notFull.await();
            }
            if (closed) return false;
            queue.add(new Entry<>(item, itemBytes));
            bytes += itemBytes;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting at most {@code timeout}; null when none came or the inbox is closed and empty. */
    public T poll(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                if (left <= 0) return null;
                left = notEmpty.awaitNanos(left);
            }
            return take0();
        } finally {
            lock.unlock();
        }
    }

    /** The next item if there is one now, else null. */
    public T poll() {
        lock.lock();
        try {
            return take0();
        } finally {
            lock.unlock();
        }
    }

    private T take0() {
        Entry<T> e = queue.poll();
        if (e == null) return null;
        bytes -= e.bytes();
        notFull.signalAll();
        return e.item();
    }

    /** Drops everything waiting (a producer blocked in {@link #put} goes on). */
    public void clear() {
        lock.lock();
        try {
            queue.clear();
            bytes = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes: waiting producers return false, the consumer gets what is left, then null. Idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting. */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes waiting. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #poll(Duration)} with a time unit. */
    public T poll(long time, TimeUnit unit) throws InterruptedException {
        return poll(Duration.ofNanos(unit.toNanos(time)));
    }
}
