package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that misbehave on the TTS WebSocket: one that vanishes mid-utterance and one that stops reading. The outbound
 * bound is 64 KiB here (4 MiB in production) so that a few seconds of audio beyond what the socket buffers hold exceed
 * it.
 */
class TtsWebSocketBackpressureTest {
    static final long BOUND = 64 * 1024;
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TtsTesting.start("websocket.max_outbound_bytes", Long.toString(BOUND),
                "voices.rex.engine", "espeak", "voices.rex.engine_voice", "m3");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static double cancelled(String reason) {
        Counter c = server.meters().find("parley.tts.cancelled").tag("api", "ws").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    static double active() {
        return server.meters().get("parley.tts.syntheses.active").gauge().value();
    }

    @Test
    void clientThatVanishesMidUtteranceStopsItsSynthesis() throws Exception {
        String text = String.join(" ", Collections.nCopies(12, "This sentence is one of twelve in a row."));
        long before = TtsTesting.chunks(server);
        double cancelledBefore = cancelled("client_gone");
        TestSocket ws = TtsTesting.socket(server, "language=en&voice=eve&codec=pcm");
        ws.textDelta(text);
        ws.textDone();
        await().atMost(Duration.ofSeconds(60)).until(() -> TtsTesting.chunks(server) > before);
        ws.abort();

        await().atMost(Duration.ofSeconds(60)).until(() -> cancelled("client_gone") > cancelledBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> active() == 0);
        long done = TtsTesting.chunks(server) - before;
        assertThat(done).isLessThan(12);
        Thread.sleep(500);
        assertThat(TtsTesting.chunks(server) - before).as("no chunk synthesised after the worker ended").isEqualTo(done);
    }

    @Test
    void clientThatStopsReadingIsClosedWith1008AndItsSynthesisCancelled() throws Exception {
        String text = String.join(" ", Collections.nCopies(40, "This sentence goes to a client that never reads."));
        double cancelledBefore = cancelled("slow_reader");
        try (TestSocket ws = TestSocket.to(server.uri().resolve("/v1/tts?language=en&voice=rex&codec=pcm&sample_rate=48000"))
                .bearer(TestServers.KEY).paused().connect()) {
            ws.textDelta(text);
            ws.textDone();

            await().atMost(Duration.ofSeconds(60)).until(() -> cancelled("slow_reader") > cancelledBefore);
            await().atMost(Duration.ofSeconds(10)).until(() -> active() == 0);

            // Now read: the audio that was queued, then the close frame.
            ws.resumeReading();
            assertThat(ws.closed().get(60, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(ws.overflowed()).isFalse();
            assertThat(ws.drain()).as("the utterance was cut short").noneMatch(m -> "audio.done".equals(m.type()));
        }
    }
}
