package dev.parley.engines.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.audio.AudioClip;
import dev.parley.bench.TestSpeech;
import org.junit.jupiter.api.Test;

class SileroVadTest {
    private final SileroVad vad = (SileroVad) dev.parley.engines.runtime.TestRuntime.get().vad();

    private static float max(float[] p) {
        float m = 0;
        for (float x : p) m = Math.max(m, x);
        return m;
    }

    @Test
    void speechInTheJfkClipScoresAboveTheThreshold() {
        float[] p = vad.probabilities(TestSpeech.shared().mono16k("misc/jfk.wav"), 16000);
        assertThat(p).hasSize((176000 + 511) / 512);
        assertThat(max(p)).isGreaterThan(0.9f);
    }

    @Test
    void digitalSilenceScoresNearZero() {
        assertThat(max(vad.probabilities(new float[16000 * 2], 16000))).isLessThan(0.1f);
    }

    @Test
    void withoutThePreviousChunksContextSpeechScoresNearZero() {
        // Informative: the 64-sample context rule of MODELS.md. The same audio fed as bare 512-sample chunks.
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        SileroVad.Stream bare = vad.openStreamWithoutContext(16000);
        float maxBare = 0;
        for (int at = 0; at + 512 <= audio.length; at += 512) maxBare = Math.max(maxBare, bare.process(audio, at));
        assertThat(maxBare).isLessThan(0.2f);
        assertThat(max(vad.probabilities(audio, 16000))).isGreaterThan(0.9f);
    }

    @Test
    void eightKilohertzStreamDetectsTelephoneSpeech() {
        AudioClip osr = TestSpeech.shared().clip("osr_8k/OSR_us_000_0034_8k.wav");
        assertThat(osr.sampleRate()).isEqualTo(8000);
        float[] p = vad.probabilities(osr.mono(), 8000);
        assertThat(p).hasSize((osr.mono().length + 255) / 256);
        assertThat(max(p)).isGreaterThan(0.9f);
        assertThat(p[0]).isLessThan(0.3f); // the file opens with silence
    }

    @Test
    void unsupportedSampleRateIsRejected() {
        assertThatThrownBy(() -> vad.openStream(44100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8000 or 16000");
    }

    @Test
    void chunkOfTheWrongSizeIsRejected() {
        assertThatThrownBy(() -> vad.openStream(16000).process(new float[100]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetStreamScoresTheSameAudioTheSameWay() {
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        SileroVad.Stream s = vad.openStream(16000);
        float[] first = new float[40];
        for (int i = 0; i < 40; i++) first[i] = s.process(audio, i * 512);
        s.reset();
        for (int i = 0; i < 40; i++) assertThat(s.process(audio, i * 512)).isEqualTo(first[i]);
    }
}
