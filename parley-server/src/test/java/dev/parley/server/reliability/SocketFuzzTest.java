package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.api.ApiServer;
import dev.parley.bench.api.SocketFuzzer;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A minute of the seeded WebSocket fuzzer ({@code ./parley bench fuzz}) against a real server with every feature:
 * no case may break a session, get a server error or internal text, and afterwards no session or thread may be left.
 * A failure prints the seed and the minimal steps; rerun them with {@code ./parley bench fuzz --seed ...}.
 */
class SocketFuzzTest {
    static final long SEED = 20261203L;

    @Test
    void aMinuteOfMutatedEventStreamsOnTheThreeSocketsBreaksNothingAndLeavesNothingBehind() throws Exception {
        try (ParleyServer server = ParleyServer.builder(TestServers.config()).engines(TestRuntime.get()).start()) {
            server.awaitReady(Duration.ofMinutes(3));
            SocketFuzzer.Report r = SocketFuzzer.run(ApiServer.remote(server.uri(), TestServers.KEY),
                    new SocketFuzzer.Options(SEED, Duration.ofSeconds(60)));
            System.out.print(r.text());
            assertThat(r.failures()).as(r.text()).isEmpty();
            assertThat(r.cases()).as("cases run").isGreaterThan(30);
            assertThat(r.perSocket()).containsKeys("realtime", "tts", "stt");
            assertThat(r.clean()).as(r.text()).isTrue();
        }
    }
}
