package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.WireCodec;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Heard;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /v1/tts with the default voice (eve, on hibari): streaming, content, timestamps, cancellation. */
class TtsRestTest {
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TtsTesting.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static double cancelled(String api, String reason) {
        Counter c = server.meters().find("parley.tts.cancelled").tag("api", api).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    static double active() {
        return server.meters().get("parley.tts.syntheses.active").gauge().value();
    }

    @Test
    void speechRoundTripsThroughRecognition() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                {"text":"Hello world, this is a simple test.","language":"en",
                 "output_format":{"codec":"wav","sample_rate":16000}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        AudioClip clip = AudioFiles.decode(r.body());
        assertThat(Heard.words(clip.mono(), clip.sampleRate())).contains("world").contains("simple test");
    }

    @Test
    void speechTagsAreNotReadOut() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                {"text":"Hello [laugh] world.","language":"en","output_format":{"codec":"pcm","sample_rate":16000}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        AudioClip clip = TtsTesting.decode(WireCodec.PCM, r.body(), 16000);
        assertThat(Heard.words(clip.mono(), 16000)).contains("hello").contains("world")
                .doesNotContain("laugh");
    }

    @Test
    void voiceIdIsCaseInsensitiveAndUnknownFieldsAreIgnored() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                {"text":"Hi.","language":"EN","voice_id":"EVE","model":"grok-tts","future_field":{"x":1}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("audio/mpeg");
        assertThat(AudioFiles.decode(r.body()).durationSeconds()).isGreaterThan(0.2);
    }

    @Test
    void firstAudioBytesArriveWhileLaterSentencesAreStillBeingSynthesised() throws Exception {
        long before = TtsTesting.chunks(server);
        HttpResponse<InputStream> r = TtsTesting.CLIENT.send(TtsTesting.request(server.uri(), """
                {"text":"The first is short. Here comes a second sentence. And a third one ends it.",
                 "language":"en","output_format":{"codec":"pcm","sample_rate":24000}}"""),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-length")).isEmpty();
        try (InputStream in = r.body()) {
            assertThat(in.read()).isNotEqualTo(-1);
            long atFirstByte = TtsTesting.chunks(server) - before;
            in.readAllBytes();
            long atEnd = TtsTesting.chunks(server) - before;
            assertThat(atEnd).as("three sentences, the first within any engine's first chunk").isEqualTo(3);
            assertThat(atFirstByte).isLessThan(atEnd);
        }
    }

    @Test
    void clientThatDisconnectsMidResponseStopsTheSynthesis() throws Exception {
        String text = "This is sentence number one. ".repeat(1) + String.join(" ",
                java.util.Collections.nCopies(11, "Another sentence follows right after it."));
        String body = "{\"text\":\"" + text + "\",\"language\":\"en\",\"output_format\":{\"codec\":\"pcm\"}}";
        double cancelledBefore = cancelled("rest", "client_gone");
        long before = TtsTesting.chunks(server);
        try (Socket s = TtsTesting.rawPost(server.port(), "/v1/tts", body)) {
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(2048); // headers and the start of the first chunk's audio
            assertThat(new String(head, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            s.setSoLinger(true, 0); // reset, not a graceful close
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> cancelled("rest", "client_gone") > cancelledBefore);
        // Not active: the request's utterance is closed, having waited for the chunks in flight; none starts after.
        await().atMost(Duration.ofSeconds(10)).until(() -> active() == 0);
        assertThat(TtsTesting.chunks(server) - before).as("chunks synthesised of 12").isLessThan(12);
    }

    @Test
    void withTimestampsReturnsJsonWithBase64AudioAndCharacterTimes() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                {"text":"Hello world.","language":"en","with_timestamps":true}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = Http.json(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(n.path("content_type").asString()).isEqualTo("audio/mpeg");
        AudioClip clip = AudioFiles.decode(Base64.getDecoder().decode(n.path("audio").asString()));
        double duration = n.path("duration").asDouble();
        assertThat(duration).isBetween(0.4, 3.0);
        assertThat(clip.durationSeconds()).isCloseTo(duration, org.assertj.core.data.Offset.offset(0.15));
        JsonNode chars = n.path("audio_timestamps").path("graph_chars");
        JsonNode times = n.path("audio_timestamps").path("graph_times");
        StringBuilder said = new StringBuilder();
        chars.forEach(c -> said.append(c.asString()));
        assertThat(said.toString()).isEqualTo("Hello world.");
        assertThat(times.size()).isEqualTo(chars.size());
        double prevEnd = 0;
        for (JsonNode pair : times) {
            assertThat(pair.size()).isEqualTo(2);
            assertThat(pair.get(0).asDouble()).isGreaterThanOrEqualTo(prevEnd - 1e-9);
            assertThat(pair.get(1).asDouble()).isGreaterThanOrEqualTo(pair.get(0).asDouble());
            prevEnd = pair.get(1).asDouble();
        }
        assertThat(prevEnd).isCloseTo(duration, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void responseCarriesATraceId() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.post(server.uri(), "{\"text\":\"Hi.\",\"language\":\"auto\"}");
        assertThat(r.headers().firstValue("x-trace-id")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
    }

    @Test
    void timeToFirstAudioIsRecorded() throws Exception {
        TtsTesting.post(server.uri(), "{\"text\":\"Hi.\",\"language\":\"en\"}");
        Timer t = server.meters().find("parley.tts.ttfa").tag("api", "rest").tag("engine", "hibari").timer();
        assertThat(t).isNotNull();
        assertThat(t.count()).isPositive();
    }
}
