package dev.parley.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.realtime.RealtimeFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server the API benchmarks get is ready when they get it: {@code ./parley bench realtime} used to evaluate
 * readiness once, right after the start, and fail with "loading the voice model" on a fresh start.
 */
class LocalServerTest {
    @Test
    void aFreshVoiceAgentServerIsReadyWhenHandedOverAndStopsOnClose() throws Exception {
        URI base;
        ParleyConfig config = ConfigLoader.defaults();
        try (LocalEngines engines = new LocalEngines(config);
             LocalServer server = LocalServer.start(engines, Map.of(), Map.of(),
                b -> b.standardFeatures(false).feature(new RealtimeFeature(config.realtime())))) {
            base = server.baseUrl();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(server.apiKey()).startsWith("bench-");
            assertThat(server.describe()).matches("in-process server on loopback \\(ready in \\d+\\.\\d s\\)");
            server.awaitIdle(Duration.ofSeconds(5));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }
}
