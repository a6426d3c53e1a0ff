package dev.parley.engines.tts;

import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EspeakEngineTest extends EngineContract {
    private static final EspeakEngine ENGINE = (EspeakEngine) TestRuntime.get().tts().get("espeak");

    @Override
    TtsEngine engine() {
        return ENGINE;
    }

    @Override
    String voice() {
        return "f3";
    }

    @Override
    int expectedRate() {
        return 22050;
    }

    @Test
    void speaksLanguagesWithoutANeuralVoice() {
        float[] a = ENGINE.synthesize("Guten Tag, wie geht es Ihnen?", "m3", Prosody.NORMAL, Languages.resolve("de", null));
        assertThat(AudioChecks.rms(a)).isGreaterThan(0.01);
    }

    @Test
    void whisperSoundsDifferentFromNormalVoice() {
        float[] normal = ENGINE.synthesize("secret", "f3", Prosody.NORMAL, EN);
        float[] whisper = ENGINE.synthesize("secret", "f3", new Prosody(1, 1, 1, true), EN);
        assertThat(whisper).isNotEqualTo(normal);
    }
}
