package dev.parley.server.voices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {
    final VoiceCatalog catalog = VoiceCatalog.from(ConfigLoader.defaults());

    @Test
    void defaultVoicesMapToKokoroEngineVoices() {
        assertThat(catalog.find("eve").orElseThrow().engine()).isEqualTo("kokoro");
        assertThat(catalog.find("ara").orElseThrow().engineVoice()).isEqualTo("af_heart");
        assertThat(catalog.find("leo").orElseThrow().engineVoice()).isEqualTo("bm_george");
    }

    @Test
    void findIgnoresCase() {
        assertThat(catalog.find("ReX")).map(e -> e.voice().voiceId()).hasValue("rex");
        assertThat(catalog.find(null)).isEmpty();
    }
}
