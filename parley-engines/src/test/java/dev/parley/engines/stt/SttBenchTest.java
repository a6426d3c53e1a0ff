package dev.parley.engines.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SttBenchTest {
    @Test
    void manifestYieldsTheEnglishSetsWithTranscripts() {
        List<SttBench.Item> items = SttBench.englishItems(SpeechData.speechDir());
        assertThat(items).extracting(SttBench.Item::set).containsOnlyElementsOf(SttBench.ENGLISH_SETS)
                .contains("librispeech", "ljspeech", "fsdd_8k", "asterisk_en_8k");
        assertThat(items).noneMatch(i -> i.file().startsWith("asterisk_es_8k") || i.file().startsWith("multispeaker"));
        assertThat(items).allMatch(i -> !i.transcript().isBlank());
    }

    @Test
    void quotedTranscriptsAreUnescaped() {
        SttBench.Item item = SttBench.englishItems(SpeechData.speechDir()).stream()
                .filter(i -> i.file().equals("ljspeech/LJ001-0007.wav")).findFirst().orElseThrow();
        assertThat(item.transcript()).startsWith("the earliest book").contains("\"forty-two line Bible\"");
    }
}
