package dev.parley.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.TestSpeech;
import java.util.List;
import java.util.Locale;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The client benchmark's inputs and arithmetic (a run against a real server is the CLI's {@code ClientBenchRunTest}). */
class ClientBenchTest {
    @Test
    void theLastVoicedSampleIsTheEndOfTheLastLoudWindow() {
        float[] x = new float[24000];
        for (int i = 6000; i < 18000; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 24000.0));
        assertThat(ClientBench.lastVoiced(x, 24000)).isBetween(18000, 18000 + 240);
        assertThat(ClientBench.lastVoiced(new float[2400], 24000)).isEqualTo(2400);
    }

    @Test
    void ttsTextsAreShortEnglishSentencesInSentenceCase() {
        assertThat(ClientBench.texts(TestSpeech.shared())).hasSize(15).allSatisfy(t -> {
            assertThat(t.length()).isBetween(20, 141);
            assertThat(t).isNotEqualTo(t.toUpperCase(Locale.ROOT)).matches("(?s).*[.!?]$");
        });
    }

    @Test
    void recordingsAreEnglishWavFilesOfOneAndAHalfToEightSeconds() throws Exception {
        List<ClientBench.Recording> r = ClientBench.recordings(TestSpeech.shared(), 5);
        assertThat(r).hasSize(5).allSatisfy(x -> {
            assertThat(x.seconds()).isBetween(1.5, 8.0);
            assertThat(x.pcm16k().length).isCloseTo((int) (x.seconds() * 32000), Offset.offset(64));
            assertThat(x.pcm24k().length).isCloseTo((int) ((x.seconds() + 0.3) * 48000), Offset.offset(96));
            assertThat(x.transcript()).isNotBlank();
        });
    }

    @Test
    void zeroIterationsAreRejected() {
        assertThatThrownBy(() -> new ClientBench.Options(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations");
    }
}
