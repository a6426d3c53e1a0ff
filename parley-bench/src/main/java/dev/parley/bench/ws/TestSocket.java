package dev.parley.bench.ws;

import dev.parley.bench.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The project's test WebSocket client, on the JDK's {@code java.net.http} WebSocket: for the server's tests, the
 * benchmarks' raw baseline and the live-server tests. It connects with any headers and subprotocols, sends text,
 * binary, fragmented and ping frames (and the three xAI sockets' common messages), queues every message it receives
 * with its arrival time, reports the close code, and can stop reading to play a slow or stuck client.
 *
 * <pre>{@code
 * try (TestSocket ws = TestSocket.to(server.uri().resolve("/v1/tts?voice=eve")).bearer(key).connect()) {
 *     ws.textDelta("Hello.");
 *     ws.textDone();
 *     TestSocket.Message done = ws.await("audio.done", Duration.ofSeconds(30), null);
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Sends may come from any thread: they are serialized (one frame at a time, in call order) and
 * each blocks until its frame is written (at most {@value #SEND_TIMEOUT_SECONDS} s). Messages are queued by the JDK's
 * listener thread and taken by one consumer ({@link #poll}, {@link #next}, {@link #await}, {@link #until},
 * {@link #drain}); two consumers would split the messages between them.
 *
 * <p><b>Buffers.</b> Arrays passed to a send are read during the call only. The arrays and nodes of a received
 * {@link Message} are the receiver's.
 *
 * <p><b>Backpressure.</b> Received messages wait in a queue of at most {@link Builder#maxQueued} messages (default
 * {@value #DEFAULT_MAX_QUEUED}); when it is full, later messages are dropped and {@link #overflowed()} turns true (a
 * consumer that far behind has failed already). {@link #pauseReading()} stops asking the JDK for messages: it then stops
 * reading the connection, so the server's writes back up through TCP (a few MB of kernel buffers on loopback) as with a
 * client that stopped reading; {@link #resumeReading()} goes on where it stopped.
 *
 * <p>What {@code java.net.http} cannot do, this client cannot either: frames that break RFC 6455 (bad opcodes, unmasked
 * frames, invalid UTF-8 in a text frame) and socket options (receive buffer size, a TCP reset).
 */
public final class TestSocket implements AutoCloseable {
    /** Default bound of the received-message queue. */
    public static final int DEFAULT_MAX_QUEUED = 1 << 16;
    /** How long one send may take before it fails. */
    public static final int SEND_TIMEOUT_SECONDS = 60;
    /** The abnormal-closure code reported when the connection failed or was aborted without a close frame. */
    public static final int ABNORMAL = 1006;
    private static final int HISTORY = 64;
    private static final HttpClient DEFAULT_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final BlockingQueue<Message> queue;
    private final ArrayDeque<Message> history = new ArrayDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock demandLock = new ReentrantLock();
    private volatile String closeReason;
    private volatile boolean overflowed;
    private boolean paused;
    private boolean owed;
    private WebSocket ws;

    /**
     * A received message.
     *
     * @param text   the text of a text message, else null
     * @param binary the bytes of a binary message, else null
     * @param json   the text parsed as JSON, or null when it is binary or not JSON
     * @param nanos  {@link System#nanoTime()} when the message was complete (after parsing)
     */
    public record Message(String text, byte[] binary, JsonNode json, long nanos) {
        /** The JSON {@code type} field, or null. */
        public String type() {
            return json == null || !json.path("type").isString() ? null : json.path("type").stringValue();
        }

        /** Whether this is a text message. */
        public boolean isText() {
            return text != null;
        }

        /** The base64 field {@code field} of a JSON message, decoded ({@code audio.delta}'s {@code delta}). */
        public byte[] base64(String field) {
            return Base64.getDecoder().decode(json.path(field).asString(""));
        }

        @Override
        public String toString() {
            if (text == null) return "binary[" + binary.length + "]";
            return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
        }
    }

    private TestSocket(int maxQueued, boolean paused) {
        this.queue = new ArrayBlockingQueue<>(maxQueued);
        this.paused = paused;
    }

    /**
     * Starts a connection to {@code uri}: {@code ws://} or {@code wss://}; {@code http(s)://} is taken as
     * {@code ws(s)://}, so {@code server.uri().resolve("/v1/stt?" + query)} works.
     */
    public static Builder to(URI uri) {
        return new Builder(uri);
    }

    /** How to connect. Not thread-safe; one builder per connection. */
    public static final class Builder {
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> subprotocols = new ArrayList<>();
        private HttpClient client = DEFAULT_CLIENT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxQueued = DEFAULT_MAX_QUEUED;
        private boolean paused;

        private Builder(URI uri) {
            String scheme = uri.getScheme();
            if ("http".equals(scheme) || "https".equals(scheme)) {
                uri = URI.create((scheme.equals("http") ? "ws" : "wss") + uri.toString().substring(scheme.length()));
            }
            this.uri = uri;
        }

        /** Sends {@code Authorization: Bearer <key>}; null sends nothing. */
        public Builder bearer(String key) {
            if (key != null) headers.put("Authorization", "Bearer " + key);
            return this;
        }

        /** Adds a request header (the JDK refuses the handshake's own headers, e.g. {@code Sec-WebSocket-Key}). */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Offers these subprotocols, in this order. */
        public Builder subprotocols(List<String> protocols) {
            subprotocols.addAll(protocols);
            return this;
        }

        /** Offers these subprotocols, in this order. */
        public Builder subprotocols(String... protocols) {
            return subprotocols(List.of(protocols));
        }

        /** The HTTP client to connect with (e.g. one that trusts a test certificate); default: a shared one. */
        public Builder client(HttpClient client) {
            this.client = client;
            return this;
        }

        /** Timeout of the TCP connect and of the whole upgrade (each); default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Bound of the received-message queue; default {@value TestSocket#DEFAULT_MAX_QUEUED}. */
        public Builder maxQueued(int max) {
            if (max < 1) throw new IllegalArgumentException("maxQueued must be >= 1");
            this.maxQueued = max;
            return this;
        }

        /** Connects without reading anything until {@link TestSocket#resumeReading()}: a client that never reads. */
        public Builder paused() {
            this.paused = true;
            return this;
        }

        /**
         * Opens the connection and waits for the upgrade.
         *
         * @throws UncheckedIOException when the connection or the upgrade fails; for a refused upgrade the cause is a
         *                              {@link java.net.http.WebSocketHandshakeException} carrying the response
         */
        public TestSocket connect() {
            TestSocket socket = new TestSocket(maxQueued, paused);
            WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(connectTimeout);
            headers.forEach(b::header);
            if (!subprotocols.isEmpty()) {
                b.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            try {
                socket.ws = b.buildAsync(uri, socket.new Listener())
                        .orTimeout(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new UncheckedIOException("WebSocket to " + uri + " failed: " + cause,
                        cause instanceof IOException io ? io : new IOException(cause));
            }
            return socket;
        }
    }

    // ---------------------------------------------------------------------------------------------------- sending

    /** Sends one text frame (a whole message). */
    public void send(String text) {
        sendWith(() -> ws.sendText(text, true));
    }

    /** Sends part of a text message; the message ends with the part sent with {@code last} true. */
    public void sendFragment(String text, boolean last) {
        sendWith(() -> ws.sendText(text, last));
    }

    /** Sends one binary frame. */
    public void sendBinary(byte[] data) {
        sendBinary(data, 0, data.length);
    }

    /** Sends {@code len} bytes of {@code data} from {@code off} as one binary frame. */
    public void sendBinary(byte[] data, int off, int len) {
        sendWith(() -> ws.sendBinary(ByteBuffer.wrap(data, off, len), true));
    }

    /** Sends {@code data} in binary frames of {@code chunk} bytes, each as soon as the previous one is written. */
    public void stream(byte[] data, int chunk) {
        for (int at = 0; at < data.length; at += chunk) sendBinary(data, at, Math.min(chunk, data.length - at));
    }

    /** Sends a ping with this payload (at most 125 bytes). */
    public void ping(byte[] payload) {
        sendWith(() -> ws.sendPing(ByteBuffer.wrap(payload)));
    }

    /** The voice agent's {@code input_audio_buffer.append} with these bytes, base64. */
    public void appendAudio(byte[] audio) {
        send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}");
    }

    /** The TTS socket's {@code text.delta}. */
    public void textDelta(String text) {
        send(Json.object().put("type", "text.delta").put("delta", text).toString());
    }

    /** The TTS socket's {@code text.done}. */
    public void textDone() {
        send("{\"type\":\"text.done\"}");
    }

    private void sendWith(java.util.function.Supplier<CompletableFuture<WebSocket>> send) {
        sendLock.lock();
        try {
            send.get().orTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        } finally {
            sendLock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------- receiving

    /** The next message, or null when none arrives within {@code timeout}. */
    public Message poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The next message.
     *
     * @throws IllegalStateException when none arrives within {@code timeout} (naming the last messages received)
     */
    public Message next(Duration timeout) throws InterruptedException {
        Message m = poll(timeout);
        if (m == null) throw new IllegalStateException("no message within " + timeout + "; " + describe());
        return m;
    }

    /**
     * The next JSON message whose {@code type} is {@code type}, skipping the others (added to {@code skipped} when it
     * is not null); null when none arrives within {@code timeout}.
     */
    public Message await(String type, Duration timeout, List<Message> skipped) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            Message m = queue.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) return null;
            if (type.equals(m.type())) return m;
            if (skipped != null) skipped.add(m);
        }
    }

    /**
     * The messages up to and including the next one of {@code type}.
     *
     * @throws IllegalStateException when it does not arrive within {@code timeout}
     */
    public List<Message> until(String type, Duration timeout) throws InterruptedException {
        List<Message> out = new ArrayList<>();
        Message m = await(type, timeout, out);
        if (m == null) throw new IllegalStateException("no " + type + " within " + timeout + "; " + describe());
        out.add(m);
        return out;
    }

    /** The messages received and not yet taken. */
    public List<Message> drain() {
        List<Message> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    /** Whether a message was dropped because the queue was full. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Stops reading the connection after the message in progress (a slow client). */
    public void pauseReading() {
        demandLock.lock();
        try {
            paused = true;
        } finally {
            demandLock.unlock();
        }
    }

    /** Reads again after {@link #pauseReading()} or {@link Builder#paused()}. */
    public void resumeReading() {
        demandLock.lock();
        try {
            paused = false;
            if (owed) {
                owed = false;
                ws.request(1);
            }
        } finally {
            demandLock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------- state

    /** The subprotocol the server selected ({@code ""} for none). */
    public String subprotocol() {
        return ws.getSubprotocol();
    }

    /** Completes with the close code the server sent, or {@value #ABNORMAL} when the connection failed or was aborted. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The reason of the server's close frame, once {@link #closed()} completed with its code (null before). */
    public String closeReason() {
        return closeReason;
    }

    /** Drops the connection without a close handshake (a client that vanishes). */
    public void abort() {
        ws.abort();
        closed.complete(ABNORMAL);
    }

    /** Sends a normal close (1000) unless one was sent, waits until it is written, not for the reply. */
    @Override
    public void close() {
        close(WebSocket.NORMAL_CLOSURE, "");
    }

    /** Sends a close frame with this code and reason unless one was sent; aborts when it cannot be written in 5 s. */
    public void close(int code, String reason) {
        if (ws.isOutputClosed()) return;
        try {
            ws.sendClose(code, reason).orTimeout(5, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            abort();
        }
    }

    private String describe() {
        synchronized (history) {
            return "last messages received: " + history + (closed.isDone() ? ", closed with " + closed.join() : "");
        }
    }

    private void received(Message m) {
        synchronized (history) {
            if (history.size() == HISTORY) history.removeFirst();
            history.addLast(m);
        }
        if (!queue.offer(m)) overflowed = true;
    }

    private void requestNext(WebSocket socket) {
        demandLock.lock();
        try {
            if (paused) owed = true;
            else socket.request(1);
        } finally {
            demandLock.unlock();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket socket) {
            requestNext(socket);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String s = text.toString();
                text.setLength(0);
                JsonNode json;
                try {
                    json = Json.parse(s);
                } catch (JacksonException notJson) {
                    json = null;
                }
                received(new Message(s, null, json, System.nanoTime()));
            }
            requestNext(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                received(new Message(null, binary.toByteArray(), null, System.nanoTime()));
                binary.reset();
            }
            requestNext(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            requestNext(socket); // the JDK answers with a pong itself
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            requestNext(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(ABNORMAL);
        }
    }
}
