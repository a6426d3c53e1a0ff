package dev.parley.server.tts;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.WireCodec;
import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Shared fixtures of the TTS tests: engines loaded once per JVM, servers, decoding. */
final class TtsTesting {
    private TtsTesting() {}

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    /**
     * A started server with the TTS feature only, on the test JVM's runtime (every engine loaded once; fails naming
     * {@code ./parley models fetch} when a model is missing), without warm-up; {@code flags} override settings
     * ({@code voices.eve.engine}, {@code websocket.max_outbound_bytes}).
     */
    static ParleyServer start(String... flags) throws Exception {
        Map<String, String> f = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", "0",
                "tts.warm_up", "false"));
        for (int i = 0; i < flags.length; i += 2) f.put(flags[i], flags[i + 1]);
        ParleyConfig config = ConfigLoader.load(null,
                Map.of("PARLEY_API_KEYS", TestServers.KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"), f);
        return ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get())
                .feature(new TtsFeature(config.tts())).start();
    }

    static HttpResponse<byte[]> post(URI base, String json) throws Exception {
        return CLIENT.send(request(base, json), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Opens a plain socket to {@code port} and sends an authorised JSON POST to {@code path} on it, so that a test can
     * read part of the response and then drop the connection. The caller closes the socket.
     */
    static java.net.Socket rawPost(int port, String path, String json) throws java.io.IOException {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.Socket s = new java.net.Socket("127.0.0.1", port);
        java.io.OutputStream out = s.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServers.KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return s;
    }

    static HttpRequest request(URI base, String json) {
        return HttpRequest.newBuilder(base.resolve("/v1/tts"))
                .header("Authorization", "Bearer " + TestServers.KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Decodes a response body of {@code codec} at {@code rate} (raw codecs need the rate; files carry their own). */
    static AudioClip decode(WireCodec codec, byte[] body, int rate) {
        return codec.isRaw() ? AudioFiles.decodeRaw(body, codec, rate, 1) : AudioFiles.decode(body);
    }

    /** Chunks {@code server} has synthesised so far (the {@code parley.tts.synthesis} timers, every engine). */
    static long chunks(ParleyServer server) {
        long n = 0;
        for (Timer t : server.meters().find("parley.tts.synthesis").timers()) n += t.count();
        return n;
    }

    static double rms(float[] f) {
        double s = 0;
        for (float x : f) s += (double) x * x;
        return Math.sqrt(s / Math.max(1, f.length));
    }

    /** A TTS WebSocket to {@code server} with the test key; {@code query} as in {@code voice=eve&language=en}. */
    static TestSocket socket(ParleyServer server, String query) {
        return TestSocket.to(server.uri().resolve("/v1/tts" + (query.isEmpty() ? "" : "?" + query))).bearer(TestServers.KEY)
                .connectTimeout(Duration.ofSeconds(30)).connect();
    }

    /** One utterance as received: its audio (deltas concatenated), its events, and the audio.done trace id. */
    record Utterance(byte[] audio, List<JsonNode> deltas, String traceId) {}

    /** The events up to and including audio.done; fails on any other event (an error) or after {@code seconds}. */
    static Utterance utterance(TestSocket c, int seconds) throws InterruptedException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        List<JsonNode> deltas = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            TestSocket.Message m = c.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertThat(m).as("audio.done within %d s", seconds).isNotNull();
            assertThat(m.type()).as("event %s", m).isIn("audio.delta", "audio.done");
            if (m.type().equals("audio.done")) return new Utterance(audio.toByteArray(), deltas, m.json().path("trace_id").asString());
            deltas.add(m.json());
            audio.writeBytes(m.base64("delta"));
        }
    }

    /** The next event, failing after {@code seconds}. */
    static JsonNode next(TestSocket c, int seconds) throws InterruptedException {
        return c.next(Duration.ofSeconds(seconds)).json();
    }
}
