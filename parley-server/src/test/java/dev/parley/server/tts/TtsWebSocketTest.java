package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Wav;
import dev.parley.audio.WireCodec;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
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

    static WsClient connect(String query) throws Exception {
        return WsClient.connect(server.uri(), query);
    }

    @Test
    void utteranceStreamsAudioDeltasThenAudioDoneWithATraceId() throws Exception {
        try (WsClient c = connect("language=en&voice=eve&codec=pcm&sample_rate=24000")) {
            c.delta("Hello there. ");
            c.delta("How can I help?");
            c.done();
            WsClient.Utterance u = c.utterance(60);
            assertThat(u.traceId()).hasSize(36);
            assertThat(u.deltas()).isNotEmpty();
            AudioClip clip = TtsTesting.decode(WireCodec.PCM, u.audio(), 24000);
            assertThat(clip.durationSeconds()).isBetween(1.0, 6.0);
            assertThat(TtsTesting.transcribe(clip.mono(), 24000)).contains("hello").contains("help");
        }
    }

    @Test
    void secondUtteranceOnTheSameSocketGetsItsOwnAudioAndTraceId() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=pcm&sample_rate=16000")) {
            c.delta("First utterance.");
            c.done();
            WsClient.Utterance first = c.utterance(30);
            c.delta("And now the second, longer utterance on the same socket.");
            c.done();
            WsClient.Utterance second = c.utterance(30);
            assertThat(second.traceId()).isNotEqualTo(first.traceId());
            assertThat(first.audio().length).isPositive();
            assertThat(second.audio().length).isGreaterThan(first.audio().length);
        }
    }

    @Test
    void firstSentenceIsSynthesisedBeforeTextDoneArrives() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=pcm")) {
            c.delta("The first sentence is complete. And the second one is still being");
            JsonNode n = c.next(30);
            assertThat(n.path("type").asString()).isEqualTo("audio.delta");
            c.delta(" written.");
            c.done();
            c.utterance(30);
        }
    }

    @Test
    void textWithoutASentenceEndIsSynthesisedAfterAShortPauseWithoutNewText() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=pcm")) {
            c.delta("this text has no sentence end but it is long enough to say");
            JsonNode n = c.next(30);
            assertThat(n.path("type").asString()).isEqualTo("audio.delta");
        }
    }

    @Test
    void wavDeltasOfOneUtteranceConcatenateToAPlayableFile() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=wav&sample_rate=16000")) {
            c.delta("One. Two. Three.");
            c.done();
            WsClient.Utterance u = c.utterance(30);
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
        try (WsClient c = connect("language=en&voice=rex")) {
            c.delta("One. Two. Three.");
            c.done();
            AudioClip clip = AudioFiles.decode(c.utterance(30).audio());
            assertThat(clip.sampleRate()).isEqualTo(24000);
            assertThat(clip.durationSeconds()).isBetween(0.8, 4.0);
        }
    }

    @Test
    void textClearIsAnsweredWithAudioClearAndAbandonsTheUtterance() throws Exception {
        try (WsClient c = connect("language=en&voice=eve&codec=pcm")) {
            c.delta("This long utterance will be abandoned. ".repeat(8));
            c.send("{\"type\":\"text.clear\"}");
            JsonNode n;
            do {
                n = c.next(60);
                assertThat(n.path("type").asString()).isNotEqualTo("audio.done");
            } while (!n.path("type").asString().equals("audio.clear"));
            c.assertQuiet(1500);
            c.delta("Next.");
            c.done();
            assertThat(c.utterance(60).audio().length).isPositive();
        }
    }

    @Test
    void textClearOnAnIdleSocketIsAnsweredWithAudioClear() throws Exception {
        try (WsClient c = connect("language=en&voice=rex")) {
            c.send("{\"type\":\"text.clear\"}");
            assertThat(c.next(10).path("type").asString()).isEqualTo("audio.clear");
        }
    }

    @Test
    void badJsonGetsAFlatErrorEventAndTheSocketStaysOpen() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=pcm")) {
            c.send("{not json");
            JsonNode e = c.next(10);
            assertThat(e.path("type").asString()).isEqualTo("error");
            assertThat(e.path("message").asString()).contains("JSON");
            c.delta("Still here.");
            c.done();
            assertThat(c.utterance(30).audio().length).isPositive();
        }
    }

    @Test
    void unknownMessageTypeGetsAnErrorEventNamingIt() throws Exception {
        try (WsClient c = connect("language=en&voice=rex")) {
            c.send("{\"type\":\"text.shout\"}");
            JsonNode e = c.next(10);
            assertThat(e.path("type").asString()).isEqualTo("error");
            assertThat(e.path("message").asString()).contains("text.shout");
        }
    }

    @Test
    void deltaOverFifteenThousandCharactersGetsAnErrorEvent() throws Exception {
        try (WsClient c = connect("language=en&voice=rex")) {
            c.delta("a".repeat(15_001));
            JsonNode e = c.next(10);
            assertThat(e.path("type").asString()).isEqualTo("error");
            assertThat(e.path("message").asString()).contains("15000");
        }
    }

    @Test
    void sessionUpdateWithReplaceIsAccepted() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=pcm")) {
            c.send("{\"type\":\"session.update\",\"replace\":{\"Acme\":\"Ack me\"}}");
            c.delta("Acme sells rockets.");
            c.done();
            assertThat(c.utterance(30).audio().length).isPositive();
        }
    }

    @Test
    void missingLanguageDefaultsToAutoPerConflict7() throws Exception {
        try (WsClient c = connect("voice=rex&codec=pcm")) {
            c.delta("No language was given.");
            c.done();
            assertThat(c.utterance(30).audio().length).isPositive();
        }
    }

    @Test
    void serverSendsNoGreeting() throws Exception {
        try (WsClient c = connect("language=en")) {
            c.assertQuiet(500);
        }
    }

    @Test
    void withTimestampsAudioDeltasCarryCharacterTimes() throws Exception {
        try (WsClient c = connect("language=en&voice=rex&codec=pcm&with_timestamps=true")) {
            c.delta("Hi there. Bye now.");
            c.done();
            WsClient.Utterance u = c.utterance(30);
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
        try (WsClient c = connect("language=en&voice=rex&codec=pcm")) {
            c.delta("Hello.");
            c.done();
            c.utterance(30);
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
