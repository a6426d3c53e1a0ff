package dev.parley.engines.tts;

import dev.parley.engines.text.NumberWords;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.tts.internal.VoskTranscriber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TTS benchmark on the English transcripts of {@code <shared>/speech/manifest.tsv}: per engine and API voice, time
 * to first audio (first chunk synthesised, text front end included) p50/p95, real-time factor (synthesis time over
 * audio duration) and round-trip word error rate (synthesised audio transcribed by Vosk small en-us, compared with
 * the text after the manifest's WER rules). Wired by the CLI as {@code ./parley bench tts}.
 *
 * <p>Runs on the calling platform thread, one utterance at a time (the figures are single-stream latencies).
 */
public final class TtsBench {
    private TtsBench() {}

    /** English sets of the manifest (the rest is Spanish, or has no usable transcript). */
    private static final List<String> ENGLISH_PREFIXES = List.of("librispeech/", "librispeech_8k/", "ljspeech/",
            "librivox/", "misc/", "osr_8k/", "asterisk_en_8k/");

    /** Benchmarks every available engine with the five built-in voices on up to 20 utterances each. */
    public static String run(Path sharedSpeechDir) {
        return run(sharedSpeechDir, TtsEngines.DEFAULT_ORDER, VoiceMapping.defaults().ids(), 20);
    }

    /**
     * @param sharedSpeechDir {@code <shared>/speech} (holds {@code manifest.tsv}); its parent's {@code models/}
     *                        is a fallback for the Vosk model
     * @param engineIds       engines to measure ({@code kokoro}, {@code piper}, {@code espeak})
     * @param voices          API voices to measure
     * @param maxUtterances   utterances per engine and voice (the first N English transcripts)
     * @return a plain-text table, one row per engine and voice
     */
    public static String run(Path sharedSpeechDir, List<String> engineIds, List<String> voices, int maxUtterances) {
        List<String> texts = englishTranscripts(sharedSpeechDir.resolve("manifest.tsv"));
        if (texts.size() > maxUtterances) texts = texts.subList(0, maxUtterances);
        TtsEngines engines = new TtsEngines(engineIds);
        SpeechSynthesizer syn = new SpeechSynthesizer(engines, VoiceMapping.defaults());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS benchmark: %d English utterances from %s, %d cores%n", texts.size(),
                sharedSpeechDir.resolve("manifest.tsv"), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-5s %-18s %9s %9s %7s %7s %8s%n", "engine", "voice", "engine-voice",
                "ttfa-p50", "ttfa-p95", "rtf", "wer", "audio-s"));
        try (VoskTranscriber vosk = new VoskTranscriber(sharedSpeechDir.getParent())) {
            for (String engineId : engineIds) {
                try {
                    engines.get(engineId);
                } catch (EngineUnavailableException e) {
                    out.append(String.format(Locale.ROOT, "%-8s unavailable: %s%n", engineId, e.getMessage()));
                    continue;
                }
                for (String voice : voices) out.append(measure(syn, vosk, engineId, voice, texts)).append('\n');
            }
        } finally {
            engines.close();
        }
        return out.toString();
    }

    private static String measure(SpeechSynthesizer syn, VoskTranscriber vosk, String engineId, String voice,
                                  List<String> texts) {
        // Warm up the session (first inference allocates).
        syn.synthesize(new SpeechSynthesizer.Request("Warm up.", voice, "en", 1.0, true, null, engineId));
        List<Double> ttfa = new ArrayList<>();
        double synthSeconds = 0;
        double audioSeconds = 0;
        long errors = 0;
        long words = 0;
        String engineVoice = "";
        for (String text : texts) {
            SpeechSynthesizer.Request r = new SpeechSynthesizer.Request(text, voice, "en", 1.0, true, null, engineId);
            long t0 = System.nanoTime();
            SpeechSynthesizer.Plan plan = syn.plan(r);
            engineVoice = plan.engineVoice();
            List<float[]> parts = new ArrayList<>();
            long[] first = {0};
            syn.stream(plan, (samples, piece) -> {
                if (first[0] == 0 && piece instanceof SpeechPiece.Speech) first[0] = System.nanoTime();
                parts.add(samples);
                return true;
            });
            long t1 = System.nanoTime();
            ttfa.add((first[0] - t0) / 1e6);
            synthSeconds += (t1 - t0) / 1e9;
            float[] all = concat(parts);
            audioSeconds += all.length / (double) plan.sampleRate();
            List<String> ref = werWords(text);
            List<String> hyp = werWords(vosk.transcribe(all, plan.sampleRate()));
            errors += editDistance(ref, hyp);
            words += ref.size();
        }
        double[] t = ttfa.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%-8s %-5s %-18s %7.0fms %7.0fms %7.3f %6.1f%% %8.1f", engineId, voice,
                engineVoice, percentile(t, 50), percentile(t, 95), synthSeconds / audioSeconds,
                100.0 * errors / Math.max(1, words), audioSeconds);
    }

    /** English transcripts of the manifest, in file order; all-caps LibriSpeech text is lower-cased. */
    public static List<String> englishTranscripts(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[4].isBlank() || f[4].contains("|")) continue;
            if (ENGLISH_PREFIXES.stream().noneMatch(f[0]::startsWith)) continue;
            String t = f[4].strip();
            out.add(t.equals(t.toUpperCase(Locale.ROOT)) ? t.toLowerCase(Locale.ROOT) : t);
        }
        return out;
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** The manifest's WER rules: lower case, punctuation dropped (apostrophes too), hyphens split, digits spelled. */
    public static List<String> werWords(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace('-', ' ').replace("'", "").replace("’", "")
                .replaceAll("\\bmr\\b\\.?", "mister").replaceAll("\\bmrs\\b\\.?", "missus")
                .replaceAll("\\bdr\\b\\.?", "doctor");
        Matcher m = DIGITS.matcher(t);
        t = m.replaceAll(r -> NumberWords.cardinal(Long.parseLong(r.group().length() > 15 ? "0" : r.group()))
                .replace('-', ' '));
        t = t.replaceAll("[^\\p{L}\\p{N}\\s]", " ");
        return Arrays.stream(t.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Word-level Levenshtein distance (substitutions + insertions + deletions). */
    public static int editDistance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.size()];
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[n];
        int off = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, off, a.length);
            off += a.length;
        }
        return all;
    }

    /**
     * {@code java ... dev.parley.engines.tts.TtsBench [sharedSpeechDir] [engines,comma] [voices,comma] [max]}.
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/speech");
        List<String> eng = args.length > 1 ? List.of(args[1].split(",")) : TtsEngines.DEFAULT_ORDER;
        List<String> voices = args.length > 2 ? List.of(args[2].split(",")) : VoiceMapping.defaults().ids();
        int max = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        System.out.print(run(dir, eng, voices, max));
    }
}
