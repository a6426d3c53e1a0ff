package dev.parley.server.tts;

import dev.parley.audio.WireCodec;
import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.audio.AudioClip;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Engine loading: a host without the neural models still speaks, with espeak-ng, and says so in /ready. */
class TtsFeatureTest {

    @Test
    void missingNeuralModelsFallBackToEspeakAndShowInReadiness(@TempDir Path emptyModels) throws Exception {
        // the server's own runtime, over an empty model cache
        ParleyConfig config = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0",
                        "models.dir", Files.createDirectories(emptyModels).toString()));
        TtsFeature tts = new TtsFeature(config.tts());
        ParleyServer server = ParleyServer.builder(config).standardFeatures(false).feature(tts).start();
        try (server) {
            assertThat(tts.engineStatus().get("kokoro")).startsWith("unavailable").contains("parley models fetch");
            assertThat(tts.engineStatus().get("espeak")).isEqualTo("loaded");

            HttpResponse<String> ready = new Http(server.uri()).get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode check = Http.json(ready).path("checks").path("tts");
            assertThat(check.path("ready").asBoolean()).isTrue();
            assertThat(check.path("detail").asString()).contains("kokoro unavailable").contains("espeak loaded");

            HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                    {"text":"Hello world.","language":"en","voice_id":"eve",
                     "output_format":{"codec":"pcm","sample_rate":16000}}""");
            assertThat(r.statusCode()).isEqualTo(200);
            AudioClip clip = TtsTesting.decode(WireCodec.PCM, r.body(), 16000);
            assertThat(clip.durationSeconds()).isBetween(0.4, 3.0);
            Timer espeak = server.meters().find("parley.tts.synthesis").tag("engine", "espeak").timer();
            assertThat(espeak).isNotNull();
            assertThat(espeak.count()).isPositive();
        }
    }
}
