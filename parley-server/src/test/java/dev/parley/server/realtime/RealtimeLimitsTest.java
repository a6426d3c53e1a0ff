package dev.parley.server.realtime;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;

import dev.parley.server.testing.TestServers;
import dev.parley.server.voices.VoicesFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spec §4.8 J: sessions end with an {@code error} of type {@code timeout} or {@code max_duration}, then a close. */
class RealtimeLimitsTest {
    static final Duration T = Duration.ofSeconds(30);
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        // limits wide apart: a stalled test thread must not look like inactivity
        var config = WireFixtures.config(Map.of("realtime.idle_timeout_seconds", "3", "realtime.max_duration_seconds", "8"));
        server = ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get())
                .feature(new VoicesFeature()).feature(new RealtimeFeature(config.realtime())).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestSocket connect() {
        return WireFixtures.connect(WireFixtures.wsUri(server, "model=grok-voice-latest"), TestServers.KEY, List.of());
    }

    @Test
    void aClientThatSendsNothingGetsATimeoutErrorThenACleanClose_CONFIRMEDLATER() throws Exception {
        try (TestSocket c = connect()) {
            assertThat(c.await("session.created", T, null)).isNotNull();
            long start = System.nanoTime();
            TestSocket.Message e = c.await("error", T, new ArrayList<>());
            assertThat(e.json().get("error").get("type").stringValue()).isEqualTo("timeout");
            assertThat(e.json().get("error").get("code").stringValue()).isEqualTo("timeout");
            assertThat(e.json().get("error").get("message").stringValue()).contains("No client activity");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2500));
            assertThat(c.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void aClientThatKeepsTalkingIsNotTimedOutButEndsAtTheMaximumDuration() throws Exception {
        try (TestSocket c = connect()) {
            assertThat(c.await("session.created", T, null)).isNotNull();
            long start = System.nanoTime();
            byte[] silence = new byte[4800]; // 100 ms of 24 kHz PCM
            TestSocket.Message error = null;
            while (error == null && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
                for (TestSocket.Message e : c.drain()) if (e.type().equals("error")) error = e;
                if (error != null || c.closed().isDone()) break;
                try {
                    c.appendAudio(silence);
                } catch (RuntimeException closedMeanwhile) {
                    break; // the server ended the session between two appends: its events are queued
                }
                Thread.sleep(200);
            }
            if (error == null) for (TestSocket.Message e : c.drain()) if (e.type().equals("error")) error = e;
            assertThat(error).as("an error event").isNotNull();
            assertThat(error.json().get("error").get("type").stringValue()).isEqualTo("max_duration");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(7500));
            assertThat(c.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void limitsComeFromTheConfigurationAndAMalformedOneNamesItsVariable() {
        var c = dev.parley.server.config.ConfigLoader.load(null, Map.of("PARLEY_REALTIME_IDLE_TIMEOUT_SECONDS", "30"),
                Map.of());
        assertThat(c.realtime().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.realtime().maxDuration()).isEqualTo(Duration.ofMinutes(120));
        assertThatThrownBy(() -> dev.parley.server.config.ConfigLoader.load(null,
                Map.of("PARLEY_REALTIME_MAX_DURATION_SECONDS", "-1"), Map.of()))
                .hasMessageContaining("realtime.max_duration_seconds").hasMessageContaining("PARLEY_REALTIME_MAX_DURATION_SECONDS");
    }
}
