package dev.parley.server.stt.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.engines.stt.SttWord;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of the STT endpoints (spec §8 response, §9.3 events). Immutable records, serialised with Jackson. */
public final class Wire {
    private Wire() {}

    /** Seconds rounded to 2 decimals, as the API reports them. */
    public static double round2(double seconds) {
        return Math.round(seconds * 100.0) / 100.0;
    }

    /**
     * A word: {@code confidence} omitted when 0 (nobody scored the word), {@code speaker} only with diarize.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Word(String text, double start, double end, Double confidence, Integer speaker) {
        public static Word of(SttWord w, Integer speaker) {
            double c = Math.round(w.confidence() * 100.0) / 100.0;
            return new Word(w.text(), round2(w.start()), round2(Math.max(w.start(), w.end())), c > 0 ? c : null,
                    speaker);
        }

        public Word shifted(double seconds) {
            return new Word(text, round2(start + seconds), round2(end + seconds), confidence, speaker);
        }
    }

    /** Words of an engine result; {@code speakers} may be null (no diarization) or hold one speaker per word. */
    public static List<Word> words(List<SttWord> words, int[] speakers) {
        List<Word> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            out.add(Word.of(words.get(i), speakers == null ? null : speakers[i]));
        }
        return out;
    }

    /** {@code POST /v1/stt} response; {@code words} null (omitted) when empty, {@code channels} only with multichannel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchResponse(String text, String language, double duration, List<Word> words,
            List<ChannelResult> channels) {}

    /** One channel of a multichannel response. */
    public record ChannelResult(int index, String text, List<Word> words) {}

    /** {@code transcript.created}. */
    public record Created(String type, String id) {
        public Created(String id) {
            this("transcript.created", id);
        }
    }

    /** {@code transcript.partial}: interim, chunk-final or utterance-final. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Partial(String type, String text, List<Word> words, @JsonProperty("is_final") boolean isFinal,
            @JsonProperty("speech_final") boolean speechFinal, double start, double duration,
            @JsonProperty("channel_index") Integer channelIndex) {}

    /** {@code transcript.done}: what no {@code speech_final} covered, and the total duration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Done(String type, String text, List<Word> words, double duration,
            @JsonProperty("channel_index") Integer channelIndex) {}

    /** {@code error} (flat, spec §9.3). */
    public record Error(String type, String message) {
        public Error(String message) {
            this("error", message);
        }
    }
}
