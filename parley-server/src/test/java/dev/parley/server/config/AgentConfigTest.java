package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voice agent's settings: {@code llm.*} and {@code realtime.*}. */
class AgentConfigTest {
    @TempDir
    Path dir;

    static final Map<String, String> OPENAI = Map.of("PARLEY_LLM_BACKEND", "openai",
            "PARLEY_LLM_BASE_URL", "https://api.x.ai/v1", "PARLEY_LLM_API_KEY", "xai-secret-123456",
            "PARLEY_LLM_MODEL", "grok-3-mini");

    @Test
    void defaultsRunTheEmbeddedModel() {
        ParleyConfig c = ConfigLoader.defaults();
        assertThat(c.llm().backend()).isEqualTo("embedded");
        assertThat(c.llm().baseUrl()).isNull();
        assertThat(c.llm().apiKey()).isNull();
    }

    @Test
    void environmentSelectsAnOpenAiCompatibleBackend() {
        ParleyConfig c = ConfigLoader.load(null, OPENAI, Map.of());
        assertThat(c.llm()).isEqualTo(new ParleyConfig.Llm("openai", "https://api.x.ai/v1", "xai-secret-123456", "grok-3-mini"));
    }

    /** {@code yaml} as this test's config file. */
    Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("parley.yaml"), yaml);
    }

    @Test
    void fileSetsTheBackend() throws Exception {
        ParleyConfig c = ConfigLoader.load(file("""
                llm:
                  backend: openai
                  base_url: http://127.0.0.1:11434/v1
                  model: llama3.2
                """), Map.of(), Map.of());
        assertThat(c.llm().backend()).isEqualTo("openai");
        assertThat(c.llm().apiKey()).as("no key for a local server").isNull();
    }

    @Test
    void aFileThatStillSetsTheAgentsTtsEngineIsRefusedAsAnUnknownSettingPointingAtTheVoicesEngines() throws Exception {
        Path f = file("""
                realtime:
                  tts_engine: kokoro
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("realtime.tts_engine: unknown setting (from config file " + f + "); known here: ")
                        .contains("idle_timeout_seconds")
                        .endsWith("set voices.<id>.engine instead"));
    }

    @Test
    void theAgentsTtsEngineFromTheEnvironmentOrTheCommandLineIsRefusedToo() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_REALTIME_TTS_ENGINE", "piper"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .isEqualTo("realtime.tts_engine: removed setting (from environment PARLEY_REALTIME_TTS_ENGINE); "
                                + "the voice agent speaks each voice with its own engine: set voices.<id>.engine instead"));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("realtime.tts_engine", "piper")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("realtime.tts_engine: unknown setting (from command line)")
                        .endsWith("set voices.<id>.engine instead"));
    }

    @Test
    void printedConfigRedactsTheLlmApiKey() {
        String yaml = ConfigLoader.toYaml(ConfigLoader.load(null, OPENAI, Map.of()), true);
        assertThat(yaml).doesNotContain("xai-secret-123456").contains("api_key: '***'").contains("grok-3-mini");
    }

    @Test
    void openAiBackendWithoutBaseUrlOrModelIsAProblemNamingBoth() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LLM_BACKEND", "openai"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("llm.base_url: required when llm.backend is openai")
                .hasMessageContaining("llm.model: required when llm.backend is openai");
    }

    @Test
    void unknownBackendAndNonHttpUrlAreProblems() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LLM_BACKEND", "gpt"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("llm.backend: must be one of embedded, openai, got 'gpt' (from environment PARLEY_LLM_BACKEND)");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LLM_BACKEND", "openai",
                "PARLEY_LLM_BASE_URL", "api.x.ai/v1", "PARLEY_LLM_MODEL", "m"), Map.of()))
                .hasMessageContaining("llm.base_url: must be an http(s) URL");
    }
}
