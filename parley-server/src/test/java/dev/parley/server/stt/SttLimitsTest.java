package dev.parley.server.stt;

import dev.parley.engines.runtime.TestRuntime;
import static dev.parley.server.stt.SttTesting.Form;
import static dev.parley.server.stt.SttTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.util.Map;
import dev.parley.bench.ws.TestSocket;
import dev.parley.models.ModelStatus;
import dev.parley.models.ModelUnavailableException;
import dev.parley.server.ParleyServer;
import dev.parley.server.stt.internal.BatchEndpoint;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload limits with a small configured maximum, and the unavailable/overloaded states. */
class SttLimitsTest {
    static final long LIMIT = 100_000;

    @TempDir
    static Path temp;

    static ParleyServer server;
    static SttFeature feature;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        feature = new SttFeature(SttTesting.config(temp).withMaxUploadBytes(LIMIT)
                .withMaxPendingAudioSeconds(1).withUrlAllowPrivate(true));
        server = ParleyServer.builder(TestServers.config()).standardFeatures(false).engines(TestRuntime.get()).feature(feature).start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(Form f, boolean chunked) throws Exception {
        byte[] body = f.body();
        HttpRequest.BodyPublisher pub = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return SttTesting.HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/stt"))
                .header("Authorization", "Bearer " + TestServers.KEY).header("Content-Type", f.contentType())
                .POST(pub).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long tempFiles() throws Exception {
        try (Stream<Path> s = Files.list(feature.tempDir())) {
            return s.count();
        }
    }

    @Test
    void anUploadOverTheConfiguredLimitWithContentLengthIs413() throws Exception {
        HttpResponse<String> r = send(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                .file("a.raw", new byte[(int) LIMIT]), false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(json(r.body()).get("error").asString()).contains(String.valueOf(LIMIT));
    }

    @Test
    void aChunkedUploadOverTheLimitIs413WhileStreaming() throws Exception {
        HttpResponse<String> r = send(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                .file("a.raw", new byte[(int) LIMIT * 3]), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    }

    @Test
    void rejectedUploadsLeaveNoTemporaryFiles() throws Exception {
        send(new Form().file("a.raw", new byte[(int) LIMIT * 3]), true);
        send(new Form().file("a.raw", new byte[(int) LIMIT * 3]), false);
        assertThat(tempFiles()).isZero();
    }

    @Test
    void anUploadUnderTheLimitIsAccepted() throws Exception {
        HttpResponse<String> r = send(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                .file("a.raw", new byte[32000]), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r.body()).get("duration").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aUrlDownloadOverTheLimitIs413AndLeavesNoFile() throws Exception {
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/big.raw", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: the size shows only while downloading
            for (int i = 0; i < 5; i++) ex.getResponseBody().write(new byte[(int) LIMIT / 2]);
            ex.close();
        });
        files.start();
        try {
            HttpResponse<String> r = send(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                    .field("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/big.raw"), false);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(tempFiles()).isZero();
        } finally {
            files.stop(0);
        }
    }

    @Test
    void missingModelsLeaveTheServerUpButSttNotReadyNamingTheFetchCommand() throws Exception {
        // a real runtime over an empty model cache: the engines report what is missing
        Path empty = java.nio.file.Files.createDirectories(temp.resolve("no-models"));
        var config = dev.parley.server.config.ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0", "models.dir", empty.toString()));
        try (ParleyServer s = ParleyServer.builder(config).standardFeatures(false)
                .feature(new SttFeature(SttTesting.config(temp))).start()) {
            HttpResponse<String> ready = SttTesting.HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("stt").contains("./parley models fetch");
            HttpResponse<String> post = SttTesting.HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/stt"))
                    .header("Authorization", "Bearer " + TestServers.KEY)
                    .header("Content-Type", new Form().contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new Form().file("a", new byte[10]).body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(503);
            assertThat(json(post.body()).get("error").asString()).contains("./parley models fetch");
            RawHttp.Response ws = RawHttp.upgrade(s.port(), "/v1/stt", "Authorization: Bearer " + TestServers.KEY);
            assertThat(ws.status()).isEqualTo(503);
        }
    }

    @Test
    void aClientFasterThanTheServerIsSlowedDownNotCutOff() throws Exception {
        // inbox bound 1 s of audio: 11 s sent as fast as possible must pause reading, then resume, dropping nothing
        String file = "misc/jfk.wav";
        dev.parley.audio.AudioClip clip = SttTesting.clip(file);
        float[] mono = dev.parley.audio.Resampler.resample(clip.mono(), clip.sampleRate(), 16000);
        TestSocket c = SttTesting.socket(base, "endpointing=500");
        SttTesting.next(c);
        c.stream(SttTesting.pcm16(mono), 1600);
        c.send("{\"type\":\"audio.done\"}");
        java.util.List<tools.jackson.databind.JsonNode> events = SttTesting.until(c, "transcript.done");
        assertThat(events.getLast().get("duration").asDouble()).isEqualTo(11.0);
        StringBuilder text = new StringBuilder();
        for (var e : events) {
            if (e.get("type").asString().equals("transcript.done") || e.get("speech_final").asBoolean()) {
                text.append(e.get("text").asString()).append(' ');
            }
        }
        assertThat(dev.parley.bench.eval.WerScorer.wer(SttTesting.transcript(file), text.toString()))
                .as(text.toString()).isLessThanOrEqualTo(0.1);
        assertThat(c.closed()).isNotDone();
        c.close();
    }

    @Test
    void aSaturatedNativePoolIs503() throws Exception {
        try (ParleyServer s = ParleyServer.builder(TestServers.config()).standardFeatures(false).engines(TestRuntime.get())
                .feature(ctx -> ctx.router().post("/v1/stt", new BatchEndpoint(SttTesting.config(temp), temp, () -> {
                    throw new RejectedExecutionException("FFmpeg pool is busy (1 threads, 64 queued)");
                }))).start()) {
            Form f = new Form().file("a.wav", new byte[100]);
            HttpResponse<String> r = SttTesting.HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/stt"))
                    .header("Authorization", "Bearer " + TestServers.KEY).header("Content-Type", f.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(f.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r.body()).get("error").asString()).contains("busy");
        }
    }

    @Test
    void byDefaultAUrlLeadingToALoopbackAddressIsRefusedWith400NamingTheSetting() throws Exception {
        try (ParleyServer s = ParleyServer.builder(TestServers.config()).standardFeatures(false).engines(TestRuntime.get())
                .feature(ctx -> ctx.router().post("/v1/stt", new BatchEndpoint(SttTesting.config(temp), temp,
                        () -> null))).start()) { // no engine: the request must be refused before transcription
            // the server itself: a request forged to reach what only the server can reach
            HttpResponse<String> r = SttTesting.post(s.uri(), new Form().field("url", s.uri() + "/metrics"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r.body()).get("error").asString()).contains("loopback").contains("PARLEY_STT_URL_ALLOW_PRIVATE");
        }
    }

    @Test
    void theUrlSafetySettingComesFromTheEnvironment() {
        assertThat(dev.parley.server.config.ConfigLoader.load(null, Map.of(), Map.of()).stt().urlAllowPrivate()).isFalse();
        assertThat(dev.parley.server.config.ConfigLoader.load(null, Map.of("PARLEY_STT_URL_ALLOW_PRIVATE", "true"),
                Map.of()).stt().urlAllowPrivate()).isTrue();
    }
}
