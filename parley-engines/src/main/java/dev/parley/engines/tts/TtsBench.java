package dev.parley.engines.tts;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.audio.Resampler;
import dev.parley.engines.stt.SttBench;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.eval.WerScorer;
import dev.parley.engines.text.SpeechPiece;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TTS benchmark on the English transcripts of {@code <shared>/speech/manifest.tsv}: per engine and API voice, time
 * to first audio (first chunk synthesised, text front end included) p50/p95, real-time factor (synthesis time over
 * audio duration) and round-trip word error rate (synthesised audio resampled to 16 kHz and transcribed by the
 * project's own speech-to-text, {@link SttEngine}, scored with {@link WerScorer} after the manifest's WER rules).
 * Wired by the CLI as {@code ./parley bench tts}.
 *
 * <p>Runs on the calling platform thread, one utterance at a time (the figures are single-stream latencies).
 */
public final class TtsBench {
    private TtsBench() {}

    /** English sets whose transcripts are sentences (the isolated spoken digits are left out). */
    private static final Set<String> SENTENCE_SETS = Set.of("librispeech", "librispeech_8k", "ljspeech", "librivox",
            "misc", "osr_8k", "asterisk_en_8k");

    /**
     * @param sharedSpeechDir {@code <shared>/speech} (holds {@code manifest.tsv})
     * @param engineIds       engines to measure ({@code kokoro}, {@code piper}, {@code espeak})
     * @param voices          API voices to measure
     * @param maxUtterances   utterances per engine and voice (the first N English transcripts)
     * @return a plain-text table, one row per engine and voice
     */
    public static String run(EngineRuntime runtime, VoiceMapping mapping, Path sharedSpeechDir, List<String> engineIds,
            List<String> voices, int maxUtterances) {
        List<String> texts = englishTranscripts(sharedSpeechDir);
        if (texts.size() > maxUtterances) texts = texts.subList(0, maxUtterances);
        TtsEngines engines = runtime.tts();
        SpeechSynthesizer syn = new SpeechSynthesizer(engines, mapping);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS benchmark: %d English utterances from %s, %d cores%n", texts.size(),
                sharedSpeechDir.resolve("manifest.tsv"), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-5s %-18s %9s %9s %7s %7s %8s%n", "engine", "voice", "engine-voice",
                "ttfa-p50", "ttfa-p95", "rtf", "wer", "audio-s"));
        FileTranscriber stt = runtime.fileTranscriber();
        {
            for (String engineId : engineIds) {
                try {
                    engines.get(engineId);
                } catch (EngineUnavailableException e) {
                    out.append(String.format(Locale.ROOT, "%-8s unavailable: %s%n", engineId, e.getMessage()));
                    continue;
                }
                for (String voice : voices) out.append(measure(syn, stt, engineId, voice, texts)).append('\n');
            }
        }
        return out.toString();
    }

    private static String measure(SpeechSynthesizer syn, FileTranscriber stt, String engineId, String voice,
                                  List<String> texts) {
        // Warm up the session (first inference allocates).
        SpeechSynthesizer.Request r = new SpeechSynthesizer.Request(voice, "en", 1.0, true, null, engineId, null);
        syn.speak(r, "Warm up.");
        List<Double> ttfa = new ArrayList<>();
        double synthSeconds = 0;
        double audioSeconds = 0;
        WerScorer.Score score = WerScorer.Score.zero();
        String engineVoice = "";
        for (String text : texts) {
            long t0 = System.nanoTime();
            List<float[]> parts = new ArrayList<>();
            long first = 0;
            int rate;
            try (Utterance u = syn.open(r)) {
                u.add(text);
                engineVoice = u.voice().engineVoice();
                rate = u.voice().sampleRate();
                while (u.hasNext()) {
                    Utterance.Chunk c = u.next();
                    if (first == 0 && c.piece() instanceof SpeechPiece.Speech) first = System.nanoTime();
                    parts.add(c.samples());
                }
            }
            long t1 = System.nanoTime();
            ttfa.add((first - t0) / 1e6);
            synthSeconds += (t1 - t0) / 1e9;
            float[] all = concat(parts);
            audioSeconds += all.length / (double) rate;
            String heard = stt.transcribe(Resampler.resample(all, rate, 16000), SttOptions.defaults()).text();
            score = score.plus(WerScorer.score(text, heard));
        }
        double[] t = ttfa.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%-8s %-5s %-18s %7.0fms %7.0fms %7.3f %6.1f%% %8.1f", engineId, voice,
                engineVoice, percentile(t, 50), percentile(t, 95), synthSeconds / audioSeconds,
                100.0 * score.wer(), audioSeconds);
    }

    /** Sentence transcripts of the manifest's English sets, in file order; all-caps LibriSpeech text is lower-cased. */
    public static List<String> englishTranscripts(Path speechDir) {
        List<String> out = new ArrayList<>();
        for (SttBench.Item item : SttBench.englishItems(speechDir)) {
            if (!SENTENCE_SETS.contains(item.set()) || item.transcript().contains("|")) continue;
            String t = item.transcript().strip();
            out.add(t.equals(t.toUpperCase(Locale.ROOT)) ? t.toLowerCase(Locale.ROOT) : t);
        }
        return out;
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
}
