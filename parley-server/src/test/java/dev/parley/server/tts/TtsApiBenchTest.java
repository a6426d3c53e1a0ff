package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TtsApiBenchTest {

    @Test
    void benchmarkTextsAreTheFirstFifteenEnglishTranscriptsInSentenceCase() throws Exception {
        List<String> texts = TtsApiBench.texts(TtsTesting.sharedDir().resolve("speech").resolve("manifest.tsv"));
        assertThat(texts).hasSize(TtsApiBench.TEXTS);
        assertThat(texts).noneMatch(t -> t.contains("Ese agente"));
        assertThat(texts).allSatisfy(t -> {
            assertThat(t).isNotEqualTo(t.toUpperCase(java.util.Locale.ROOT));
            assertThat(t).matches("(?s).*[.!?]$");
        });
    }

    @Test
    void percentileIsNearestRank() {
        List<Double> v = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(TtsApiBench.percentile(v, 0.5)).isEqualTo(5.0);
        assertThat(TtsApiBench.percentile(v, 0.95)).isEqualTo(10.0);
    }
}
