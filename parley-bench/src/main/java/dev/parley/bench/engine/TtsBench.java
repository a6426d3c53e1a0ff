package dev.parley.bench.engine;

import dev.parley.audio.Resampler;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.eval.WerScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TTS benchmark on the English transcripts of the speech set: per engine and API voice, time to first audio (first
 * piece of speech synthesised, text front end included) p50/p95, real-time factor (synthesis time over audio
 * duration) and round-trip word error rate (synthesised audio resampled to 16 kHz and transcribed by the project's own
 * speech-to-text, scored with {@link WerScorer} after the manifest's WER rules). Wired by the CLI as
 * {@code ./parley bench tts}.
 *
 * <p>Runs on the calling thread, one utterance at a time (the figures are single-stream latencies).
 */
public final class TtsBench {
    private TtsBench() {}

    /** English sets whose transcripts are sentences (the isolated spoken digits are left out). */
    private static final Set<String> SENTENCE_SETS = Set.of("librispeech", "librispeech_8k", "ljspeech", "librivox",
            "misc", "osr_8k", "asterisk_en_8k");

    /**
     * @param speech        the speech set (its English transcripts are the texts)
     * @param tts           the engines to measure
     * @param stt           the speech-to-text that hears the result
     * @param engineIds     engines to measure ({@code kokoro}, {@code piper}, {@code espeak})
     * @param voices        API voices to measure
     * @param maxUtterances utterances per engine and voice (the first N English transcripts)
     * @return a plain-text table, one row per engine and voice
     */
    public static String run(SpeechSet speech, TtsUnderTest tts, SttUnderTest stt, List<String> engineIds,
                             List<String> voices, int maxUtterances) {
        List<String> texts = englishTranscripts(speech);
        if (texts.size() > maxUtterances) texts = texts.subList(0, maxUtterances);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS benchmark: %d English utterances from %s, %d cores%n", texts.size(),
                speech.manifest(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-5s %-18s %9s %9s %7s %7s %8s%n", "engine", "voice", "engine-voice",
                "ttfa-p50", "ttfa-p95", "rtf", "wer", "audio-s"));
        for (String engineId : engineIds) {
            String why = tts.unavailable(engineId);
            if (why != null) {
                out.append(String.format(Locale.ROOT, "%-8s unavailable: %s%n", engineId, why));
                continue;
            }
            for (String voice : voices) out.append(measure(tts, stt, engineId, voice, texts)).append('\n');
        }
        return out.toString();
    }

    private static String measure(TtsUnderTest tts, SttUnderTest stt, String engineId, String voice, List<String> texts) {
        tts.synthesize(engineId, voice, "Warm up."); // the first inference allocates
        List<Double> ttfa = new ArrayList<>();
        double synthSeconds = 0;
        double audioSeconds = 0;
        WerScorer.Score score = WerScorer.Score.zero();
        String engineVoice = "";
        for (String text : texts) {
            long t0 = System.nanoTime();
            TtsUnderTest.Speech s = tts.synthesize(engineId, voice, text);
            long t1 = System.nanoTime();
            engineVoice = s.engineVoice();
            ttfa.add((s.firstAudioNanos() - t0) / 1e6);
            synthSeconds += (t1 - t0) / 1e9;
            audioSeconds += s.samples().length / (double) s.sampleRate();
            String heard = stt.transcribe(Resampler.resample(s.samples(), s.sampleRate(), 16000));
            score = score.plus(WerScorer.score(text, heard));
        }
        return String.format(Locale.ROOT, "%-8s %-5s %-18s %7.0fms %7.0fms %7.3f %6.1f%% %8.1f", engineId, voice,
                engineVoice, Percentiles.of(ttfa, 50), Percentiles.of(ttfa, 95), synthSeconds / audioSeconds,
                100.0 * score.wer(), audioSeconds);
    }

    /** Sentence transcripts of the manifest's English sets, in file order; all-caps LibriSpeech text is lower-cased. */
    public static List<String> englishTranscripts(SpeechSet speech) {
        List<String> out = new ArrayList<>();
        for (SpeechSet.Item item : speech.english()) {
            if (!SENTENCE_SETS.contains(item.set()) || item.transcript().contains("|")) continue;
            String t = item.transcript().strip();
            out.add(t.equals(t.toUpperCase(Locale.ROOT)) ? t.toLowerCase(Locale.ROOT) : t);
        }
        return out;
    }
}
