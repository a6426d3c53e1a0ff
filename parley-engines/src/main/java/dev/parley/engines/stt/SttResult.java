package dev.parley.engines.stt;

import dev.parley.engines.vad.SpeechSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A file transcript: the text, its words with times, the audio duration (seconds), the segments it was transcribed
 * in, and the speech the voice activity detector found (the same detector run, segmented with Silero's default
 * padding and limits rather than the transcriber's padded, merged spans; diarization reuses it instead of running
 * the detector again). {@code words} concatenates the segments' words in time order;
 * {@code text} joins the segments' texts.
 */
public record SttResult(String text, List<SttWord> words, double duration, List<SttSegment> segments,
        List<SpeechSegment> speech) {
    public SttResult {
        words = List.copyOf(words);
        segments = List.copyOf(segments);
        speech = List.copyOf(speech);
    }

    static SttResult of(List<SttSegment> segments, List<SpeechSegment> speech, double duration) {
        StringBuilder text = new StringBuilder();
        List<SttWord> words = new ArrayList<>();
        for (SttSegment s : segments) {
            if (s.text().isBlank()) continue;
            if (!text.isEmpty()) text.append(' ');
            text.append(s.text());
            words.addAll(s.words());
        }
        return new SttResult(text.toString(), words, duration, segments, speech);
    }
}
