package dev.parley.server.stt;

import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.stt.SpeechData;
import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.engines.stt.SttBench;
import dev.parley.server.ParleyServer;
import dev.parley.server.http.Json;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Shared helpers of the STT API tests: speech data, servers, multipart bodies, a WebSocket client. */
final class SttTesting {
    private SttTesting() {}

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code shared/speech} (see {@link SpeechData#speechDir()}). */
    static Path speechDir() {
        return SpeechData.speechDir();
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(speechDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudioClip clip(String file) {
        return AudioFiles.decode(bytes(file));
    }

    /** The manifest transcript of a file. */
    static String transcript(String file) {
        return SttBench.englishItems(speechDir()).stream().filter(i -> i.file().equals(file)).findFirst()
                .orElseThrow().transcript();
    }

    /** The default {@code stt} settings, spooling into {@code temp}. */
    static ParleyConfig.Stt config(Path temp) {
        return TestServers.config().stt().withTempDir(temp.toString());
    }

    /** A server with the STT feature alone, on the test JVM's runtime (models loaded once for every server). */
    static ParleyServer start(ParleyConfig.Stt config) throws Exception {
        return ParleyServer.builder(TestServers.config()).standardFeatures(false).engines(TestRuntime.get()).feature(new SttFeature(config))
                .start();
    }

    /** Transcodes audio with the FFmpeg program shipped in the bytedeco jar (e.g. {@code "flac"}, {@code "mp3"}). */
    static byte[] ffmpeg(byte[] input, String format) throws Exception {
        String exe = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Path dir = Files.createTempDirectory("stt-ffmpeg-");
        try {
            Path in = dir.resolve("in.wav"), out = dir.resolve("out." + format);
            Files.write(in, input);
            ProcessBuilder pb = new ProcessBuilder(exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i",
                    in.toString(), out.toString()).redirectErrorStream(true);
            pb.environment().put("LD_LIBRARY_PATH", Path.of(exe).getParent().toString());
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(log);
            return Files.readAllBytes(out);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    /** Little-endian 16-bit PCM of float samples. */
    static byte[] pcm16(float[] samples) {
        return dev.parley.audio.Pcm16.fromFloat(samples);
    }

    /** A multipart/form-data body. */
    static final class Form {
        private final String boundary = "----parley" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n");
            return this;
        }

        Form file(String filename, byte[] data) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(data);
            write("\r\n");
            return this;
        }

        byte[] body() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(out.toByteArray());
            b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return b.toByteArray();
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    static HttpResponse<String> post(URI base, Form form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/stt"))
                .header("Authorization", "Bearer " + TestServers.KEY)
                .header("Content-Type", form.contentType())
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    /** Words of a response as a list. */
    static List<JsonNode> words(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode w = node.get("words");
        if (w != null) w.forEach(out::add);
        return out;
    }

    /** A WebSocket client that collects JSON text messages and the close code. */
    static final class WsClient implements WebSocket.Listener {
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final List<JsonNode> all = java.util.Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static WsClient connect(URI base, String query) throws Exception {
            WsClient c = new WsClient();
            URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/stt" + (query.isEmpty() ? ""
                    : "?" + query));
            c.ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + TestServers.KEY)
                    .buildAsync(uri, c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode n = json(partial.toString());
                partial.setLength(0);
                all.add(n);
                events.add(n);
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

        /** The next event, waiting up to 60 s. */
        JsonNode next() throws InterruptedException {
            JsonNode n = events.poll(60, TimeUnit.SECONDS);
            if (n == null) throw new AssertionError("no event within 60 s; got so far: " + all);
            return n;
        }

        /** Events up to and including the next one of {@code type}. */
        List<JsonNode> until(String type) throws InterruptedException {
            List<JsonNode> out = new ArrayList<>();
            while (true) {
                JsonNode n = next();
                out.add(n);
                if (n.get("type").asString().equals(type)) return out;
            }
        }

        void send(byte[] data) throws Exception {
            ws.sendBinary(ByteBuffer.wrap(data), true).get(60, TimeUnit.SECONDS);
        }

        void sendText(String text) throws Exception {
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        /** Sends {@code data} in chunks of {@code chunkBytes} as fast as the server takes them. */
        void stream(byte[] data, int chunkBytes) throws Exception {
            for (int at = 0; at < data.length; at += chunkBytes) {
                send(java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + chunkBytes)));
            }
        }

        void close() {
            ws.sendClose(1000, "bye");
        }
    }
}
