package dev.parley.engines.tts;

import dev.parley.engines.text.Language;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour every engine shares; one subclass per engine. */
abstract class EngineContract {
    static final String SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank.";
    static final Language EN = Languages.resolve("en", null);

    abstract TtsEngine engine();

    abstract String voice();

    abstract int expectedRate();

    @Test
    void producesAudioAtTheDocumentedRate() {
        assertThat(engine().sampleRate()).isEqualTo(expectedRate());
    }

    @Test
    void sentenceLastsAPlausibleTimeForItsLength() {
        float[] a = engine().synthesize(SENTENCE, voice(), Prosody.NORMAL, EN);
        double perChar = a.length / (double) engine().sampleRate() / SENTENCE.length();
        assertThat(perChar).isBetween(0.04, 0.15);
    }

    @Test
    void sentenceIsNotSilent() {
        assertThat(AudioChecks.rms(engine().synthesize(SENTENCE, voice(), Prosody.NORMAL, EN))).isGreaterThan(0.01);
    }

    @Test
    void samplesStayWithinFullScale() {
        for (float v : engine().synthesize(SENTENCE, voice(), new Prosody(1, 1, 3, false), EN)) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void fasterRateGivesShorterAudio() {
        int normal = engine().synthesize(SENTENCE, voice(), Prosody.NORMAL, EN).length;
        int fast = engine().synthesize(SENTENCE, voice(), new Prosody(1.5, 1, 1, false), EN).length;
        assertThat(fast).isLessThan((int) (normal * 0.85));
    }

    @Test
    void lowerVolumeGivesQuieterAudio() {
        double loud = AudioChecks.rms(engine().synthesize(SENTENCE, voice(), Prosody.NORMAL, EN));
        double soft = AudioChecks.rms(engine().synthesize(SENTENCE, voice(), new Prosody(1, 1, 0.5, false), EN));
        assertThat(soft).isLessThan(loud * 0.75);
    }

    @Test
    void speechRoundTripsThroughRecognition() {
        float[] a = engine().synthesize("Hello world, this is a simple test.", voice(), Prosody.NORMAL, EN);
        String heard = AudioChecks.transcribe(a, engine().sampleRate());
        // a word-error bound, not exact words: VITS engines (Piper) sample noise, so their audio varies run to run
        assertThat(dev.parley.bench.eval.WerScorer.wer("Hello world, this is a simple test.", heard)).as(heard)
                .isLessThanOrEqualTo(0.3);
    }

    @Test
    void unknownVoiceIsATypedError() {
        assertThatThrownBy(() -> engine().synthesize("hi", "no-such-voice", Prosody.NORMAL, EN))
                .isInstanceOf(UnknownVoiceException.class).hasMessageContaining("no-such-voice");
    }
}
