package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ConfigLoader;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.tts.VoiceProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The voice mapping from configuration (no engine needed). */
class TtsServiceTest {

    @Test
    void configuredEngineVoiceIsTheVoiceOfItsEngineInTheMapping() {
        VoiceCatalog catalog = VoiceCatalog.from(ConfigLoader.load(null, Map.of(), Map.of()));
        VoiceMapping m = catalog.mapping();
        assertThat(m.get("eve").profile("hibari").voice()).isEqualTo(catalog.find("eve").orElseThrow().engineVoice());
        assertThat(m.get("eve").engine()).isEqualTo("hibari");
        assertThat(m.get("rex").female()).isFalse();
        assertThat(m.ids()).containsExactlyElementsOf(catalog.all().stream().map(e -> e.voice().voiceId()).toList());
    }

    @Test
    void theFiveBuiltInVoicesSoundDistinctOnEveryEngine() {
        VoiceMapping m = VoiceCatalog.from(ConfigLoader.load(null, Map.of(), Map.of())).mapping();
        List<String> ids = List.of("eve", "ara", "rex", "sal", "leo");
        assertThat(ids.stream().map(id -> m.get(id).profile("kokoro").voice()).distinct()).hasSize(5);
        assertThat(ids.stream().map(id -> m.get(id).profile("espeak").voice()).distinct()).hasSize(5);
        assertThat(m.get("eve").profile("piper").rate()).isEqualTo(1.05);
        assertThat(m.get("leo").profile("piper").rate()).isEqualTo(0.9);
        // the hibari voices differ by pitch and rate, the Piper ones by rate
        assertThat(ids.stream().filter(id -> m.get(id).engine().equals("hibari"))
                .map(id -> m.get(id).profile("hibari").pitch()).distinct()).hasSize(3);
        assertThat(ids.stream().filter(id -> m.get(id).engine().equals("piper"))
                .map(id -> m.get(id).profile("piper").rate()).distinct()).hasSize(2);
    }

    @Test
    void voiceConfiguredForEspeakUsesItsEngineVoiceAsTheVariantAndKeepsItsOtherEngines() {
        VoiceCatalog catalog = VoiceCatalog.from(ConfigLoader.load(null, Map.of(),
                Map.of("voices.rex.engine", "espeak", "voices.rex.engine_voice", "m5")));
        VoiceMapping m = catalog.mapping();
        assertThat(m.get("rex").profile("espeak").voice()).isEqualTo("m5");
        assertThat(m.get("rex").profile("kokoro")).isEqualTo(new VoiceProfile("am_michael", false, 1.0));
        assertThat(m.get("rex").profile("piper").rate()).isEqualTo(1.06);
    }
}
