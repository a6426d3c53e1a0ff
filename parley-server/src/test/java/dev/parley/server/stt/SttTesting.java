package dev.parley.server.stt;

import dev.parley.bench.TestSpeech;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.http.Json;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Shared helpers of the STT API tests: speech data, servers, multipart bodies, the WebSocket. */
final class SttTesting {
    private SttTesting() {}

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final Duration WAIT = Duration.ofSeconds(60);

    /** The shared speech set. */
    static SpeechSet speech() {
        return TestSpeech.shared();
    }

    static byte[] bytes(String file) {
        return speech().bytes(file);
    }

    static AudioClip clip(String file) {
        return AudioFiles.decode(bytes(file));
    }

    /** The manifest transcript of a file. */
    static String transcript(String file) {
        return speech().transcript(file);
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

    /** A WebSocket to {@code /v1/stt} of {@code base} with the test key. */
    static TestSocket socket(URI base, String query) {
        return TestSocket.to(base.resolve("/v1/stt" + (query.isEmpty() ? "" : "?" + query))).bearer(TestServers.KEY)
                .client(HTTP).connect();
    }

    /** The next event of {@code c}, waiting up to 60 s. */
    static JsonNode next(TestSocket c) throws InterruptedException {
        return c.next(WAIT).json();
    }

    /** The events of {@code c} up to and including the next one of {@code type}, waiting up to 60 s. */
    static List<JsonNode> until(TestSocket c, String type) throws InterruptedException {
        return c.until(type, WAIT).stream().map(TestSocket.Message::json).toList();
    }
}
