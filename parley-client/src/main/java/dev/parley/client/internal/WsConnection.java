package dev.parley.client.internal;

import dev.parley.client.SocketListener;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The transport under every socket of the SDK: a {@link WebSocket.Listener} that assembles whole messages, decodes
 * them and hands them to the user's {@link SocketListener} one at a time, and a send queue.
 *
 * <p>Receiving: java.net.http never calls a listener concurrently; one message is requested at a time, and the next
 * only after the user's callback returned, so a slow callback is backpressure to the server.
 *
 * <p>Sending: java.net.http allows one outstanding send, so sends are chained in call order. The bytes waiting in the
 * chain are bounded by {@code maxQueuedBytes}; a send that would go beyond it while others are queued is rejected
 * (its future fails with {@link IllegalStateException}, nothing queued).
 */
public final class WsConnection<E> implements WebSocket.Listener {
    private final Function<String, E> textDecoder;
    private final Function<byte[], E> binaryDecoder;
    private final SocketListener<E> listener;
    private final Consumer<Object> tap;
    private final long maxQueuedBytes;

    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean closeSent = new AtomicBoolean();

    private final ReentrantLock lock = new ReentrantLock();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private long queued;
    private volatile WebSocket ws;

    /**
     * @param tap sees every decoded event after the listener, then {@code Throwable} or {@code Integer} (close code)
     *            at the end; used by the SDK to wait for a greeting. May be null.
     */
    public WsConnection(Function<String, E> textDecoder, Function<byte[], E> binaryDecoder, SocketListener<E> listener,
            Consumer<Object> tap, long maxQueuedBytes) {
        this.textDecoder = textDecoder;
        this.binaryDecoder = binaryDecoder;
        this.listener = listener;
        this.tap = tap == null ? x -> { } : tap;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    public WebSocket webSocket() {
        return ws;
    }

    /** Sets the socket once the handshake completed (onOpen may run before or after that). */
    public void attach(WebSocket webSocket) {
        ws = webSocket;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        ws = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            E event;
            try {
                event = textDecoder.apply(message);
            } catch (RuntimeException e) {
                fail(webSocket, new IllegalStateException("undecodable message from the server: " + abbreviate(message), e));
                return null;
            }
            if (!dispatch(webSocket, event)) return null;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            byte[] message = binary.toByteArray();
            binary.reset();
            if (binaryDecoder == null) {
                fail(webSocket, new IllegalStateException("unexpected binary message of " + message.length + " bytes"));
                return null;
            }
            if (!dispatch(webSocket, binaryDecoder.apply(message))) return null;
        }
        webSocket.request(1);
        return null;
    }

    private boolean dispatch(WebSocket webSocket, E event) {
        try {
            listener.onEvent(event);
            tap.accept(event);
            return true;
        } catch (Throwable t) {
            fail(webSocket, t);
            return false;
        }
    }

    private void fail(WebSocket webSocket, Throwable t) {
        webSocket.abort();
        onError(webSocket, t);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (finished.compareAndSet(false, true)) {
            tap.accept(statusCode);
            listener.onClose(statusCode, reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (finished.compareAndSet(false, true)) {
            tap.accept(error);
            listener.onError(error);
        }
    }

    /** Queues a text message. */
    public CompletableFuture<Void> sendText(String message) {
        return enqueue(message.length() * 2L, w -> w.sendText(message, true));
    }

    /** Queues a binary message (the buffer must not change until the returned future completes). */
    public CompletableFuture<Void> sendBinary(ByteBuffer message) {
        return enqueue(message.remaining(), w -> w.sendBinary(message, true));
    }

    /** Queues a normal close (1000), once. */
    public void close() {
        if (closeSent.compareAndSet(false, true)) enqueue(0, w -> w.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }

    public void abort() {
        WebSocket w = ws;
        if (w != null) w.abort();
    }

    private CompletableFuture<Void> enqueue(long size, Function<WebSocket, CompletableFuture<WebSocket>> op) {
        lock.lock();
        try {
            if (closeSent.get() && size > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("the socket is closing"));
            }
            if (queued > 0 && queued + size > maxQueuedBytes) {
                return CompletableFuture.failedFuture(new IllegalStateException("outbound queue full: " + queued
                        + " bytes waiting (limit " + maxQueuedBytes + "); wait for earlier sends to complete"));
            }
            queued += size;
            CompletableFuture<Void> done = tail.handle((x, t) -> null)
                    .thenCompose(x -> op.apply(ws))
                    .whenComplete((x, t) -> {
                        lock.lock();
                        try {
                            queued -= size;
                        } finally {
                            lock.unlock();
                        }
                    })
                    .thenApply(x -> null);
            tail = done;
            return done;
        } finally {
            lock.unlock();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
