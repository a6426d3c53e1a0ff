package dev.parley.server.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.runtime.Inference;
import dev.parley.server.stt.internal.StreamRequest;
import dev.parley.server.stt.internal.StreamSession;
import dev.parley.server.testing.FakeEngines;
import dev.parley.server.testing.SessionScript;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /v1/stt} WebSocket session (spec §9) scripted in process over a fake transcriber: the protocol, its
 * errors and its framing without a socket or a model (the real engines run in {@link SttStreamTest}).
 */
class SttSessionScriptTest {
    static final Inference INFERENCE = new Inference("stt-script", 1);

    @AfterAll
    static void stop() {
        INFERENCE.close();
    }

    /** A session as the route makes it for {@code query} (16 kHz PCM unless the query says otherwise). */
    static StreamSession session(String... query) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) q.put(query[i], List.of(query[i + 1]));
        StreamRequest req = StreamRequest.parse(q);
        boolean close = req.closeAfterDone() != null && req.closeAfterDone();
        return new StreamSession(new FakeEngines.ToneTranscriber(), INFERENCE, req, close, 10);
    }

    static SessionScript script(StreamSession s) {
        SessionScript r = SessionScript.inProcess(s);
        r.rate = 16000;
        return r;
    }

    @Test
    void twoTurnsOnOneSocketEachEndWithTranscriptDone() throws Exception {
        StreamSession s = session("sample_rate", "16000", "endpointing", "100");
        SessionScript r = script(s).run("/stt/turns.jsonl");
        assertThat(s.turns()).isEqualTo(2);
        r.transport.close();
        assertThat(s.awaitEnd(Duration.ofSeconds(5))).as("worker ended").isTrue();
    }

    @Test
    void badMessagesGetAnErrorEventAndTheSessionGoesOn() {
        script(session()).run("/stt/bad_messages.jsonl");
    }

    @Test
    void aSampleSplitAcrossMessagesIsJoinedNotDropped() {
        script(session()).run("/stt/split_frames.jsonl");
    }

    @Test
    void closeAfterDoneClosesTheConnectionWith1000() {
        SessionScript r = script(session("close_after_done", "true")).run("/stt/close_after_done.jsonl");
        assertThat(r.closeCodes).containsExactly(1000);
    }

    @Test
    void interimsComeWhileTheSpeechGoesOnThenTheFinal() {
        script(session("interim_results", "true")).run("/stt/interims.jsonl");
    }

    @Test
    void aClientThatLeavesStopsTheWorkerEvenWithAudioWaiting() throws Exception {
        StreamSession s = session();
        SessionScript r = script(s);
        r.transport.start();
        r.next(); // transcript.created
        r.transport.sendBinary(r.pcm(2000, true));
        r.transport.close();
        assertThat(s.awaitEnd(Duration.ofSeconds(5))).isTrue();
    }
}
