package dev.parley.engines.stt;

import java.util.List;

/**
 * A file transcript: the text, its words with times, the audio duration (seconds) and the speech segments it was cut
 * into. {@code words} concatenates the segments' words in time order; {@code text} joins the segments' texts.
 */
public record SttResult(String text, List<SttWord> words, double duration, List<SttSegment> segments) {
    public SttResult {
        words = List.copyOf(words);
        segments = List.copyOf(segments);
    }

    static SttResult of(List<SttSegment> segments, double duration) {
        StringBuilder text = new StringBuilder();
        java.util.ArrayList<SttWord> words = new java.util.ArrayList<>();
        for (SttSegment s : segments) {
            if (s.text().isBlank()) continue;
            if (!text.isEmpty()) text.append(' ');
            text.append(s.text());
            words.addAll(s.words());
        }
        return new SttResult(text.toString(), words, duration, segments);
    }
}
