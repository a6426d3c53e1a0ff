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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

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
        feature = new SttFeature(SttTesting.config(temp).withMaxUploadBytes(LIMIT).withMaxPendingAudioSeconds(1));
        server = ParleyServer.builder(TestServers.configAllowingLoopback()).standardFeatures(false).engines(TestRuntime.get()).feature(feature).start();
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
                .feature(ctx -> ctx.router().post("/v1/stt", new BatchEndpoint(SttTesting.config(temp), temp,
                        ctx.outbound(), () -> {
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

    /**
     * By default a {@code url} leading to the server's own host is refused with 400 naming {@code url}, before
     * anything is connected to: every notation of a loopback address, the IPv6 forms that carry 127.0.0.1
     * (IPv4-compatible, IPv4-mapped, NAT64, 6to4), and the IPv4 notations clients read differently.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:PORT/a.wav           | 'url' leads to a loopback address",
            "http://localhost:PORT/a.wav           | 'url' leads to a loopback address",
            "http://[::1]:PORT/a.wav            | 'url' leads to a loopback address",
            "http://[::127.0.0.1]:PORT/a.wav    | 'url' leads to a loopback address",
            "http://[64:ff9b::7f00:1]:PORT/a.wav | 'url' leads to a loopback address",
            "http://[::ffff:127.0.0.1]:PORT/a.wav | 'url' leads to a loopback address",
            "http://[2002:7f00:1::]:PORT/a.wav  | 'url' leads to a loopback address",
            "http://0177.0.0.1:PORT/a.wav       | not a canonical IPv4 address",
            "http://0x7f.0.0.1:PORT/a.wav       | not a canonical IPv4 address",
            "http://2130706433:PORT/a.wav       | not a canonical IPv4 address",
            "http://127.1:PORT/a.wav            | not a canonical IPv4 address"})
    void byDefaultAUrlLeadingToALoopbackAddressIsRefusedWith400NamingUrl(String url, String why) throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0); // what only the server reaches
        internal.createContext("/", ex -> {
            fetched.incrementAndGet();
            byte[] b = "INTERNAL-ONLY".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        internal.start();
        try (ParleyServer s = ParleyServer.builder(TestServers.config()).standardFeatures(false).engines(TestRuntime.get())
                .feature(ctx -> ctx.router().post("/v1/stt", new BatchEndpoint(SttTesting.config(temp), temp,
                        ctx.outbound(), () -> null))).start()) { // no engine: refused before transcription
            String target = url.replace("PORT", "" + internal.getAddress().getPort());
            HttpResponse<String> r = SttTesting.post(s.uri(), new Form().field("url", target));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode e = json(r.body());
            assertThat(e.get("code").asString()).isNotBlank();
            assertThat(e.get("error").asString()).contains(why).contains("'url'").doesNotContain("INTERNAL-ONLY");
            if (why.contains("loopback")) assertThat(e.get("error").asString()).contains("PARLEY_OUTBOUND_ALLOW");
            assertThat(fetched).hasValue(0);
        } finally {
            internal.stop(0);
        }
    }

    @Test
    void theOutboundAllowListComesFromTheEnvironment() {
        assertThat(dev.parley.server.config.ConfigLoader.load(null, Map.of(), Map.of()).outbound().allow()).isEmpty();
        assertThat(dev.parley.server.config.ConfigLoader.load(null, Map.of("PARLEY_OUTBOUND_ALLOW", "10.0.0.0/8, mcp.lan"),
                Map.of()).outbound().allow()).containsExactly("10.0.0.0/8", "mcp.lan");
    }
}
