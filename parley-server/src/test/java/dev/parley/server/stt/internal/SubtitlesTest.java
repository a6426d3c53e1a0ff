package dev.parley.server.stt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.stt.SttResult;
import dev.parley.engines.stt.SttSegment;
import dev.parley.engines.stt.SttWord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cue building and SubRip/WebVTT text of the OpenAI transcription alias, on hand-made transcripts. */
class SubtitlesTest {
    /** {@code n} words of {@code len} letters, one every {@code step} seconds from {@code t0}. */
    static List<SttWord> words(int n, int len, double t0, double step) {
        List<SttWord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SttWord("w".repeat(len - 1) + (char) ('a' + i % 26), t0 + i * step, t0 + i * step + step * 0.8, 0.9));
        }
        return out;
    }

    static SttResult result(List<SttSegment> segments) {
        List<SttWord> all = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (SttSegment s : segments) {
            all.addAll(s.words());
            text.append(text.isEmpty() ? "" : " ").append(s.text());
        }
        return new SttResult(text.toString(), all, 60, segments, List.of());
    }

    static SttSegment segment(List<SttWord> words) {
        return new SttSegment(words.getFirst().start() - 0.3, words.getLast().end() + 0.3,
                String.join(" ", words.stream().map(SttWord::text).toList()), words);
    }

    @Test
    void aLongSegmentIsCutIntoCuesOfAtMost84CharactersAndSevenSeconds() {
        SttResult r = result(List.of(segment(words(40, 6, 1.0, 0.4))));

        List<Subtitles.Cue> cues = Subtitles.cues(r, 60);

        assertThat(cues.size()).isGreaterThan(3);
        for (Subtitles.Cue c : cues) {
            assertThat(c.text().length()).isLessThanOrEqualTo(Subtitles.MAX_CUE_CHARS);
            assertThat(c.end() - c.start()).isLessThanOrEqualTo(Subtitles.MAX_CUE_SECONDS);
        }
        assertThat(String.join(" ", cues.stream().map(Subtitles.Cue::text).toList())).isEqualTo(r.text());
    }

    @Test
    void aCueOfAtLeastASecondEndsAtASentenceEnd() {
        List<SttWord> w = new ArrayList<>(words(6, 4, 0.0, 0.4));
        w.set(3, w.get(3).withText(w.get(3).text() + "."));
        List<Subtitles.Cue> cues = Subtitles.cues(result(List.of(segment(w))), 10);

        assertThat(cues).hasSize(2);
        assertThat(cues.getFirst().text()).endsWith(".");
    }

    @Test
    void aFullCueEndsAtItsLastCommaWhenThatKeepsAtLeastHalfOfIt() {
        List<SttWord> w = new ArrayList<>(words(20, 6, 0.0, 0.3)); // 20 x 6 characters: full after 12 words
        w.set(8, w.get(8).withText(w.get(8).text() + ","));
        List<Subtitles.Cue> cues = Subtitles.cues(result(List.of(segment(w))), 10);

        assertThat(cues.getFirst().text()).endsWith(",");
        assertThat(cues.getFirst().words()).hasSize(9);
        assertThat(String.join(" ", cues.stream().map(Subtitles.Cue::text).toList())).isEqualTo(
                String.join(" ", w.stream().map(SttWord::text).toList()));
    }

    @Test
    void overlappingOrEmptyTimesBecomeMonotoneAndNonEmpty() {
        List<Subtitles.Cue> cues = Subtitles.monotone(List.of(
                new Subtitles.Cue(1.0, 2.0, "a", List.of()),
                new Subtitles.Cue(1.5, 1.5, "b", List.of()),
                new Subtitles.Cue(1.9, 3.0, "c", List.of())), 10);

        double prevEnd = 0;
        for (Subtitles.Cue c : cues) {
            assertThat(c.start()).isGreaterThanOrEqualTo(prevEnd);
            assertThat(c.end()).isGreaterThan(c.start());
            prevEnd = c.end();
        }
    }

    @Test
    void segmentsWithoutTextAreLeftOut() {
        SttSegment silent = new SttSegment(0, 1, " ", List.of());
        SttSegment spoken = segment(words(3, 3, 2.0, 0.3));
        assertThat(Subtitles.segments(result(List.of(silent, spoken)), 10)).hasSize(1);
    }

    @Test
    void srtNumbersCuesFromOneWithCommaMillisecondsAndBlankLines() {
        String srt = Subtitles.srt(List.of(new Subtitles.Cue(0.5, 2.25, "Hello there.", List.of()),
                new Subtitles.Cue(3661.001, 3662.0, "Later.", List.of())));
        assertThat(srt).isEqualTo("1\n00:00:00,500 --> 00:00:02,250\nHello there.\n\n"
                + "2\n01:01:01,001 --> 01:01:02,000\nLater.\n\n");
    }

    @Test
    void vttStartsWithTheHeaderAndUsesDotMilliseconds() {
        String vtt = Subtitles.vtt(List.of(new Subtitles.Cue(0.5, 2.25, "Hello there.", List.of())));
        assertThat(vtt).isEqualTo("WEBVTT\n\n00:00:00.500 --> 00:00:02.250\nHello there.\n\n");
    }
}
