package dev.parley.bench.engine;

import dev.parley.bench.SpeechSet;
import dev.parley.bench.eval.WerScorer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code parley bench stt}, engine part: word error rate per English set of the speech set, the real-time factor of
 * the file engine and the cost of the streaming recognizer per second of audio, then the streaming transcriber's WER
 * and the cost of its finals.
 *
 * <p>Runs on the calling thread; blocks for a few minutes on two cores.
 */
public final class SttBench {
    private SttBench() {}

    /** Runs the benchmark on the English files of {@code speech} and returns a plain-text report. */
    public static String run(SpeechSet speech, SttUnderTest engine) {
        List<SpeechSet.Item> items = speech.english();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, WerScorer.Score> perSet = new LinkedHashMap<>();
        Map<String, Integer> filesPerSet = new LinkedHashMap<>();
        WerScorer.Score all = WerScorer.Score.zero();
        double audioSeconds = 0;
        long engineNanos = 0;
        long engineCpu = 0;
        List<float[]> audios = new ArrayList<>();
        StringBuilder worst = new StringBuilder();
        // warm up the sessions so the first file's timing is not load time
        engine.transcribe(new float[16000]);
        for (SpeechSet.Item it : items) {
            float[] audio = speech.mono16k(it.file());
            audios.add(audio);
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            String text = engine.transcribe(audio);
            engineNanos += System.nanoTime() - t0;
            engineCpu += processCpuNanos() - c0;
            audioSeconds += audio.length / 16000.0;
            WerScorer.Score s = WerScorer.score(it.transcript(), text);
            perSet.merge(it.set(), s, WerScorer.Score::plus);
            filesPerSet.merge(it.set(), 1, Integer::sum);
            all = all.plus(s);
            if (s.wer() > 0.25) {
                worst.append(String.format(Locale.ROOT, "  %-48s WER %5.1f%%  ref: %s | hyp: %s%n", it.file(),
                        100 * s.wer(), it.transcript(), text));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("STT benchmark: ").append(engine.describe()).append('\n');
        out.append(String.format(Locale.ROOT, "%-16s %6s %6s %8s%n", "set", "files", "words", "WER"));
        for (var e : perSet.entrySet()) {
            out.append(String.format(Locale.ROOT, "%-16s %6d %6d %7.1f%%%n", e.getKey(), filesPerSet.get(e.getKey()),
                    e.getValue().referenceWords(), 100 * e.getValue().wer()));
        }
        out.append(String.format(Locale.ROOT, "%-16s %6d %6d %7.1f%%%n", "all", items.size(), all.referenceWords(),
                100 * all.wer()));
        out.append(String.format(Locale.ROOT,
                "file engine: %.1f s of audio in %.2f s wall, RTF %.3f; CPU %.3f s per audio second (pool of %d threads,"
                        + " load average at start %.1f)%n",
                audioSeconds, engineNanos / 1e9, engineNanos / 1e9 / audioSeconds, engineCpu / 1e9 / audioSeconds,
                engine.poolThreads(), loadAtStart));
        out.append(String.format(Locale.ROOT,
                "vosk streaming: %.1f ms of thread CPU per second of audio (100 ms chunks, partial every 500 ms)%n",
                engine.partialsCpuMillis(audios) / audioSeconds));
        out.append(streaming(engine, items, audios));
        if (!worst.isEmpty()) out.append("files above 25% WER:\n").append(worst);
        return out.toString();
    }

    /**
     * The streaming transcriber over the files longer than 2 s (plus 1 s of silence each), fed in real-time-sized
     * 100 ms chunks as fast as it takes them: WER of the utterance finals plus the done text, and how long the
     * calls that produced a final took (the latency a final adds after the endpointing silence).
     */
    private static String streaming(SttUnderTest engine, List<SpeechSet.Item> items, List<float[]> audios) {
        WerScorer.Score score = WerScorer.Score.zero();
        List<Double> finalMs = new ArrayList<>();
        double seconds = 0;
        long wall = 0;
        for (int i = 0; i < items.size(); i++) {
            float[] a = audios.get(i);
            if (a.length < 32000) continue;
            float[] x = Arrays.copyOf(a, a.length + 16000);
            seconds += x.length / 16000.0;
            StringBuilder text = new StringBuilder();
            boolean[] gotFinal = new boolean[1];
            try (SttUnderTest.Stream st = engine.openStream((t, isFinal, speechFinal) -> {
                if (isFinal) gotFinal[0] = true;
                if (speechFinal) text.append(t).append(' ');
            })) {
                for (int at = 0; at < x.length; at += 1600) {
                    gotFinal[0] = false;
                    long t0 = System.nanoTime();
                    st.accept(x, at, Math.min(1600, x.length - at));
                    long dt = System.nanoTime() - t0;
                    wall += dt;
                    if (gotFinal[0]) finalMs.add(dt / 1e6);
                }
                text.append(st.finish());
            }
            score = score.plus(WerScorer.score(items.get(i).transcript(), text.toString()));
        }
        Collections.sort(finalMs);
        double p50 = finalMs.isEmpty() ? 0 : finalMs.get(finalMs.size() / 2);
        double p95 = finalMs.isEmpty() ? 0 : finalMs.get((int) Math.min(finalMs.size() - 1, finalMs.size() * 0.95));
        return String.format(Locale.ROOT, "streaming (endpointing 400 ms, interims on): %.1f s of audio, WER %.1f%%,"
                + " wall %.3f s per audio second; a chunk/utterance final costs p50 %.0f ms, p95 %.0f ms (%d finals)%n",
                seconds, 100 * score.wer(), wall / 1e9 / seconds, p50, p95, finalMs.size());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
