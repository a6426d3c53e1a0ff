package dev.parley.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.runtime.EngineState;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One engine runtime per process: every feature (TTS, STT, the voice agent, the playground) of every server on it
 * shares one load of each model, and {@code /ready} lists the engines.
 */
class OneRuntimeTest {
    static final List<String> ENGINES = List.of("silero-vad", "moonshine-tiny", "vosk-small-en", "hibari", "kokoro",
            "piper", "espeak", "llm");

    @Test
    void everyModelIsLoadedOnceForEveryFeatureOfEveryServerAndReadyListsTheEngines() throws Exception {
        var config = TestServers.config();
        try (EngineRuntime runtime = EngineRuntime.create(config.runtimeConfig())) {
            try (ParleyServer a = ParleyServer.builder(config).engines(runtime).start();
                 ParleyServer b = ParleyServer.builder(config).engines(runtime).start()) {
                a.awaitReady(Duration.ofMinutes(2));
                b.awaitReady(Duration.ofMinutes(2));
                // the STT feature and the voice agent both use the VAD and Moonshine; TTS and the agent the voices' engines
                for (String id : ENGINES) assertThat(runtime.loads(id)).as(id).isEqualTo(1);
                assertThat(runtime.states()).allSatisfy(s -> assertThat(s.status()).as(s.id())
                        .isEqualTo(EngineState.Status.READY));

                HttpResponse<String> ready = new Http(a.uri()).get("/ready");
                assertThat(ready.statusCode()).isEqualTo(200);
                JsonNode engines = Http.json(ready).get("engines");
                assertThat(engines.propertyNames()).containsExactlyElementsOf(ENGINES);
                assertThat(engines.get("kokoro").get("status").stringValue()).isEqualTo("ready");
                assertThat(engines.get("kokoro").get("role").stringValue()).isEqualTo("tts");
                assertThat(engines.get("kokoro").get("load_ms").asLong()).isPositive();
                assertThat(engines.get("silero-vad").get("role").stringValue()).isEqualTo("vad");
            }
            // the servers did not close the runtime they were given
            assertThat(runtime.tts().get("espeak")).isNotNull();
            assertThat(runtime.loads("espeak")).isEqualTo(1);
        }
    }
}
