package dev.parley.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TtsApiBenchTest {
    @Test
    void benchmarkTextsAreTheFirstFifteenEnglishTranscriptsInSentenceCase() {
        List<String> texts = TtsApiBench.texts(TestSpeech.shared());
        assertThat(texts).hasSize(TtsApiBench.TEXTS);
        assertThat(texts).noneMatch(t -> t.contains("Ese agente"));
        assertThat(texts).allSatisfy(t -> {
            assertThat(t).isNotEqualTo(t.toUpperCase(Locale.ROOT));
            assertThat(t).matches("(?s).*[.!?]$");
        });
    }
}
