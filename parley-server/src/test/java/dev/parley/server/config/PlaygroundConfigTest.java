package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playground.enabled} and {@code playground.allow_remote}: defaults, YAML, environment, bad values. */
class PlaygroundConfigTest {
    @TempDir
    Path dir;

    @Test
    void playgroundIsOnAndLoopbackOnlyByDefault() {
        ParleyConfig.Playground p = ConfigLoader.defaults().playground();
        assertThat(p.enabled()).isTrue();
        assertThat(p.allowRemote()).isFalse();
    }

    @Test
    void environmentVariablesTurnThePlaygroundOffOrOpenItToRemoteClients() {
        assertThat(ConfigLoader.load(null, Map.of("PARLEY_PLAYGROUND_ENABLED", "false"), Map.of()).playground().enabled())
                .isFalse();
        assertThat(ConfigLoader.load(null, Map.of("PARLEY_PLAYGROUND_ALLOW_REMOTE", "TRUE"), Map.of()).playground()
                .allowRemote()).isTrue();
    }

    @Test
    void yamlFileSetsThePlaygroundKeys() throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), "playground:\n  allow_remote: true\n");
        ParleyConfig.Playground p = ConfigLoader.load(f, Map.of(), Map.of()).playground();
        assertThat(p.enabled()).isTrue();
        assertThat(p.allowRemote()).isTrue();
    }

    @Test
    void aValueOtherThanTrueOrFalseIsAProblemNamingItsSource() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_PLAYGROUND_ENABLED", "yes"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("playground.enabled: must be true or false, got 'yes'")
                        .contains("PARLEY_PLAYGROUND_ENABLED"));
    }
}
