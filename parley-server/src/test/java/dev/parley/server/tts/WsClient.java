package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.http.Json;
import dev.parley.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A java.net.http WebSocket client for the TTS socket that queues every server event. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    /** One utterance as received: its audio (deltas concatenated), its events, and the audio.done trace id. */
    record Utterance(byte[] audio, List<JsonNode> deltas, String traceId) {}

    static WsClient connect(URI base, String query) throws Exception {
        WsClient c = new WsClient();
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/tts" + (query.isEmpty() ? "" : "?" + query));
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TestServers.KEY)
                .buildAsync(uri, c).get(30, TimeUnit.SECONDS);
        return c;
    }

    void send(String json) {
        ws.sendText(json, true).join();
    }

    void delta(String text) {
        send(Json.MAPPER.createObjectNode().put("type", "text.delta").put("delta", text).toString());
    }

    void done() {
        send("{\"type\":\"text.done\"}");
    }

    /** The next event, failing after {@code seconds}. */
    JsonNode next(int seconds) throws InterruptedException {
        JsonNode n = events.poll(seconds, TimeUnit.SECONDS);
        assertThat(n).as("a server event within %d s", seconds).isNotNull();
        return n;
    }

    /** Events up to and including audio.done; fails on an error event. */
    Utterance utterance(int seconds) throws InterruptedException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        List<JsonNode> deltas = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            JsonNode n = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(n).as("audio.done within %d s", seconds).isNotNull();
            String type = n.path("type").asString();
            assertThat(type).as("event %s", n).isIn("audio.delta", "audio.done");
            if (type.equals("audio.done")) return new Utterance(audio.toByteArray(), deltas, n.path("trace_id").asString());
            deltas.add(n);
            audio.writeBytes(Base64.getDecoder().decode(n.path("delta").asString()));
        }
    }

    /** Asserts that no event arrives within {@code millis}. */
    void assertQuiet(long millis) throws InterruptedException {
        assertThat(events.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            events.add(Json.MAPPER.readTree(partial.toString()));
            partial.setLength(0);
        }
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
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) ws.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(x -> null).join();
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
