package dev.parley.client;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The answer of {@code POST /v1/stt}.
 *
 * @param text     the whole transcript (multichannel: all channels merged by time)
 * @param language the language the server reports (may be empty)
 * @param duration seconds of audio
 * @param words    words with times; empty when the server sent none
 * @param channels per-channel results (only with multichannel); empty otherwise
 */
public record Transcription(String text, String language, double duration, List<Word> words, List<Channel> channels) {
    public Transcription {
        words = words == null ? List.of() : List.copyOf(words);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** The distinct speaker numbers of the words (empty without diarization). */
    public SortedSet<Integer> speakers() {
        SortedSet<Integer> s = new TreeSet<>();
        for (Word w : words) if (w.speaker() != null) s.add(w.speaker());
        return s;
    }

    /** One channel of a multichannel transcription. */
    public record Channel(int index, String text, List<Word> words) {
        public Channel {
            words = words == null ? List.of() : List.copyOf(words);
        }
    }
}
