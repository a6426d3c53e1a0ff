package dev.parley.engines.diarize;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Resampler;
import dev.parley.engines.diarize.internal.Mfcc;
import dev.parley.engines.diarize.internal.Pipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Classical speaker diarization: who spoke when, from audio plus the speech segments of a voice activity
 * detector (Silero in the STT pipeline). No neural speaker model is involved:
 * <ol>
 *   <li>MFCC features (25 ms Hamming windows every 10 ms, 40 mel bands 20-7600 Hz, 20 cepstra + log energy)
 *       with cepstral mean normalisation over the speech;</li>
 *   <li>speaker-change detection inside each speech segment by ΔBIC between adjacent 1 s windows
 *       (full-covariance Gaussians, penalty {@link DiarizationOptions#changePenalty()});</li>
 *   <li>agglomerative ΔBIC clustering of the pieces (penalty {@link DiarizationOptions#clusterPenalty()}),
 *       stopped when no merge improves the BIC, or at {@link DiarizationOptions#numSpeakers()} when the
 *       caller knows the count, never above {@link DiarizationOptions#maxSpeakers()};</li>
 *   <li>Viterbi resegmentation of the speech frames against one Gaussian per speaker with a switch penalty,
 *       which moves turn boundaries to where the voices change.</li>
 * </ol>
 * Output turns lie inside the given speech segments and cover them completely; speakers are numbered 0, 1, ...
 * in order of first appearance.
 *
 * <p>Threading: pure Java and CPU-bound (measured 1.5-7 ms of CPU per second of audio, a 1 h recording in about
 * 5 s and 270 MB of heap including the samples; see {@code ./parley bench diarize}); it runs on the caller's thread and
 * blocks it for that time. An instance is
 * immutable and may be shared; concurrent calls are independent. Being CPU-bound with no native code or I/O, it
 * is safe on an inference pool ({@code dev.parley.engines.runtime.Inference}) (preferred for long files, so that a burst of requests
 * cannot occupy every carrier thread of the virtual-thread scheduler) and harmless on a virtual thread for short
 * clips. Buffers: input arrays are only read during the call and never retained; the returned list is new and
 * unmodifiable.
 */
public final class Diarizer {
    /** Sample rate the features are computed at; other rates are resampled. */
    public static final int SAMPLE_RATE = Mfcc.SAMPLE_RATE;

    private final DiarizationOptions options;

    public Diarizer(DiarizationOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A diarizer with {@link DiarizationOptions#DEFAULTS}. */
    public Diarizer() {
        this(DiarizationOptions.DEFAULTS);
    }

    public DiarizationOptions options() {
        return options;
    }

    /**
     * Diarizes a clip: multichannel audio is averaged to mono and any rate is resampled to 16 kHz first. For
     * one speaker per channel use {@link ChannelSpeakers} instead.
     */
    public List<SpeakerTurn> diarize(AudioClip clip, List<SpeechSegment> speech) {
        Objects.requireNonNull(clip, "clip");
        return diarize(clip.mono(), clip.sampleRate(), speech);
    }

    /**
     * Diarizes mono audio.
     *
     * @param samples    mono samples in [-1, 1] (read only, not retained)
     * @param sampleRate their rate in Hz (resampled to 16 kHz when different)
     * @param speech     speech segments in seconds, in any order; overlapping ones are merged and parts
     *                   beyond the end of the audio are clipped. An empty list gives no turns.
     * @return turns sorted by start, not overlapping, speakers numbered by first appearance
     * @throws IllegalArgumentException for a non-positive sample rate or non-finite samples
     */
    public List<SpeakerTurn> diarize(float[] samples, int sampleRate, List<SpeechSegment> speech) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(speech, "speech");
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
        for (float v : samples) {
            if (!Float.isFinite(v)) throw new IllegalArgumentException("samples must be finite (found NaN or infinity)");
        }
        float[] x = sampleRate == SAMPLE_RATE ? samples : Resampler.resample(samples, sampleRate, SAMPLE_RATE);
        double duration = (double) x.length / SAMPLE_RATE;
        List<double[]> segs = mergeAndClip(speech, duration);
        if (segs.isEmpty()) return List.of();
        Pipeline.Params p = Pipeline.Params.defaults().with(options.numSpeakers(), options.maxSpeakers(),
                options.changePenalty(), options.clusterPenalty());
        return Pipeline.diarize(x, segs, p, null);
    }

    /** Sorted, merged, clipped to {@code [0, duration]}, empty ones dropped. */
    static List<double[]> mergeAndClip(List<SpeechSegment> speech, double duration) {
        List<SpeechSegment> sorted = new ArrayList<>(speech);
        for (SpeechSegment s : sorted) Objects.requireNonNull(s, "speech segment");
        sorted.sort(Comparator.comparingDouble(SpeechSegment::start));
        List<double[]> out = new ArrayList<>();
        for (SpeechSegment s : sorted) {
            double a = Math.min(s.start(), duration), b = Math.min(s.end(), duration);
            if (b <= a) continue;
            if (!out.isEmpty() && out.get(out.size() - 1)[1] >= a) {
                double[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], b);
            } else {
                out.add(new double[] {a, b});
            }
        }
        return out;
    }
}
