package dev.parley.server.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.server.stt.internal.StreamRequest;
import dev.parley.server.stt.internal.StreamSession;
import dev.parley.server.testing.FakeEngines;
import dev.parley.server.testing.SessionScript;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

    /**
     * A transcriber that counts what it is fed and holds its first {@code accept} until released, as a busy inference
     * pool holds a stream's task.
     */
    static final class HeldTranscriber implements StreamingTranscriber {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger accepts = new AtomicInteger();
        final AtomicLong samples = new AtomicLong();

        @Override
        public Stream open(int sampleRate, Options options, Listener listener) {
            return new Stream() {
                @Override
                public void accept(float[] x, int off, int len) {
                    accepts.incrementAndGet();
                    samples.addAndGet(len);
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void finalizeUtterance() {}

                @Override
                public Transcript finish() {
                    return new Transcript("", List.of(), true, true, 0, samples.get() / 16000.0);
                }

                @Override
                public double secondsReceived() {
                    return samples.get() / 16000.0;
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void audioThatQueuedWhileTheStreamWasBehindIsFedInOneGoAndNoSampleIsLost() throws Exception {
        HeldTranscriber engine = new HeldTranscriber();
        StreamSession s = new StreamSession(engine, INFERENCE, StreamRequest.parse(Map.of()), false, 10);
        SessionScript r = script(s);
        r.transport.start();
        assertThat(r.next().path("type").asString()).isEqualTo("transcript.created");
        Thread client = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 30; i++) r.transport.sendBinary(r.pcm(100, true)); // 3 s in 100 ms messages
            r.transport.send("{\"type\":\"audio.done\"}");
        });
        assertThat(engine.entered.await(10, TimeUnit.SECONDS)).isTrue();
        client.join(Duration.ofSeconds(10)); // every message queued behind the held first one
        engine.release.countDown();
        JsonNode done = r.next();
        while (!done.path("type").asString().equals("transcript.done")) done = r.next();
        assertThat(engine.samples.get()).as("every sample fed").isEqualTo(30 * 1600);
        // the first message (or the first few) while the client was sending, then all that waited behind it at once
        assertThat(engine.accepts.get()).as("feeds of 30 messages").isBetween(1, 2);
        r.transport.close();
    }
}
