package dev.parley.server.voices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {
    final VoiceCatalog catalog = VoiceCatalog.from(ConfigLoader.defaults());

    @Test
    void defaultVoicesSpeakWithTheFastEnginesFemaleOnHibariMaleOnPiper() {
        assertThat(catalog.find("eve").orElseThrow().engine()).isEqualTo("hibari");
        assertThat(catalog.find("ara").orElseThrow().engineVoice()).isEqualTo("heart");
        assertThat(catalog.find("sal").orElseThrow().engine()).isEqualTo("hibari");
        assertThat(catalog.find("rex").orElseThrow().engine()).isEqualTo("piper");
        assertThat(catalog.find("leo").orElseThrow().engineVoice()).isEqualTo("en_US-joe-medium");
    }

    @Test
    void findIgnoresCase() {
        assertThat(catalog.find("ReX")).map(e -> e.voice().voiceId()).hasValue("rex");
        assertThat(catalog.find(null)).isEmpty();
    }
}
