package dev.parley.engines.tts;

import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.UnsupportedLanguageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiperEngineTest extends EngineContract {
    private static final PiperEngine ENGINE = (PiperEngine) TestRuntime.get().tts().get("piper");

    @Override
    TtsEngine engine() {
        return ENGINE;
    }

    @Override
    String voice() {
        return PiperEngine.VOICE;
    }

    @Override
    int expectedRate() {
        return 22050;
    }

    @Test
    void phonemeIdsStartWithBosPadAndEndWithEos() {
        long[] ids = ENGINE.phonemeIds("Hi.");
        assertThat(ids[0]).isEqualTo(1);   // ^
        assertThat(ids[1]).isEqualTo(0);   // _
        assertThat(ids[ids.length - 1]).isEqualTo(2); // $
        assertThat(ids[ids.length - 2]).isEqualTo(0);
    }

    @Test
    void padSeparatesEveryPhoneme() {
        long[] ids = ENGINE.phonemeIds("Hello, world.");
        for (int i = 1; i < ids.length - 1; i += 2) assertThat(ids[i]).as("index " + i).isZero();
    }

    @Test
    void clausePunctuationIsKeptAsPiperPhonemizeDoes() {
        long[] ids = ENGINE.phonemeIds("Hello, world.");
        // ',' is id 8 followed (after a pad) by ' ' id 3; '.' is id 10
        String s = java.util.Arrays.toString(ids);
        assertThat(s).contains("8, 0, 3, 0").contains("10, 0, 2]");
    }

    @Test
    void otherLanguagesAreRefused() {
        assertThatThrownBy(() -> ENGINE.synthesize("Hola", PiperEngine.VOICE, Prosody.NORMAL, Languages.resolve("es", null)))
                .isInstanceOf(UnsupportedLanguageException.class);
    }
}
