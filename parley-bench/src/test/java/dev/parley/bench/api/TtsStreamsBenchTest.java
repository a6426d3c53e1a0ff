package dev.parley.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import org.junit.jupiter.api.Test;

class TtsStreamsBenchTest {
    @Test
    void theStreamsTextIsAboutFifteenSecondsOfWholeEnglishSentences() {
        String text = TtsStreamsBench.longText(TestSpeech.shared());
        assertThat(text.length()).isBetween(TtsStreamsBench.TEXT_CHARS, TtsStreamsBench.MAX_TEXT_CHARS);
        assertThat(text).matches("(?s)[A-Z].*[.!?]$").doesNotContain("|", "Ese agente");
        assertThat(TtsApiBench.texts(TestSpeech.shared())).anySatisfy(t -> assertThat(text).startsWith(t));
    }
}
