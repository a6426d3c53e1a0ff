package dev.parley.engines.stt;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.stt.eval.WerScorer;
import dev.parley.engines.stt.internal.WavFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code parley bench stt}: word error rate per English set of {@code shared/speech} (manifest.tsv), the real-time
 * factor of the file engine ({@link SttEngine}) and the cost of Vosk streaming per second of audio.
 */
public final class SttBench {
    /** Sets of the manifest that are English and have full transcripts. */
    public static final Set<String> ENGLISH_SETS = Set.of("librispeech", "librispeech_8k", "ljspeech", "librivox",
            "misc", "osr_8k", "asterisk_en_8k", "fsdd_8k");

    private SttBench() {}

    /** One manifest row. */
    public record Item(String file, String set, String transcript) {}

    /** The English items of the manifest, in manifest order. */
    public static List<Item> englishItems(Path speechDir) {
        try {
            List<String> lines = Files.readAllLines(speechDir.resolve("manifest.tsv"), StandardCharsets.UTF_8);
            List<Item> items = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length < 5) continue;
                String set = f[0].substring(0, f[0].indexOf('/'));
                if (!ENGLISH_SETS.contains(set) || f[4].isBlank()) continue;
                String text = f[4];
                if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
                }
                items.add(new Item(f[0], set, text));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + speechDir.resolve("manifest.tsv"), e);
        }
    }

    /** Runs the benchmark with the runtime's transcriber. */
    public static String run(EngineRuntime runtime, Path speechDir) {
        MoonshineVosk engine = (MoonshineVosk) runtime.fileTranscriber();
        List<Item> items = englishItems(speechDir);
        double loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, WerScorer.Score> perSet = new LinkedHashMap<>();
        Map<String, Integer> filesPerSet = new LinkedHashMap<>();
        WerScorer.Score all = WerScorer.Score.zero();
        double audioSeconds = 0;
        long engineNanos = 0;
        long engineCpu = 0;
        List<float[]> audios = new ArrayList<>();
        StringBuilder worst = new StringBuilder();
        // warm up the sessions so the first file's timing is not load time
        engine.transcribe(new float[16000], SttOptions.defaults());
        for (Item it : items) {
            float[] audio;
            try {
                audio = WavFiles.readMono(speechDir.resolve(it.file())).at16k();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            audios.add(audio);
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            SttResult r = engine.transcribe(audio, SttOptions.defaults());
            engineNanos += System.nanoTime() - t0;
            engineCpu += processCpuNanos() - c0;
            audioSeconds += audio.length / 16000.0;
            WerScorer.Score s = WerScorer.score(it.transcript(), r.text());
            perSet.merge(it.set(), s, WerScorer.Score::plus);
            filesPerSet.merge(it.set(), 1, Integer::sum);
            all = all.plus(s);
            if (s.wer() > 0.25) {
                worst.append(String.format(Locale.ROOT, "  %-48s WER %5.1f%%  ref: %s | hyp: %s%n", it.file(),
                        100 * s.wer(), it.transcript(), r.text()));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("STT benchmark: Silero VAD + Moonshine tiny (text) + Vosk small (word times)\n");
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
                runtime.inference().threads(), loadAtStart));
        double voskMs = runtime.inference().run(() -> voskStreamingMillis(engine.vosk(), audios));
        out.append(String.format(Locale.ROOT,
                "vosk streaming: %.1f ms of thread CPU per second of audio (100 ms chunks, partial every 500 ms)%n",
                voskMs / audioSeconds));
        out.append(streaming(engine, items, audios));
        if (!worst.isEmpty()) out.append("files above 25% WER:\n").append(worst);
        return out.toString();
    }

    /**
     * The streaming transcriber over the files longer than 2 s (plus 1 s of silence each), fed in real-time-sized
     * 100 ms chunks as fast as it takes them: WER of the utterance finals plus the done text, and how long the
     * calls that produced a final took (the latency a final adds after the endpointing silence).
     */
    private static String streaming(MoonshineVosk engine, List<Item> items, List<float[]> audios) {
        WerScorer.Score score = WerScorer.Score.zero();
        List<Double> finalMs = new ArrayList<>();
        double seconds = 0;
        long wall = 0;
        for (int i = 0; i < items.size(); i++) {
            float[] a = audios.get(i);
            if (a.length < 32000) continue;
            float[] x = java.util.Arrays.copyOf(a, a.length + 16000);
            seconds += x.length / 16000.0;
            StringBuilder text = new StringBuilder();
            boolean[] gotFinal = new boolean[1];
            StreamingTranscriber.Options o = StreamingTranscriber.Options.defaults();
            try (StreamingTranscriber.Stream st = engine.open(o, t -> {
                if (t.isFinal()) gotFinal[0] = true;
                if (t.speechFinal()) text.append(t.text()).append(' ');
            })) {
                for (int at = 0; at < x.length; at += 1600) {
                    gotFinal[0] = false;
                    long t0 = System.nanoTime();
                    st.accept(x, at, Math.min(1600, x.length - at));
                    long dt = System.nanoTime() - t0;
                    wall += dt;
                    if (gotFinal[0]) finalMs.add(dt / 1e6);
                }
                text.append(st.finish().text());
            }
            score = score.plus(WerScorer.score(items.get(i).transcript(), text.toString()));
        }
        java.util.Collections.sort(finalMs);
        double p50 = finalMs.isEmpty() ? 0 : finalMs.get(finalMs.size() / 2);
        double p95 = finalMs.isEmpty() ? 0 : finalMs.get((int) Math.min(finalMs.size() - 1, finalMs.size() * 0.95));
        return String.format(Locale.ROOT, "streaming (endpointing 400 ms, interims on): %.1f s of audio, WER %.1f%%,"
                + " wall %.3f s per audio second; a chunk/utterance final costs p50 %.0f ms, p95 %.0f ms (%d finals)%n",
                seconds, 100 * score.wer(), wall / 1e9 / seconds, p50, p95, finalMs.size());
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Thread CPU time (native code included) of streaming every file through a recognizer. */
    private static double voskStreamingMillis(VoskModel model, List<float[]> audios) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        for (float[] a : audios) {
            try (VoskRecognizer r = model.newRecognizer()) {
                int chunk = 1600;
                for (int at = 0, k = 0; at < a.length; at += chunk, k++) {
                    if (r.acceptFloat(a, at, Math.min(chunk, a.length - at))) r.result();
                    else if (k % 5 == 4) r.partial();
                }
                r.finalResult();
            }
        }
        return (mx.getCurrentThreadCpuTime() - t0) / 1e6;
    }
}
