package dev.parley.bench.engine;

import dev.parley.audio.Resampler;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.eval.WerScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TTS benchmark on the English transcripts of the speech set: per engine and API voice (the voice's rate and pitch on
 * that engine), time to first audio (first piece of speech synthesised, text front end included) p50/p95, real-time
 * factor (synthesis time over audio duration) and round-trip word error rate (synthesised audio resampled to 16 kHz
 * and transcribed by the project's own speech-to-text, scored with {@link WerScorer} after the manifest's WER rules).
 * A last row pools the voices each on its own engine ({@link TtsUnderTest#engineOf}), as a default server speaks
 * them: time to first audio over all their utterances, their real-time factor, and the round-trip WER over all their
 * words. A voice whose own engine was among the measured engines is not measured again. Wired by the CLI as
 * {@code ./parley bench tts}.
 *
 * <p>Runs on the calling thread, one utterance at a time (the figures are single-stream latencies).
 */
public final class TtsBench {
    private TtsBench() {}

    /** English sets whose transcripts are sentences (the isolated spoken digits are left out). */
    private static final Set<String> SENTENCE_SETS = Set.of("librispeech", "librispeech_8k", "ljspeech", "librivox",
            "misc", "osr_8k", "asterisk_en_8k");

    /** The figures of one engine and voice. */
    private record Row(String engine, String voice, String engineVoice, List<Double> ttfaMs, double synthSeconds,
                       double audioSeconds, WerScorer.Score score) {
        static Row pooled(String engine, String voice, String engineVoice, List<Row> rows) {
            List<Double> ttfa = new ArrayList<>();
            double synth = 0;
            double audio = 0;
            WerScorer.Score score = WerScorer.Score.zero();
            for (Row r : rows) {
                ttfa.addAll(r.ttfaMs());
                synth += r.synthSeconds();
                audio += r.audioSeconds();
                score = score.plus(r.score());
            }
            return new Row(engine, voice, engineVoice, ttfa, synth, audio, score);
        }

        String format() {
            return String.format(Locale.ROOT, "%-8s %-5s %-27s %7.0fms %7.0fms %7.3f %6.1f%% %8.1f", engine, voice,
                    engineVoice, Percentiles.of(ttfaMs, 50), Percentiles.of(ttfaMs, 95), synthSeconds / audioSeconds,
                    100.0 * score.wer(), audioSeconds);
        }
    }

    /**
     * @param speech        the speech set (its English transcripts are the texts)
     * @param tts           the engines to measure
     * @param stt           the speech-to-text that hears the result
     * @param engineIds     engines to measure ({@code hibari}, {@code piper}, {@code kokoro}, {@code espeak})
     * @param voices        API voices to measure
     * @param maxUtterances utterances per engine and voice (the first N English transcripts)
     * @return a plain-text table, one row per engine and voice, then the row of the voices on their own engines
     */
    public static String run(SpeechSet speech, TtsUnderTest tts, SttUnderTest stt, List<String> engineIds,
                             List<String> voices, int maxUtterances) {
        List<String> texts = englishTranscripts(speech);
        if (texts.size() > maxUtterances) texts = texts.subList(0, maxUtterances);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS benchmark: %d English utterances from %s, %d cores%n", texts.size(),
                speech.manifest(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-5s %-27s %9s %9s %7s %7s %8s%n", "engine", "voice",
                "engine-voice rate pitch", "ttfa-p50", "ttfa-p95", "rtf", "wer", "audio-s"));
        Map<String, Row> measured = new LinkedHashMap<>();
        for (String engineId : engineIds) {
            String why = tts.unavailable(engineId);
            if (why != null) {
                out.append(String.format(Locale.ROOT, "%-8s unavailable: %s%n", engineId, why));
                continue;
            }
            for (String voice : voices) {
                Row r = measure(tts, stt, engineId, voice, texts);
                measured.put(engineId + "/" + voice, r);
                out.append(r.format()).append('\n');
            }
        }
        List<Row> own = new ArrayList<>();
        for (String voice : voices) {
            String engine = tts.engineOf(voice);
            Row r = measured.get(engine + "/" + voice);
            own.add(r != null ? r : measure(tts, stt, engine, voice, texts));
        }
        Map<String, Long> perEngine = own.stream().collect(Collectors.groupingBy(Row::engine, LinkedHashMap::new,
                Collectors.counting()));
        String engines = perEngine.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
        out.append(Row.pooled("own", "all", engines, own).format()).append('\n');
        out.append("own: the ").append(voices.size()).append(" voices each on its own engine (")
                .append(own.stream().map(r -> r.voice() + " " + r.engine()).collect(Collectors.joining(", ")))
                .append("), pooled: ttfa over every utterance, rtf of all the audio, WER over all the words.\n");
        return out.toString();
    }

    private static Row measure(TtsUnderTest tts, SttUnderTest stt, String engineId, String voice, List<String> texts) {
        tts.synthesize(engineId, voice, "Warm up."); // the first inference allocates
        List<Double> ttfa = new ArrayList<>();
        double synthSeconds = 0;
        double audioSeconds = 0;
        WerScorer.Score score = WerScorer.Score.zero();
        String engineVoice = "";
        String engine = engineId;
        for (String text : texts) {
            long t0 = System.nanoTime();
            TtsUnderTest.Speech s = tts.synthesize(engineId, voice, text);
            long t1 = System.nanoTime();
            engine = s.engine();
            engineVoice = String.format(Locale.ROOT, "%s %.2f %.2f", s.engineVoice(), s.rate(), s.pitch());
            ttfa.add((s.firstAudioNanos() - t0) / 1e6);
            synthSeconds += (t1 - t0) / 1e9;
            audioSeconds += s.samples().length / (double) s.sampleRate();
            String heard = stt.transcribe(Resampler.resample(s.samples(), s.sampleRate(), 16000));
            score = score.plus(WerScorer.score(text, heard));
        }
        return new Row(engine, voice, engineVoice, ttfa, synthSeconds, audioSeconds, score);
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
