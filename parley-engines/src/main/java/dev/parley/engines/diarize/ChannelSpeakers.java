package dev.parley.engines.diarize;

import dev.parley.audio.AudioClip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Diarization of multichannel recordings where each channel carries one speaker (a stereo call: caller on the
 * left, agent on the right). The speaker of a turn is the channel index.
 *
 * <p>Two ways in: {@link #fromChannelSpeech} when the caller ran its VAD on every channel separately (turns may
 * then overlap, as people do talk over each other), and {@link #byDominantChannel} when it has speech segments
 * for the mix only: each 10 ms frame of speech goes to the channel with the most energy, smoothed so that
 * cross-talk leaking into the other channel does not create turns.
 *
 * <p>Stateless and thread-safe; pure Java and CPU-bound (microseconds per second of audio), safe on any thread.
 * Inputs are read only and not retained; returned lists are new and unmodifiable.
 */
public final class ChannelSpeakers {
    private static final double FRAME = 0.010;
    /** Majority-vote window for the dominant channel, frames on each side (0.15 s). */
    private static final int SMOOTH = 15;
    /** Turns shorter than this are absorbed by their neighbours, seconds. */
    private static final double MIN_TURN = 0.2;

    private ChannelSpeakers() {}

    /**
     * Turns from per-channel speech segments: {@code speechPerChannel.get(c)} are the segments of channel
     * {@code c}, which become turns of speaker {@code c}. Returned sorted by start (then speaker).
     */
    public static List<SpeakerTurn> fromChannelSpeech(List<List<SpeechSegment>> speechPerChannel) {
        Objects.requireNonNull(speechPerChannel, "speechPerChannel");
        List<SpeakerTurn> out = new ArrayList<>();
        for (int c = 0; c < speechPerChannel.size(); c++) {
            for (SpeechSegment s : speechPerChannel.get(c)) {
                if (s.end() > s.start()) out.add(new SpeakerTurn(s.start(), s.end(), c));
            }
        }
        out.sort(Comparator.comparingDouble(SpeakerTurn::start).thenComparingInt(SpeakerTurn::speaker));
        return List.copyOf(out);
    }

    /**
     * Splits the speech of a multichannel clip by dominant channel. A mono clip gives one turn of speaker 0 per
     * segment.
     *
     * @param clip   the recording, any rate, one speaker per channel
     * @param speech speech segments of the mix, seconds (any order; overlapping ones are merged)
     * @return non-overlapping turns sorted by start covering the speech, speaker = channel index
     */
    public static List<SpeakerTurn> byDominantChannel(AudioClip clip, List<SpeechSegment> speech) {
        Objects.requireNonNull(clip, "clip");
        List<double[]> segs = Diarizer.mergeAndClip(speech, clip.durationSeconds());
        int chans = clip.channelCount(), rate = clip.sampleRate();
        int hop = Math.max(1, (int) Math.round(rate * FRAME));
        int frames = (clip.frames() + hop - 1) / hop;
        // energy per channel and frame
        double[][] e = new double[chans][frames];
        for (int c = 0; c < chans; c++) {
            float[] x = clip.channels()[c];
            for (int i = 0; i < x.length; i++) e[c][i / hop] += (double) x[i] * x[i];
        }
        int[] dom = new int[frames];
        for (int f = 0; f < frames; f++) {
            int best = 0;
            for (int c = 1; c < chans; c++) if (e[c][f] > e[best][f]) best = c;
            dom[f] = best;
        }
        List<SpeakerTurn> out = new ArrayList<>();
        for (double[] s : segs) {
            int a = (int) Math.floor(s[0] / FRAME), b = Math.min(frames, (int) Math.ceil(s[1] / FRAME));
            if (b <= a) continue;
            // energy-weighted majority vote in a sliding window
            int[] lab = new int[b - a];
            double[] votes = new double[chans];
            for (int f = a; f < b; f++) {
                java.util.Arrays.fill(votes, 0);
                for (int g = Math.max(a, f - SMOOTH); g < Math.min(b, f + SMOOTH + 1); g++) {
                    double total = 0;
                    for (int c = 0; c < chans; c++) total += e[c][g];
                    votes[dom[g]] += total;
                }
                int best = dom[f];
                for (int c = 0; c < chans; c++) if (votes[c] > votes[best]) best = c;
                lab[f - a] = best;
            }
            List<double[]> runs = new ArrayList<>(); // {start, end, channel}
            int r0 = 0;
            for (int i = 1; i <= lab.length; i++) {
                if (i == lab.length || lab[i] != lab[r0]) {
                    double rs = r0 == 0 ? s[0] : (a + r0) * FRAME, re = i == lab.length ? s[1] : (a + i) * FRAME;
                    runs.add(new double[] {rs, re, lab[r0]});
                    r0 = i;
                }
            }
            absorbShort(runs);
            for (double[] r : runs) out.add(new SpeakerTurn(r[0], r[1], (int) r[2]));
        }
        return List.copyOf(out);
    }

    /** Gives runs shorter than {@link #MIN_TURN} to the longer neighbour, then joins equal neighbours. */
    private static void absorbShort(List<double[]> runs) {
        boolean changed = true;
        while (changed && runs.size() > 1) {
            changed = false;
            int shortest = -1;
            for (int i = 0; i < runs.size(); i++) {
                double len = runs.get(i)[1] - runs.get(i)[0];
                if (len < MIN_TURN && (shortest < 0 || len < runs.get(shortest)[1] - runs.get(shortest)[0])) shortest = i;
            }
            if (shortest >= 0) {
                double[] r = runs.get(shortest);
                double[] prev = shortest > 0 ? runs.get(shortest - 1) : null, next = shortest + 1 < runs.size() ? runs.get(shortest + 1) : null;
                double[] into = prev == null ? next : next == null ? prev : (prev[1] - prev[0] >= next[1] - next[0] ? prev : next);
                into[0] = Math.min(into[0], r[0]);
                into[1] = Math.max(into[1], r[1]);
                runs.remove(shortest);
                changed = true;
            }
            for (int i = runs.size() - 1; i > 0; i--) {
                if (runs.get(i)[2] == runs.get(i - 1)[2]) {
                    runs.get(i - 1)[1] = runs.get(i)[1];
                    runs.remove(i);
                }
            }
        }
    }
}
