package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechSetTest {
    static final SpeechSet SPEECH = TestSpeech.shared();

    @Test
    void manifestYieldsTheEnglishSetsWithTranscripts() {
        List<SpeechSet.Item> items = SPEECH.english();
        assertThat(items).extracting(SpeechSet.Item::set).containsOnlyElementsOf(SpeechSet.ENGLISH_SETS)
                .contains("librispeech", "ljspeech", "fsdd_8k", "asterisk_en_8k");
        assertThat(items).noneMatch(i -> i.file().startsWith("asterisk_es_8k") || i.file().startsWith("multispeaker"));
        assertThat(items).allMatch(i -> !i.transcript().isBlank());
    }

    @Test
    void quotedTranscriptsAreUnescaped() {
        assertThat(SPEECH.transcript("ljspeech/LJ001-0007.wav")).startsWith("the earliest book")
                .contains("\"forty-two line Bible\"");
    }

    @Test
    void everyRowIsListedWithItsSpeakerColumn() {
        assertThat(SPEECH.items()).hasSizeGreaterThan(SPEECH.english().size());
        assertThat(SPEECH.speakers("multispeaker/pyannote_sample.wav")).contains("@").contains(";");
        assertThat(SPEECH.english("librispeech")).isNotEmpty().allMatch(i -> i.set().equals("librispeech"));
    }

    @Test
    void aFileNotInTheManifestIsNamedInTheError() {
        assertThatThrownBy(() -> SPEECH.item("nowhere/none.wav")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere/none.wav");
    }

    @Test
    void audioIsMixedToMonoAndResampled() {
        float[] at16k = SPEECH.mono16k("osr_8k/OSR_us_000_0034_8k.wav");
        float[] at8k = SPEECH.clip("osr_8k/OSR_us_000_0034_8k.wav").mono();
        assertThat(SPEECH.clip("osr_8k/OSR_us_000_0034_8k.wav").sampleRate()).isEqualTo(8000);
        assertThat(at16k.length).isCloseTo(2 * at8k.length, org.assertj.core.data.Offset.offset(4));
        assertThat(SPEECH.pcm16("misc/jfk.wav", 24000)).hasSize(2 * SPEECH.mono("misc/jfk.wav", 24000).length);
    }

    @Test
    void aFolderWithoutAManifestIsRefused(@TempDir Path empty) {
        assertThatThrownBy(() -> SpeechSet.at(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("manifest.tsv");
    }

    @Test
    void upperCaseTranscriptsBecomeSentences() {
        assertThat(SpeechSet.sentence("YET THESE THOUGHTS AFFECTED HESTER")).isEqualTo("Yet these thoughts affected hester.");
        assertThat(SpeechSet.sentence(" Printing, then, is an art! ")).isEqualTo("Printing, then, is an art!");
    }
}
