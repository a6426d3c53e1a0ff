package dev.parley.engines.stt;

import java.util.List;

/** One stretch of speech found by the VAD and transcribed on its own. Times in seconds from the start of the audio. */
public record SttSegment(double start, double end, String text, List<SttWord> words) {
    public SttSegment {
        words = List.copyOf(words);
    }
}
