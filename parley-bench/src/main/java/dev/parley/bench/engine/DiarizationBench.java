package dev.parley.bench.engine;

import dev.parley.bench.SpeechSet;
import dev.parley.bench.engine.DiarizerUnderTest.Span;
import dev.parley.bench.eval.DerScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Diarization benchmark on the speech set: DER per file and overall, speakers found, and time per second of audio.
 *
 * <p>Files: {@code multispeaker/pyannote_sample.wav} (30 s, 2 speakers) with speech from an energy detector and
 * with the reference speech ("oracle VAD"); {@code multispeaker/ami_ES2011a_40s-46s.wav} with the reference
 * speech and the count hint 2 (its reference covers only 2.4 s of the 6 s, so an automatic detector's other
 * speech cannot be scored); a synthetic 3-speaker conversation of LibriSpeech pieces (speakers 1089, 1221, 1272,
 * 0.3 s gaps, reference from the known splice points); and single-speaker files, where the number of speakers
 * found should be 1. DER uses {@link DerScorer#DEFAULT_COLLAR} (0.25 s each side of a reference boundary).
 * Speech is not taken from Silero here so the benchmark needs no model; the STT benchmark runs the diarizer
 * behind Silero. Note that the default penalties were tuned on these same files.
 *
 * <p>Runs on the calling thread; takes a few seconds. Wired by the CLI as {@code ./parley bench diarize}.
 */
public final class DiarizationBench {
    private static final List<String> SINGLE = List.of("librispeech/1221-135766-0001.wav", "librispeech/1272-141231-0002.wav",
            "misc/jfk.wav", "ljspeech/LJ001-0001.wav", "librispeech_8k/1272-128104-0004-8k.wav", "osr_8k/OSR_us_000_0034_8k.wav");
    private static final String[] SYNTH_FILES = {"librispeech/1089-134686-0001.wav", "librispeech/1221-135766-0001.wav",
            "librispeech/1272-141231-0002.wav"};
    private static final int[] SYNTH_ORDER = {0, 1, 2, 1, 0, 2, 0, 1};
    private static final double[] SYNTH_SECONDS = {3, 4, 2.5, 3, 2, 4, 1.5, 3.5};

    private DiarizationBench() {}

    /**
     * A mono signal with its reference turns.
     *
     * @param samples   the audio, at the rate it was made for; the caller's array
     * @param reference who speaks when
     */
    public record Labelled(float[] samples, List<DerScorer.Turn> reference) {}

    /** Runs the benchmark; returns a printable report. */
    public static String run(SpeechSet speech, DiarizerUnderTest diarizer) {
        int rate = diarizer.sampleRate();
        StringBuilder out = new StringBuilder();
        DerScorer.Result total = new DerScorer.Result(0, 0, 0, 0);
        double audioSeconds = 0;
        long nanos = 0;
        out.append(String.format("%-44s %4s %8s  %s%n", "file (speech source)", "spk", "DER", "detail"));

        Labelled py = labelled(speech, "multispeaker/pyannote_sample.wav", rate);
        Labelled ami = labelled(speech, "multispeaker/ami_ES2011a_40s-46s.wav", rate);
        Labelled synth = synthetic(speech, rate, diarizer::energySpeech);
        record Case(String name, Labelled data, boolean oracle, int speakers) {}
        List<Case> cases = List.of(
                new Case("pyannote_sample (energy VAD)", py, false, 0),
                new Case("pyannote_sample (reference speech)", py, true, 0),
                new Case("ami_ES2011a_40s-46s (reference, hint 2)", ami, true, 2),
                new Case("ami_ES2011a_40s-46s (reference, auto)", ami, true, 0),
                new Case("synthetic librispeech x3 (energy VAD)", synth, false, 0),
                new Case("synthetic librispeech x3 (reference speech)", synth, true, 0));
        for (Case c : cases) {
            List<Span> spans = c.oracle() ? referenceSpeech(c.data().reference()) : diarizer.energySpeech(c.data().samples());
            long t0 = System.nanoTime();
            List<DerScorer.Turn> hyp = diarizer.diarize(c.data().samples(), spans, c.speakers());
            nanos += System.nanoTime() - t0;
            audioSeconds += (double) c.data().samples().length / rate;
            DerScorer.Result r = DerScorer.score(c.data().reference(), hyp);
            if (!c.name().contains("auto)")) total = total.plus(r);
            out.append(String.format("%-44s %4d %7.1f%%  %s%n", c.name(), DerScorer.speakerCount(hyp), 100 * r.der(), r));
        }
        out.append(String.format("%-44s %4s %7.1f%%  %s%n", "OVERALL (rows above except 'auto')", "", 100 * total.der(), total));
        for (String f : SINGLE) {
            float[] x = load(speech, f, rate);
            List<Span> spans = diarizer.energySpeech(x);
            long t0 = System.nanoTime();
            List<DerScorer.Turn> hyp = diarizer.diarize(x, spans, 0);
            nanos += System.nanoTime() - t0;
            audioSeconds += (double) x.length / rate;
            out.append(String.format("%-44s %4d %8s  single speaker%n", f + " (energy VAD)", DerScorer.speakerCount(hyp), "-"));
        }
        // steady-state speed: the 30 s file again, a few times
        float[] x = py.samples();
        List<Span> spans = diarizer.energySpeech(x);
        int reps = 5;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) diarizer.diarize(x, spans, 0);
        double msPerSecond = (System.nanoTime() - t0) / 1e6 / (reps * x.length / (double) rate);
        out.append(String.format("time: %.2f ms per second of audio (pyannote_sample, warm, %d runs); first pass over all files %.2f ms/s%n",
                msPerSecond, reps, nanos / 1e6 / audioSeconds));
        out.append(String.format("defaults: %s, collar %.2f s%n", diarizer.describeDefaults(), DerScorer.DEFAULT_COLLAR));
        return out.toString();
    }

    /** A file of the set at {@code rate}, resampled first, then mixed to mono. */
    static float[] load(SpeechSet speech, String file, int rate) {
        return speech.clip(file).resample(rate).mono();
    }

    /** A multi-speaker file at {@code rate} with the reference turns of its manifest row. */
    public static Labelled labelled(SpeechSet speech, String file, int rate) {
        return new Labelled(load(speech, file, rate), DerScorer.parseReference(speech.speakers(file)));
    }

    /** The union of the reference turns, as speech spans (what a perfect VAD would give). */
    public static List<Span> referenceSpeech(List<DerScorer.Turn> ref) {
        List<DerScorer.Turn> sorted = new ArrayList<>(ref);
        sorted.sort(Comparator.comparingDouble(DerScorer.Turn::start));
        List<Span> out = new ArrayList<>();
        double s = -1, e = -1;
        for (DerScorer.Turn t : sorted) {
            if (s >= 0 && t.start() <= e) {
                e = Math.max(e, t.end());
                continue;
            }
            if (s >= 0) out.add(new Span(s, e));
            s = t.start();
            e = t.end();
        }
        if (s >= 0) out.add(new Span(s, e));
        return out;
    }

    /**
     * Pieces of three LibriSpeech speakers spliced in the order {@code 0 1 2 1 0 2 0 1} with 0.3 s of silence
     * between them, at {@code rate}; the reference turns are the speech {@code speechOf} finds in each piece,
     * labelled with its speaker.
     */
    public static Labelled synthetic(SpeechSet speech, int rate, Function<float[], List<Span>> speechOf) {
        float[][] src = new float[SYNTH_FILES.length][];
        for (int i = 0; i < src.length; i++) src[i] = load(speech, SYNTH_FILES[i], rate);
        int gap = (int) (0.3 * rate);
        int[] used = new int[src.length];
        List<float[]> pieces = new ArrayList<>();
        for (int k = 0; k < SYNTH_ORDER.length; k++) {
            int s = SYNTH_ORDER[k];
            int n = Math.min((int) (SYNTH_SECONDS[k] * rate), src[s].length - used[s]);
            pieces.add(Arrays.copyOfRange(src[s], used[s], used[s] + n));
            used[s] += n;
        }
        int total = 0;
        for (float[] p : pieces) total += p.length + gap;
        float[] mix = new float[total];
        List<DerScorer.Turn> ref = new ArrayList<>();
        int pos = 0;
        for (int k = 0; k < pieces.size(); k++) {
            float[] p = pieces.get(k);
            System.arraycopy(p, 0, mix, pos, p.length);
            double off = (double) pos / rate;
            for (Span sg : speechOf.apply(p)) ref.add(new DerScorer.Turn(off + sg.start(), off + sg.end(), SYNTH_ORDER[k]));
            pos += p.length + gap;
        }
        return new Labelled(mix, ref);
    }
}
