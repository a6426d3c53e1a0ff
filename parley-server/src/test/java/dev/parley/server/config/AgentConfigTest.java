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
    void defaultsRunTheEmbeddedModelAndPiper() {
        ParleyConfig c = ConfigLoader.defaults();
        assertThat(c.llm().backend()).isEqualTo("embedded");
        assertThat(c.llm().baseUrl()).isNull();
        assertThat(c.llm().apiKey()).isNull();
        assertThat(c.realtime().ttsEngine()).isEqualTo("piper");
    }

    @Test
    void environmentSelectsAnOpenAiCompatibleBackend() {
        ParleyConfig c = ConfigLoader.load(null, OPENAI, Map.of());
        assertThat(c.llm()).isEqualTo(new ParleyConfig.Llm("openai", "https://api.x.ai/v1", "xai-secret-123456", "grok-3-mini"));
    }

    @Test
    void fileSetsTheBackendAndTheAgentTtsEngine() throws Exception {
        Path f = dir.resolve("parley.yaml");
        Files.writeString(f, """
                llm:
                  backend: openai
                  base_url: http://127.0.0.1:11434/v1
                  model: llama3.2
                realtime:
                  tts_engine: kokoro
                """);
        ParleyConfig c = ConfigLoader.load(f, Map.of(), Map.of());
        assertThat(c.llm().backend()).isEqualTo("openai");
        assertThat(c.llm().apiKey()).as("no key for a local server").isNull();
        assertThat(c.realtime().ttsEngine()).isEqualTo("kokoro");
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
    void unknownBackendTtsEngineAndNonHttpUrlAreProblems() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LLM_BACKEND", "gpt"), Map.of("realtime.tts_engine", "festival")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("llm.backend: must be one of embedded, openai, got 'gpt' (from environment PARLEY_LLM_BACKEND)")
                .hasMessageContaining("realtime.tts_engine: must be one of espeak, kokoro, piper, got 'festival'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LLM_BACKEND", "openai",
                "PARLEY_LLM_BASE_URL", "api.x.ai/v1", "PARLEY_LLM_MODEL", "m"), Map.of()))
                .hasMessageContaining("llm.base_url: must be an http(s) URL");
    }
}
