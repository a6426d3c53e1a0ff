package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Wav;
import dev.parley.audio.WireCodec;
import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Heard;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The TTS WebSocket protocol (spec §6). Voice {@code eve} speaks with Kokoro; {@code rex} is configured to speak with
 * espeak-ng here, which keeps the protocol tests that do not depend on the engine quick.
 */
class TtsWebSocketTest {
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TtsTesting.start("voices.rex.engine", "espeak", "voices.rex.engine_voice", "m3");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestSocket connect(String query) {
        return TtsTesting.socket(server, query);
    }

    @Test
    void utteranceStreamsAudioDeltasThenAudioDoneWithATraceId() throws Exception {
        try (TestSocket c = connect("language=en&voice=eve&codec=pcm&sample_rate=24000")) {
            c.textDelta("Hello there. ");
            c.textDelta("How can I help?");
            c.textDone();
            TtsTesting.Utterance u = TtsTesting.utterance(c, 60);
            assertThat(u.traceId()).hasSize(36);
            assertThat(u.deltas()).isNotEmpty();
            AudioClip clip = TtsTesting.decode(WireCodec.PCM, u.audio(), 24000);
            assertThat(clip.durationSeconds()).isBetween(1.0, 6.0);
            assertThat(Heard.words(clip.mono(), 24000)).contains("hello").contains("help");
        }
    }

    @Test
    void secondUtteranceOnTheSameSocketGetsItsOwnAudioAndTraceId() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm&sample_rate=16000")) {
            c.textDelta("First utterance.");
            c.textDone();
            TtsTesting.Utterance first = TtsTesting.utterance(c, 30);
            c.textDelta("And now the second, longer utterance on the same socket.");
            c.textDone();
            TtsTesting.Utterance second = TtsTesting.utterance(c, 30);
            assertThat(second.traceId()).isNotEqualTo(first.traceId());
            assertThat(first.audio().length).isPositive();
            assertThat(second.audio().length).isGreaterThan(first.audio().length);
        }
    }

    @Test
    void firstSentenceIsSynthesisedBeforeTextDoneArrives() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm")) {
            c.textDelta("The first sentence is complete. And the second one is still being");
            JsonNode n = TtsTesting.next(c, 30);
            assertThat(n.path("type").asString()).isEqualTo("audio.delta");
            c.textDelta(" written.");
            c.textDone();
            TtsTesting.utterance(c, 30);
        }
    }

    @Test
    void textWithoutASentenceEndIsSynthesisedAfterAShortPauseWithoutNewText() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm")) {
            c.textDelta("this text has no sentence end but it is long enough to say");
            JsonNode n = TtsTesting.next(c, 30);
            assertThat(n.path("type").asString()).isEqualTo("audio.delta");
        }
    }

    @Test
    void wavDeltasOfOneUtteranceConcatenateToAPlayableFile() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=wav&sample_rate=16000")) {
            c.textDelta("One. Two. Three.");
            c.textDone();
            TtsTesting.Utterance u = TtsTesting.utterance(c, 30);
            byte[] first = java.util.Base64.getDecoder().decode(u.deltas().getFirst().path("delta").asString());
            assertThat(new String(first, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            AudioClip clip = Wav.read(u.audio());
            assertThat(clip.sampleRate()).isEqualTo(16000);
            assertThat(clip.durationSeconds()).isBetween(0.8, 4.0);
            assertThat(AudioFiles.decode(u.audio()).sampleRate()).isEqualTo(16000);
        }
    }

    @Test
    void mp3DeltasOfOneUtteranceConcatenateToAPlayableStream() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex")) {
            c.textDelta("One. Two. Three.");
            c.textDone();
            AudioClip clip = AudioFiles.decode(TtsTesting.utterance(c, 30).audio());
            assertThat(clip.sampleRate()).isEqualTo(24000);
            assertThat(clip.durationSeconds()).isBetween(0.8, 4.0);
        }
    }

    @Test
    void textClearIsAnsweredWithAudioClearAndAbandonsTheUtterance() throws Exception {
        try (TestSocket c = connect("language=en&voice=eve&codec=pcm")) {
            c.textDelta("This long utterance will be abandoned. ".repeat(8));
            c.send("{\"type\":\"text.clear\"}");
            JsonNode n;
            do {
                n = TtsTesting.next(c, 60);
                assertThat(n.path("type").asString()).isNotEqualTo("audio.done");
            } while (!n.path("type").asString().equals("audio.clear"));
            assertThat(c.poll(Duration.ofMillis(1500))).as("no event").isNull();
            c.textDelta("Next.");
            c.textDone();
            assertThat(TtsTesting.utterance(c, 60).audio().length).isPositive();
        }
    }

    @Test
    void textClearOnAnIdleSocketIsAnsweredWithAudioClear() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex")) {
            c.send("{\"type\":\"text.clear\"}");
            assertThat(TtsTesting.next(c, 10).path("type").asString()).isEqualTo("audio.clear");
        }
    }

    @Test
    void badJsonGetsAFlatErrorEventAndTheSocketStaysOpen() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm")) {
            c.send("{not json");
            JsonNode e = TtsTesting.next(c, 10);
            assertThat(e.path("type").asString()).isEqualTo("error");
            assertThat(e.path("message").asString()).contains("JSON");
            c.textDelta("Still here.");
            c.textDone();
            assertThat(TtsTesting.utterance(c, 30).audio().length).isPositive();
        }
    }

    @Test
    void unknownMessageTypeGetsAnErrorEventNamingIt() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex")) {
            c.send("{\"type\":\"text.shout\"}");
            JsonNode e = TtsTesting.next(c, 10);
            assertThat(e.path("type").asString()).isEqualTo("error");
            assertThat(e.path("message").asString()).contains("text.shout");
        }
    }

    @Test
    void deltaOverFifteenThousandCharactersGetsAnErrorEvent() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex")) {
            c.textDelta("a".repeat(15_001));
            JsonNode e = TtsTesting.next(c, 10);
            assertThat(e.path("type").asString()).isEqualTo("error");
            assertThat(e.path("message").asString()).contains("15000");
        }
    }

    @Test
    void sessionUpdateWithReplaceIsAccepted() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm")) {
            c.send("{\"type\":\"session.update\",\"replace\":{\"Acme\":\"Ack me\"}}");
            c.textDelta("Acme sells rockets.");
            c.textDone();
            assertThat(TtsTesting.utterance(c, 30).audio().length).isPositive();
        }
    }

    @Test
    void missingLanguageDefaultsToAutoPerConflict7() throws Exception {
        try (TestSocket c = connect("voice=rex&codec=pcm")) {
            c.textDelta("No language was given.");
            c.textDone();
            assertThat(TtsTesting.utterance(c, 30).audio().length).isPositive();
        }
    }

    @Test
    void serverSendsNoGreeting() throws Exception {
        try (TestSocket c = connect("language=en")) {
            assertThat(c.poll(Duration.ofMillis(500))).as("no event").isNull();
        }
    }

    @Test
    void withTimestampsAudioDeltasCarryCharacterTimes() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm&with_timestamps=true")) {
            c.textDelta("Hi there. Bye now.");
            c.textDone();
            TtsTesting.Utterance u = TtsTesting.utterance(c, 30);
            StringBuilder said = new StringBuilder();
            double last = 0;
            for (JsonNode d : u.deltas()) {
                JsonNode ts = d.path("audio_timestamps");
                if (ts.isMissingNode()) continue;
                ts.path("graph_chars").forEach(ch -> said.append(ch.asString()));
                for (JsonNode pair : ts.path("graph_times")) {
                    assertThat(pair.get(0).asDouble()).isGreaterThanOrEqualTo(last - 1e-9);
                    last = pair.get(1).asDouble();
                }
            }
            assertThat(said.toString()).isEqualTo("Hi there.Bye now.");
            assertThat(last).isGreaterThan(0.5);
        }
    }

    @Test
    void timeToFirstAudioIsRecordedPerEngine() throws Exception {
        try (TestSocket c = connect("language=en&voice=rex&codec=pcm")) {
            c.textDelta("Hello.");
            c.textDone();
            TtsTesting.utterance(c, 30);
        }
        Timer t = server.meters().find("parley.tts.ttfa").tag("api", "ws").tag("engine", "espeak").timer();
        assertThat(t).isNotNull();
        assertThat(t.count()).isPositive();
    }

    // ---- rejected before the upgrade ----

    static RawHttp.Response upgrade(String query) throws Exception {
        return RawHttp.upgrade(server.port(), "/v1/tts?" + query, "Authorization: Bearer " + TestServers.KEY);
    }

    @Test
    void unknownVoiceIsRejectedBeforeTheUpgradeWith404() throws Exception {
        RawHttp.Response r = upgrade("voice=nobody&language=en");
        assertThat(r.status()).isEqualTo(404);
        assertThat(Http.json(r.body()).path("error").asString()).contains("nobody");
    }

    @Test
    void badCodecIsRejectedBeforeTheUpgradeWith400() throws Exception {
        RawHttp.Response r = upgrade("codec=flac");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).path("error").asString()).contains("flac");
    }

    @Test
    void badSampleRateIsRejectedBeforeTheUpgradeWith400() throws Exception {
        RawHttp.Response r = upgrade("codec=pcm&sample_rate=11025");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).path("error").asString()).contains("11025");
    }

    @Test
    void unsupportedLanguageIsRejectedBeforeTheUpgradeWith400() throws Exception {
        RawHttp.Response r = upgrade("language=klingon");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).path("error").asString()).contains("klingon");
    }

    @Test
    void upgradeWithoutCredentialsIsA401() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/tts?language=en");
        assertThat(r.status()).isEqualTo(401);
        assertThat(Arrays.asList(r.body())).isNotEmpty();
    }
}
