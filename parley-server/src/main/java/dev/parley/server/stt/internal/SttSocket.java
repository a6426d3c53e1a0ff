package dev.parley.server.stt.internal;

import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.server.http.Json;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty adapter of one {@code GET /v1/stt} connection: a thin shell around {@link StreamSession}.
 *
 * <p>Threading: Jetty delivers messages on its threads; they go into this connection's inbox and one virtual worker
 * thread per connection takes them in order and drives the {@link StreamSession} (which blocks on the inference
 * pool). Only the worker sends, so events are never interleaved; a send blocks until the frame is written (a slow
 * reader slows its own worker, bounded by {@link #SEND_TIMEOUT_SECONDS}).
 *
 * <p>Inbox bound and overflow action (backpressure, nothing dropped): demand is explicit. After each message the next
 * one is demanded only while the inbox holds less than {@code maxPendingAudioSeconds} of audio (at the connection's
 * rate, encoding and channels) and fewer than {@value #MAX_PENDING_MESSAGES} messages; otherwise the socket is not
 * read (TCP pushes back on the client) until the worker has drained the inbox to half of both bounds. The inbox
 * therefore holds at most the bound plus one message (itself capped by the server's maximum message size).
 *
 * <p>Lifecycle: the worker starts in {@code onWebSocketOpen}; it ends when the peer closes, on a transport error,
 * or after a pipeline failure (an {@code error} event, then close 1011). Its pipelines are closed when it ends.
 */
public final class SttSocket implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SttSocket.class);
    /** Most messages waiting in the inbox before reading pauses. */
    public static final int MAX_PENDING_MESSAGES = 256;
    /** How long one send may wait for the peer. */
    static final long SEND_TIMEOUT_SECONDS = 30;

    private sealed interface Item {}

    private record Audio(byte[] data) implements Item {}

    private record Text(String text) implements Item {}

    private record End() implements Item {}

    private final StreamingTranscriber engine;
    private final Inference inference;
    private final StreamRequest request;
    private final boolean closeAfterDone;
    private final long maxPendingBytes;
    private final LinkedBlockingQueue<Item> inbox = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private long pendingBytes;
    private int pendingMessages;
    private boolean demanding;
    private boolean paused;
    private volatile Session session;
    private volatile StreamSession stream;

    public SttSocket(StreamingTranscriber engine, Inference inference, StreamRequest request, boolean closeAfterDone,
            int maxPendingAudioSeconds) {
        this.engine = engine;
        this.inference = inference;
        this.request = request;
        this.closeAfterDone = closeAfterDone;
        this.maxPendingBytes = (long) maxPendingAudioSeconds * request.sampleRate() * request.frameBytes();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        Thread.ofVirtual().name("stt-ws-", 0).start(this::work);
        lock.lock();
        try {
            demanding = true;
        } finally {
            lock.unlock();
        }
        session.demand();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        callback.succeed();
        enqueue(new Audio(data), data.length);
    }

    @Override
    public void onWebSocketText(String message) {
        enqueue(new Text(message), 0);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        inbox.add(new End());
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("stt socket error", cause);
        inbox.add(new End());
    }

    private void enqueue(Item item, int bytes) {
        boolean demand;
        lock.lock();
        try {
            demanding = false;
            pendingBytes += bytes;
            pendingMessages++;
            inbox.add(item);
            demand = pendingBytes < maxPendingBytes && pendingMessages < MAX_PENDING_MESSAGES;
            if (demand) demanding = true;
            else paused = true;
        } finally {
            lock.unlock();
        }
        if (demand) session.demand();
    }

    private void dequeued(int bytes) {
        boolean demand = false;
        lock.lock();
        try {
            pendingBytes -= bytes;
            pendingMessages--;
            if (paused && !demanding && pendingBytes <= maxPendingBytes / 2
                    && pendingMessages <= MAX_PENDING_MESSAGES / 2) {
                paused = false;
                demanding = true;
                demand = true;
            }
        } finally {
            lock.unlock();
        }
        if (demand) session.demand();
    }

    private void work() {
        StreamSession s = new StreamSession(engine, inference, request, closeAfterDone, new Sink());
        stream = s;
        try (s) {
            s.start();
            while (!s.closed()) {
                Item item = inbox.take();
                switch (item) {
                    case Audio a -> {
                        dequeued(a.data().length);
                        s.onAudio(a.data());
                    }
                    case Text t -> {
                        dequeued(0);
                        s.onText(t.text());
                    }
                    case End e -> {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SendFailed e) {
            LOG.debug("stt socket: peer gone", e);
            session.disconnect();
        } catch (RuntimeException e) {
            LOG.warn("stt stream {} failed", s.id(), e);
            try {
                new Sink().send(new Wire.Error("Transcription failed: " + message(e)));
            } catch (RuntimeException ignored) {
                // the peer may be gone
            }
            session.close(1011, "transcription failed", Callback.NOOP);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A send that could not complete: the peer is gone or too slow. */
    private static final class SendFailed extends RuntimeException {
        SendFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final class Sink implements StreamSession.Sink {
        @Override
        public void send(Object event) {
            String json = Json.MAPPER.writeValueAsString(event);
            CompletableFuture<Void> sent = new CompletableFuture<>();
            session.sendText(json, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            try {
                sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendFailed("interrupted while sending", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new SendFailed("send failed", e);
            }
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
