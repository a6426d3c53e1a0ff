package dev.parley.server.realtime.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal {@code /v1/realtime} client on the JDK WebSocket, for the benchmark and the wire tests: sends client
 * events, collects server events with their arrival time.
 *
 * <p>Threading: {@link #send} may be called from any thread (sends are serialized); events are read by one consumer
 * with {@link #next}. Received events wait in a queue of {@value #MAX_QUEUED} events; when it is full, later events
 * are dropped and {@link #overflowed()} turns true (a consumer that far behind has already failed).
 */
public final class RealtimeClient implements AutoCloseable {
    /** Bound of the received-event queue. */
    public static final int MAX_QUEUED = 1 << 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A server event and when it arrived ({@link System#nanoTime()}). */
    public record Event(JsonNode json, long nanos) {
        public String type() {
            return json.get("type").stringValue();
        }
    }

    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private volatile boolean overflowed;
    private WebSocket ws;

    private RealtimeClient() {}

    /**
     * Connects.
     *
     * @param uri          {@code ws://host:port/v1/realtime?model=...}
     * @param bearer       sent as {@code Authorization: Bearer}, or null
     * @param subprotocols offered subprotocols, may be empty
     * @throws java.util.concurrent.CompletionException (wrapping {@link java.net.http.WebSocketHandshakeException})
     *     when the server refuses the upgrade
     */
    public static RealtimeClient connect(URI uri, String bearer, List<String> subprotocols) {
        return connect(HttpClient.newHttpClient(), uri, bearer, subprotocols);
    }

    /** As {@link #connect(URI, String, List)} with a given HTTP client (e.g. one trusting a test certificate). */
    public static RealtimeClient connect(HttpClient http, URI uri, String bearer, List<String> subprotocols) {
        RealtimeClient c = new RealtimeClient();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        c.ws = b.buildAsync(uri, c.new Listener()).orTimeout(30, TimeUnit.SECONDS).join();
        return c;
    }

    /** The subprotocol the server selected ("" for none). */
    public String subprotocol() {
        return ws.getSubprotocol();
    }

    /** Sends one text frame and waits until it is written. */
    public void send(String json) {
        sendLock.lock();
        try {
            ws.sendText(json, true).orTimeout(30, TimeUnit.SECONDS).join();
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends {@code input_audio_buffer.append} with these bytes (base64). */
    public void append(byte[] audio) {
        send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}");
    }

    /** The next event, or null after {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event of {@code type}, skipping others (they are returned in {@code skipped} when not null). */
    public Event await(String type, Duration timeout, List<Event> skipped) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) return null;
            if (e.type().equals(type)) return e;
            if (skipped != null) skipped.add(e);
        }
    }

    /** Events received and not yet taken. */
    public List<Event> drain() {
        List<Event> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    /** Completes with the close code the server sent (or 1006 when the connection dropped). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public boolean overflowed() {
        return overflowed;
    }

    /** Drops the TCP connection without a close handshake (a client that vanishes). */
    public void abort() {
        ws.abort();
    }

    /** Sends a normal close (1000) and does not wait for the reply. */
    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                ws.abort();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String s = partial.toString();
                partial.setLength(0);
                if (!events.offer(new Event(JSON.readTree(s), System.nanoTime()))) overflowed = true;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
