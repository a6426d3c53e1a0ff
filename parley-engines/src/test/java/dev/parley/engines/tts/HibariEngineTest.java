package dev.parley.engines.tts;

import dev.parley.bench.eval.Pitch;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.tts.internal.HibariVocoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HibariEngineTest extends EngineContract {
    private static final HibariEngine ENGINE = (HibariEngine) TestRuntime.get().tts().get("hibari");

    @Override
    TtsEngine engine() {
        return ENGINE;
    }

    @Override
    String voice() {
        return HibariEngine.VOICE;
    }

    @Override
    int expectedRate() {
        return 24000;
    }

    @Test
    void audioIsOneHopPerModelFrameLessTheModelsSilenceAround() {
        int[] tokens = dev.parley.engines.tts.internal.KokoroPhonemes.tokens(
                HibariEngine.phonemes("Hello from Parley.", EN));
        HibariVocoder.Frames frames = ENGINE.frames(tokens, 1f);
        assertThat(frames.count()).isGreaterThan(40);
        assertThat(HibariVocoder.synthesize(frames, 1, false, new java.util.SplittableRandom())).hasSize(frames.count() * 300);
        // the model puts ~300 ms before and ~470 ms after the words; the engine keeps 30 and 60 ms of them
        int spoken = ENGINE.synthesize("Hello from Parley.", voice(), Prosody.NORMAL, EN).length;
        assertThat((frames.count() * 300 - spoken) / 24.0).as("ms trimmed").isBetween(500.0, 900.0);
    }

    @Test
    void theVoiceIsFemaleAndPitchMovesItsF0() {
        float[] normal = ENGINE.synthesize(SENTENCE, voice(), Prosody.NORMAL, EN);
        float[] low = ENGINE.synthesize(SENTENCE, voice(), new Prosody(1, 0.8, 1, false), EN);
        double f0 = Pitch.medianF0(normal, 24000);
        double lowF0 = Pitch.medianF0(low, 24000);
        assertThat(f0).as("median F0 of af_heart's student").isGreaterThan(165);
        assertThat(lowF0 / f0).isBetween(0.72, 0.88);
    }

    @Test
    void whisperKeepsTheWordsAndLosesThePitch() {
        float[] w = ENGINE.synthesize("Hello world, this is a simple test.", voice(), new Prosody(1, 1, 1, true), EN);
        float[] v = ENGINE.synthesize("Hello world, this is a simple test.", voice(), Prosody.NORMAL, EN);
        int voiced = Pitch.voicedF0(v, 24000).size();
        assertThat(Pitch.voicedF0(w, 24000).size()).as("periodic frames, against %d spoken", voiced).isLessThan(voiced / 2);
        String heard = AudioChecks.transcribe(w, 24000);
        assertThat(dev.parley.bench.eval.WerScorer.wer("Hello world, this is a simple test.", heard)).as(heard)
                .isLessThanOrEqualTo(0.5);
    }

    @Test
    void phonemesAreInMisakisAlphabetAsThePackagesOwnG2pWritesThem() {
        // hibari-tts's G2P: ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɔɡ.
        String p = HibariEngine.phonemes("The quick brown fox jumps over the lazy dog.", EN);
        assertThat(p).contains("bɹˈWn", "ʤˈʌmps", "lˈAzi").doesNotContain("ː", "aʊ", "dʒ", "eɪ", "oʊ");
    }

    @Test
    void pangramRoundTripsWordForWord() {
        String text = "The quick brown fox jumps over the lazy dog.";
        String heard = AudioChecks.transcribe(ENGINE.synthesize(text, voice(), Prosody.NORMAL, EN), 24000);
        assertThat(dev.parley.bench.eval.WerScorer.wer(text, heard)).as(heard).isLessThanOrEqualTo(0.12);
    }

    @Test
    void theSameTextGivesTheSameAudio() {
        assertThat(ENGINE.synthesize("Same words, same sound.", voice(), Prosody.NORMAL, EN))
                .containsExactly(ENGINE.synthesize("Same words, same sound.", voice(), Prosody.NORMAL, EN));
    }

    @Test
    void otherLanguagesAreRefused() {
        assertThat(ENGINE.supports(Languages.resolve("es-ES", null))).isFalse();
        assertThatThrownBy(() -> ENGINE.synthesize("hola", voice(), Prosody.NORMAL, Languages.resolve("es-ES", null)))
                .isInstanceOf(UnsupportedLanguageException.class);
    }
}
