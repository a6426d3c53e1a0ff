package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    Path file(String yaml) throws Exception {
        Path f = dir.resolve("parley.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void embeddedDefaultsListenOnPort8080OnAllInterfacesWithFiveVoices() {
        ParleyConfig c = ConfigLoader.defaults();
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().shutdownGraceSeconds()).isEqualTo(10);
        assertThat(c.auth().apiKeys()).isEmpty();
        assertThat(c.voices().keySet()).containsExactly("eve", "ara", "rex", "sal", "leo");
        assertThat(c.voices().get("eve").engine()).isEqualTo("hibari");
        assertThat(c.voices().get("eve").engineVoice()).isEqualTo("heart");
    }

    @Test
    void fileOverridesDefaultsKeyByKey() throws Exception {
        ParleyConfig c = ConfigLoader.load(file("""
                server:
                  port: 9000
                voices:
                  eve:
                    engine_voice: af_nicole
                """), Map.of(), Map.of());
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.voices().get("eve").engineVoice()).isEqualTo("af_nicole");
        assertThat(c.voices().get("eve").name()).isEqualTo("Eve");
    }

    @Test
    void environmentOverridesFile() throws Exception {
        ParleyConfig c = ConfigLoader.load(file("server:\n  port: 9000\n"), Map.of("PARLEY_PORT", "9100"), Map.of());
        assertThat(c.server().port()).isEqualTo(9100);
    }

    @Test
    void flagOverridesEnvironmentAndFile() throws Exception {
        ParleyConfig c = ConfigLoader.load(file("server:\n  port: 9000\n"), Map.of("PARLEY_PORT", "9100"),
                Map.of("server.port", "9200"));
        assertThat(c.server().port()).isEqualTo(9200);
    }

    @Test
    void configFileCanBeNamedByEnvironment() throws Exception {
        Path f = file("server:\n  host: 127.0.0.1\n");
        ParleyConfig c = ConfigLoader.load(null, Map.of("PARLEY_CONFIG", f.toString()), Map.of());
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void apiKeysFromEnvironmentAreCommaSeparatedAndReplaceTheFileList() throws Exception {
        ParleyConfig c = ConfigLoader.load(file("auth:\n  api_keys: [file-key-0001]\n"),
                Map.of("PARLEY_API_KEYS", " key-one-0001 , key-two-0002,"), Map.of());
        assertThat(c.auth().apiKeys()).containsExactly("key-one-0001", "key-two-0002");
    }

    @Test
    void modelsDirDefaultsToTheModelCacheRoot() {
        assertThat(ConfigLoader.defaults().models().dir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "parley", "models").toString());
    }

    @Test
    void validationListsEveryProblemAtOnce() throws Exception {
        Path f = file("""
                server:
                  port: 70000
                  prot: 1
                  shutdown_grace_seconds: -1
                auth:
                  api_keys: ["short"]
                voices:
                  max:
                    name: Max
                    engine: festival
                    engine_voice: x
                    gender: robot
                  Bad:
                    name: Bad
                    engine: kokoro
                    engine_voice: af_sky
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("PARLEY_HOST", ""), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    List<String> p = e.problems();
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("server.port: must be between 0 and 65535, got 70000")
                            .contains("config file"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("server.prot: unknown setting"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("server.shutdown_grace_seconds: must be between"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("server.host: must not be empty")
                            .contains("environment PARLEY_HOST"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("auth.api_keys[0]:"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("voices.max.engine: unknown engine 'festival'"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("voices.max.gender: must be one of"));
                    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("voices.Bad: voice id must be lowercase"));
                    assertThat(p).hasSize(8);
                    assertThat(e.getMessage()).contains("8 problems");
                });
    }

    @Test
    void nonNumericPortFromEnvironmentIsReportedWithItsSource() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_PORT", "eighty"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "server.port: must be an integer, got 'eighty' (from environment PARLEY_PORT)"));
    }

    @Test
    void missingConfigFileIsAProblem() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().endsWith("absent.yaml: not found"));
    }

    @Test
    void malformedYamlIsAProblemNotACrash() throws Exception {
        Path f = file("server: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("not valid YAML"));
    }

    @Test
    void tlsCertWithoutKeyIsAProblem() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_TLS_CERT", cert.toString()), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(s -> assertThat(s).startsWith("tls: cert and key must be set together")));
    }

    @Test
    void yamlOutputRedactsApiKeysAndSigningKey() {
        ParleyConfig c = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", "secret-key-aaaa,secret-key-bbbb",
                "PARLEY_SECRET_SIGNING_KEY", "s".repeat(40)), Map.of());
        String yaml = ConfigLoader.toYaml(c, true);
        assertThat(yaml).doesNotContain("secret-key-aaaa").doesNotContain("secret-key-bbbb").doesNotContain("ssss");
        assertThat(yaml).contains("api_keys:\n  - '***'\n  - '***'\n").contains("secret_signing_key: '***'");
        assertThat(yaml).contains("port: 8080").contains("engine_voice: heart");
    }

    @Test
    void redactedYamlReadsBackAsTheSameSettingsApartFromSecrets() throws Exception {
        ParleyConfig c = ConfigLoader.load(null, Map.of("PARLEY_PORT", "9300"), Map.of());
        ParleyConfig back = ConfigLoader.load(file(ConfigLoader.toYaml(c, true)), Map.of(), Map.of());
        assertThat(back).isEqualTo(c);
    }

    @Test
    void everyFeatureSettingHasItsSectionAndItsEnvironmentVariable() {
        ParleyConfig c = ConfigLoader.load(null, Map.ofEntries(
                Map.entry("PARLEY_STT_MAX_UPLOAD_BYTES", "3000000000"),
                Map.entry("PARLEY_STT_CLOSE_AFTER_DONE", "true"),
                Map.entry("PARLEY_STT_MAX_PENDING_AUDIO_SECONDS", "4"),
                Map.entry("PARLEY_TTS_MAX_TEXT_CHARS", "60000"),
                Map.entry("PARLEY_TTS_MAX_REPLACEMENTS", "20"),
                Map.entry("PARLEY_TTS_MAX_REPLACEMENT_CHARS", "30"),
                Map.entry("PARLEY_TTS_WARM_UP", "false"),
                Map.entry("PARLEY_TTS_ENGINES", "piper, espeak"),
                Map.entry("PARLEY_ESPEAK_LIBRARY", "/opt/espeak/libespeak-ng.so.1"),
                Map.entry("PARLEY_TTS_KOKORO_MAX_SESSIONS", "3"),
                Map.entry("PARLEY_REALTIME_MAX_ITEM_TEXT_CHARS", "4000"),
                Map.entry("PARLEY_INFERENCE_THREADS", "3"),
                Map.entry("PARLEY_ONNX_THREADS", "2"),
                Map.entry("PARLEY_MODELS_MIRROR", "https://mirror.example/parley/"),
                Map.entry("PARLEY_WS_MAX_OUTBOUND_BYTES", "65536")), Map.of());
        assertThat(c.stt().maxUploadBytes()).isEqualTo(3_000_000_000L);
        assertThat(c.stt().closeAfterDone()).isTrue();
        assertThat(c.stt().maxPendingAudioSeconds()).isEqualTo(4);
        assertThat(c.tts().maxTextChars()).isEqualTo(60_000);
        assertThat(c.tts().maxReplacements()).isEqualTo(20);
        assertThat(c.tts().maxReplacementChars()).isEqualTo(30);
        assertThat(c.tts().warmUp()).isFalse();
        assertThat(c.tts().engines()).containsExactly("piper", "espeak");
        assertThat(c.tts().espeakLibrary()).isEqualTo("/opt/espeak/libespeak-ng.so.1");
        assertThat(c.realtime().maxItemTextChars()).isEqualTo(4000);
        assertThat(c.inference()).isEqualTo(new ParleyConfig.Inference(3, 2));
        assertThat(c.models().mirror()).isEqualTo("https://mirror.example/parley/");
        assertThat(c.websocket().maxOutboundBytes()).isEqualTo(65_536);
        var runtime = c.runtimeConfig();
        assertThat(runtime.inferenceThreads()).isEqualTo(3);
        assertThat(runtime.ttsOrder()).containsExactly("piper", "espeak");
        assertThat(c.tts().kokoroMaxSessions()).isEqualTo(3);
        assertThat(runtime.kokoroMaxSessions()).isEqualTo(3);
    }

    @Test
    void kokoroSessionsDefaultToTwoAndMustBeAtLeastOne() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).tts().kokoroMaxSessions()).isEqualTo(2);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_TTS_KOKORO_MAX_SESSIONS", "0"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "tts.kokoro_max_sessions: must be between 1 and 1000, got 0 (from environment "
                                + "PARLEY_TTS_KOKORO_MAX_SESSIONS)"));
    }

    @Test
    void zeroInferenceThreadsMeansOnePerCore() {
        assertThat(ConfigLoader.defaults().inference().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void engineIdsAndVoiceRatesAreCheckedAgainstTheRuntimesRegistry() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_TTS_ENGINES", "kokoro,festival"),
                Map.of("voices.eve.engines.festival.rate", "1.0", "voices.ara.engines.piper.rate", "9")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("tts.engines: unknown engine 'festival'")
                                .contains("PARLEY_TTS_ENGINES"))
                        .anySatisfy(p -> assertThat(p).startsWith("voices.eve.engines.festival: unknown engine"))
                        .anySatisfy(p -> assertThat(p).startsWith("voices.ara.engines.piper.rate: must be between")));
    }

    @Test
    void aMalformedNumberFromTheEnvironmentNamesTheSettingAndTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_STT_MAX_UPLOAD_BYTES", "lots"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("stt.max_upload_bytes: must be an integer, got 'lots'")
                        .contains("PARLEY_STT_MAX_UPLOAD_BYTES"));
    }
}
