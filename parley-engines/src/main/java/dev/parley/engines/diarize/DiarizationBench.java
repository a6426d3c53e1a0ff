package dev.parley.engines.diarize;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Wav;
import dev.parley.engines.diarize.internal.EnergyVad;
import dev.parley.engines.diarize.internal.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Diarization benchmark on the shared speech set ({@code shared/speech}): DER per file and overall, speakers
 * found, and CPU time per second of audio.
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
 * <p>Runs on the calling thread; takes a few seconds.
 */
public final class DiarizationBench {
    private static final List<String> SINGLE = List.of("librispeech/1221-135766-0001.wav", "librispeech/1272-141231-0002.wav",
            "misc/jfk.wav", "ljspeech/LJ001-0001.wav", "librispeech_8k/1272-128104-0004-8k.wav", "osr_8k/OSR_us_000_0034_8k.wav");
    private static final String[] SYNTH_FILES = {"librispeech/1089-134686-0001.wav", "librispeech/1221-135766-0001.wav",
            "librispeech/1272-141231-0002.wav"};
    private static final int[] SYNTH_ORDER = {0, 1, 2, 1, 0, 2, 0, 1};
    private static final double[] SYNTH_SECONDS = {3, 4, 2.5, 3, 2, 4, 1.5, 3.5};

    private DiarizationBench() {}

    public static void main(String[] args) {
        System.out.print(run(Path.of(args.length > 0 ? args[0] : "../shared/speech")));
    }

    /** A 16 kHz mono signal with its reference turns. */
    record Labelled(float[] samples, List<SpeakerTurn> reference) {}

    /** Runs the benchmark; returns a printable report. */
    public static String run(Path speechDir) {
        StringBuilder out = new StringBuilder();
        Diarizer auto = new Diarizer();
        DerScorer.Result total = new DerScorer.Result(0, 0, 0, 0);
        double audioSeconds = 0;
        long nanos = 0;
        out.append(String.format("%-44s %4s %8s  %s%n", "file (speech source)", "spk", "DER", "detail"));

        Labelled py = labelled(speechDir, "multispeaker/pyannote_sample.wav");
        Labelled ami = labelled(speechDir, "multispeaker/ami_ES2011a_40s-46s.wav");
        Labelled synth = synthetic(speechDir);
        record Case(String name, Labelled data, boolean oracle, Diarizer diarizer) {}
        List<Case> cases = List.of(
                new Case("pyannote_sample (energy VAD)", py, false, auto),
                new Case("pyannote_sample (reference speech)", py, true, auto),
                new Case("ami_ES2011a_40s-46s (reference, hint 2)", ami, true, new Diarizer(DiarizationOptions.DEFAULTS.withNumSpeakers(2))),
                new Case("ami_ES2011a_40s-46s (reference, auto)", ami, true, auto),
                new Case("synthetic librispeech x3 (energy VAD)", synth, false, auto),
                new Case("synthetic librispeech x3 (reference speech)", synth, true, auto));
        for (Case c : cases) {
            List<SpeechSegment> speech = c.oracle() ? referenceSpeech(c.data().reference())
                    : EnergyVad.detect(c.data().samples(), Diarizer.SAMPLE_RATE);
            long t0 = System.nanoTime();
            List<SpeakerTurn> hyp = c.diarizer().diarize(c.data().samples(), Diarizer.SAMPLE_RATE, speech);
            nanos += System.nanoTime() - t0;
            audioSeconds += (double) c.data().samples().length / Diarizer.SAMPLE_RATE;
            DerScorer.Result r = DerScorer.score(c.data().reference(), hyp);
            if (!c.name().contains("auto)")) total = total.plus(r);
            out.append(String.format("%-44s %4d %7.1f%%  %s%n", c.name(), DerScorer.speakerCount(hyp), 100 * r.der(), r));
        }
        out.append(String.format("%-44s %4s %7.1f%%  %s%n", "OVERALL (rows above except 'auto')", "", 100 * total.der(), total));
        for (String f : SINGLE) {
            float[] x = load(speechDir, f);
            List<SpeechSegment> speech = EnergyVad.detect(x, Diarizer.SAMPLE_RATE);
            long t0 = System.nanoTime();
            List<SpeakerTurn> hyp = auto.diarize(x, Diarizer.SAMPLE_RATE, speech);
            nanos += System.nanoTime() - t0;
            audioSeconds += (double) x.length / Diarizer.SAMPLE_RATE;
            out.append(String.format("%-44s %4d %8s  single speaker%n", f + " (energy VAD)", DerScorer.speakerCount(hyp), "-"));
        }
        // steady-state speed: the 30 s file again, a few times
        float[] x = py.samples();
        List<SpeechSegment> speech = EnergyVad.detect(x, Diarizer.SAMPLE_RATE);
        int reps = 5;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) auto.diarize(x, Diarizer.SAMPLE_RATE, speech);
        double msPerSecond = (System.nanoTime() - t0) / 1e6 / (reps * x.length / (double) Diarizer.SAMPLE_RATE);
        out.append(String.format("time: %.2f ms per second of audio (pyannote_sample, warm, %d runs); first pass over all files %.2f ms/s%n",
                msPerSecond, reps, nanos / 1e6 / audioSeconds));
        out.append(String.format("defaults: change penalty %.2f, cluster penalty %.2f, collar %.2f s%n",
                Pipeline.Params.CHANGE_LAMBDA, Pipeline.Params.CLUSTER_LAMBDA, DerScorer.DEFAULT_COLLAR));
        return out.toString();
    }

    static float[] load(Path dir, String file) {
        AudioClip c = Wav.read(dir.resolve(file));
        return c.resample(Diarizer.SAMPLE_RATE).mono();
    }

    static Labelled labelled(Path dir, String file) {
        return new Labelled(load(dir, file), DerScorer.parseReference(manifestSpeaker(dir, file)));
    }

    static String manifestSpeaker(Path dir, String file) {
        try {
            for (String line : Files.readAllLines(dir.resolve("manifest.tsv"))) {
                String[] c = line.split("\t", -1);
                if (c.length > 5 && c[0].equals(file)) return c[5];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(file + " is not in " + dir.resolve("manifest.tsv"));
    }

    /** The union of the reference turns, as speech segments (what a perfect VAD would give). */
    static List<SpeechSegment> referenceSpeech(List<SpeakerTurn> ref) {
        List<SpeakerTurn> sorted = new ArrayList<>(ref);
        sorted.sort((a, b) -> Double.compare(a.start(), b.start()));
        List<SpeechSegment> out = new ArrayList<>();
        double s = -1, e = -1;
        for (SpeakerTurn t : sorted) {
            if (s >= 0 && t.start() <= e) {
                e = Math.max(e, t.end());
                continue;
            }
            if (s >= 0) out.add(new SpeechSegment(s, e));
            s = t.start();
            e = t.end();
        }
        if (s >= 0) out.add(new SpeechSegment(s, e));
        return out;
    }

    /**
     * Pieces of three LibriSpeech speakers spliced in the order {@code 0 1 2 1 0 2 0 1} with 0.3 s of silence
     * between them; the reference turns are the energy-detected speech of each piece, labelled with its speaker.
     */
    static Labelled synthetic(Path dir) {
        float[][] src = new float[SYNTH_FILES.length][];
        for (int i = 0; i < src.length; i++) src[i] = load(dir, SYNTH_FILES[i]);
        int gap = (int) (0.3 * Diarizer.SAMPLE_RATE);
        int[] used = new int[src.length];
        List<float[]> pieces = new ArrayList<>();
        for (int k = 0; k < SYNTH_ORDER.length; k++) {
            int s = SYNTH_ORDER[k];
            int n = Math.min((int) (SYNTH_SECONDS[k] * Diarizer.SAMPLE_RATE), src[s].length - used[s]);
            pieces.add(Arrays.copyOfRange(src[s], used[s], used[s] + n));
            used[s] += n;
        }
        int total = 0;
        for (float[] p : pieces) total += p.length + gap;
        float[] mix = new float[total];
        List<SpeakerTurn> ref = new ArrayList<>();
        int pos = 0;
        for (int k = 0; k < pieces.size(); k++) {
            float[] p = pieces.get(k);
            System.arraycopy(p, 0, mix, pos, p.length);
            double off = (double) pos / Diarizer.SAMPLE_RATE;
            for (SpeechSegment sg : EnergyVad.detect(p, Diarizer.SAMPLE_RATE)) {
                ref.add(new SpeakerTurn(off + sg.start(), off + sg.end(), SYNTH_ORDER[k]));
            }
            pos += p.length + gap;
        }
        return new Labelled(mix, ref);
    }
}
