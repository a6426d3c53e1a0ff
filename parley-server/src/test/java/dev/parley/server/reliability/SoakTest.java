package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.api.ApiServer;
import dev.parley.bench.api.Soak;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Three minutes of {@code ./parley bench soak} against a real server with every feature (two TTS and one STT REST
 * loop, an STT stream and the voice agent at once): no request may fail, and after the load stops and a GC the
 * server's WebSocket sessions, threads and file descriptors must be back to their baseline and its resident memory
 * may have grown by no more than {@link #MAX_RSS_GROWTH_BYTES}.
 */
class SoakTest {
    /**
     * The resident memory a 3-minute soak may add: native allocators (ONNX Runtime's arenas, glibc's) keep the peak
     * that load made them take; measured growth is 220-270 MB over 3 minutes, levelling off over 30 (the README's
     * Reliability section has the figures).
     */
    static final double MAX_RSS_GROWTH_BYTES = 400e6;

    @Test
    void threeMinutesOfLoadOnEveryFeatureFailsNothingAndTheServerReturnsToItsBaseline() throws Exception {
        try (ParleyServer server = ParleyServer.builder(TestServers.config()).engines(TestRuntime.get()).start()) {
            server.awaitReady(Duration.ofMinutes(3));
            Soak.Report r = Soak.run(ApiServer.remote(server.uri(), TestServers.KEY), TestSpeech.shared(),
                    Soak.Options.defaults(Duration.ofMinutes(3)), System::gc);
            System.out.print(r.text());
            assertThat(r.totalFailed()).as(r.text()).isZero();
            assertThat(r.done()).as("every kind of load ran").containsKeys("tts", "stt", "stt-ws", "agent");
            assertThat(r.done().values()).as(r.text()).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(r.after().sessions()).as("open sessions after the load").isZero();
            assertThat(r.after().threads()).as("live threads").isLessThanOrEqualTo(r.baseline().threads() + 10);
            assertThat(r.after().fds()).as("open file descriptors").isLessThanOrEqualTo(r.baseline().fds() + 10);
            assertThat(r.after().rss() - r.baseline().rss()).as("resident memory growth, bytes")
                    .isLessThanOrEqualTo(MAX_RSS_GROWTH_BYTES);
        }
    }
}
