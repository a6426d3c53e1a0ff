package dev.parley.engines.tts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TtsBenchTest {
    @Test
    void werWordsFollowTheManifestRules() {
        assertThat(TtsBench.werWords("Linnell's well-known 21 cats, Mr. Smith!"))
                .containsExactly("linnells", "well", "known", "twenty", "one", "cats", "mister", "smith");
    }

    @Test
    void editDistanceCountsSubstitutionsInsertionsAndDeletions() {
        assertThat(TtsBench.editDistance(List.of("a", "b", "c"), List.of("a", "x", "c", "d"))).isEqualTo(2);
        assertThat(TtsBench.editDistance(List.of("a", "b"), List.of())).isEqualTo(2);
    }

    @Test
    void englishTranscriptsSkipSpanishAndMultiSpeakerRows() {
        List<String> t = TtsBench.englishTranscripts(AudioChecks.sharedDir().resolve("speech/manifest.tsv"));
        assertThat(t).isNotEmpty().noneMatch(s -> s.contains("|"));
        assertThat(t.get(0)).isEqualTo("yet these thoughts affected hester prynne less with hope than apprehension");
    }
}
