package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.server.testing.FakeEngines;
import dev.parley.server.testing.SessionScript;
import dev.parley.server.testing.TestServers;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.WsHandshake;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /v1/tts} WebSocket session (spec §6) scripted in process over a fake engine (10 ms of tone per
 * character): events, incremental synthesis, errors and cancellation without a socket or a model (the real engines
 * run in {@link TtsWebSocketTest}).
 */
class TtsSessionScriptTest {
    final FakeEngines.ToneTts tone = new FakeEngines.ToneTts();
    final TtsService service;

    TtsSessionScriptTest() {
        service = service(tone);
    }

    /** The synthesis core of the default config over {@code engine} alone. */
    static TtsService service(FakeEngines.ToneTts engine) {
        var config = TestServers.config();
        VoiceCatalog catalog = VoiceCatalog.from(config);
        SpeechSynthesizer synth = new SpeechSynthesizer(TtsEngines.of(Map.of("tone", engine)), catalog.mapping());
        return new TtsService(catalog, synth, new TtsMetrics(new SimpleMeterRegistry()), TtsSettings.of(config.tts()));
    }

    /** A session as the route makes it for {@code query} (PCM 24 kHz, English, voice eve unless it says otherwise). */
    TtsStream session(String... query) {
        return session(service, query);
    }

    static TtsStream session(TtsService service, String... query) {
        Map<String, List<String>> q = new LinkedHashMap<>(Map.of("codec", List.of("pcm"), "language", List.of("en")));
        for (int i = 0; i < query.length; i += 2) q.put(query[i], List.of(query[i + 1]));
        WsHandshake hs = new WsHandshake("/v1/tts", "/v1/tts", Map.of(), q, Map.of(), null, "req-1", List.of(), null);
        return new TtsStream(service, WsParams.parse(hs, service));
    }

    static byte[] audio(SessionScript r) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (JsonNode e : r.seen("audio.delta")) pcm.writeBytes(Base64.getDecoder().decode(e.get("delta").stringValue()));
        return pcm.toByteArray();
    }

    @Test
    void textIsSpokenSentenceBySentenceAndEachUtteranceEndsWithAudioDone() throws Exception {
        TtsStream s = session();
        SessionScript r = SessionScript.inProcess(s).run("/tts/utterances.jsonl");
        // 10 ms per character of "Hello there." "How are you?" "Bye now.": 32 characters, 16-bit PCM at 24 kHz
        assertThat(audio(r)).hasSize(32 * FakeEngines.ToneTts.SAMPLES_PER_CHAR * 2);
        assertThat(tone.calls).containsExactly("female:Hello there.", "female:How are you?", "female:Bye now.");
        assertThat(r.seen("audio.done").get(1).get("trace_id")).isNotEqualTo(r.vars.get("$first"));
        r.transport.close();
        assertThat(s.awaitFinished(Duration.ofSeconds(5))).as("worker ended").isTrue();
    }

    @Test
    void badMessagesGetAnErrorEventAndTheSessionGoesOn() {
        SessionScript.inProcess(session()).run("/tts/bad_messages.jsonl");
    }

    @Test
    void textClearDropsTheTextWaitingAndAnswersAudioClear() {
        SessionScript r = SessionScript.inProcess(session()).run("/tts/clear.jsonl");
        assertThat(tone.calls).containsExactly("female:Fresh start.");
        assertThat(audio(r)).hasSize(12 * FakeEngines.ToneTts.SAMPLES_PER_CHAR * 2);
    }

    @Test
    void textThatCannotBeSpokenGetsAnErrorEventAndTheSessionGoesOn() {
        SessionScript.inProcess(session()).run("/tts/unspeakable.jsonl");
        assertThat(tone.calls).containsExactly("female:Still here.");
    }

    @Test
    void aChainedReplaceMapIsAppliedInOnePass() {
        SessionScript.inProcess(session()).run("/tts/replace_chain.jsonl");
        assertThat(tone.calls).containsExactly("female:everything everything");
    }

    @Test
    void aReplaceMapOverTheBoundIsAnErrorAndThePreviousMapStays() throws Exception {
        SessionScript r = SessionScript.inProcess(session());
        r.transport.start();
        r.transport.send("{\"type\":\"session.update\",\"replace\":{\"Acme\":\"Ack me\"}}");
        StringBuilder big = new StringBuilder("{\"type\":\"session.update\",\"replace\":{");
        for (int i = 0; i < 60_000; i++) big.append(i == 0 ? "" : ",").append("\"w").append(i).append("\":\"x\"");
        r.transport.send(big.append("}}").toString());
        assertThat(r.next().get("message").stringValue())
                .isEqualTo("Field 'replace' has 60000 entries; the limit is 1000");
        r.transport.send("{\"type\":\"text.delta\",\"delta\":\"Acme w1.\"}");
        r.transport.send("{\"type\":\"text.done\"}");
        JsonNode e;
        do {
            e = r.next();
        } while (e.get("type").stringValue().equals("audio.delta"));
        assertThat(e.get("type").stringValue()).isEqualTo("audio.done");
        assertThat(tone.calls).containsExactly("female:Ack me w1.");
    }

    /**
     * An engine that synthesises only when the test lets it, one chunk per permit, so that what runs after the client
     * left can be counted without timing.
     */
    static final class GatedTts extends FakeEngines.ToneTts {
        final Semaphore permits = new Semaphore(0);
        final AtomicInteger started = new AtomicInteger();

        @Override
        public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
            started.incrementAndGet();
            permits.acquireUninterruptibly();
            return super.synthesize(text, voice, prosody, language);
        }
    }

    @Test
    void aClientThatLeavesMidUtteranceStopsTheSynthesisWithinTheLookahead() throws Exception {
        GatedTts gated = new GatedTts();
        TtsStream s = session(service(gated));
        SessionScript r = SessionScript.inProcess(s);
        r.transport.start();
        r.transport.send("{\"type\":\"text.delta\",\"delta\":\"" + "This is one of twelve sentences. ".repeat(12)
                + "\"}");
        r.transport.send("{\"type\":\"text.done\"}");
        gated.permits.release(); // the first chunk
        assertThat(r.next().get("type").stringValue()).isEqualTo("audio.delta");
        r.transport.close();
        gated.permits.release(100); // whatever is in flight may finish
        assertThat(s.awaitFinished(Duration.ofSeconds(10))).as("worker ended").isTrue();
        // the first chunk, and at most the utterance's lookahead of two chunks already under way when the client left
        assertThat(gated.started.get()).isBetween(1, 3);
        assertThat(gated.calls).hasSize(gated.started.get());
    }

    @Test
    void aClientThatLeavesStopsTheWorkerBeforeItsNextChunk() throws Exception {
        TtsStream s = session();
        SessionScript r = SessionScript.inProcess(s);
        r.transport.start();
        r.transport.close();
        r.transport.send("{\"type\":\"text.delta\",\"delta\":\"Nobody hears this.\"}");
        assertThat(s.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThat(tone.calls).isEmpty();
    }
}
