package dev.parley.bench.audio;

import dev.parley.audio.G711;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.StreamingEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Micro-benchmark of the per-frame audio hot path: the cost of one 20 ms frame through each operation the
 * realtime and TTS paths run per frame (streaming resampler instances, G.711, PCM16 conversion).
 *
 * <p>Method: the input is a speech-like signal (harmonics plus noise); every case warms up, then times
 * {@code iterations} samples of 16 consecutive frames each with {@link System#nanoTime()}, and reports the
 * median and 95th percentile nanoseconds per frame, plus how many real-time streams one core could carry.
 * Allocation-free variants are used (the ones a session loop should use). Single-threaded; run it on an
 * idle machine. Wired as {@code ./parley bench audio}.
 *
 * <p>Second table: the streaming encoders of the TTS responses ({@link StreamingEncoder}: MP3, Ogg Opus, ADTS AAC,
 * FLAC, 24 kHz mono as OpenAI's {@code response_format}s): one encoder per format kept open, fed 20 ms chunks, each
 * timed sample one audio second (50 chunks, the FFmpeg pool hop included); median and 95th percentile milliseconds
 * of encoding per audio second over {@code max(20, iterations / 100)} samples after 5 s of warm-up.
 */
public final class AudioBench {
    private static final int BATCH = 16;
    private static volatile float sink;

    private AudioBench() {}

    private interface FrameOp {
        /** Processes frame number {@code i}; returns something derived from the output. */
        float run(int i);
    }

    private record Result(String name, int samplesIn, double medianNs, double p95Ns) {}

    /**
     * Runs every case and returns a printable report.
     *
     * @param iterations timed samples per case (each of 16 frames); at least 10
     */
    public static String run(int iterations) {
        if (iterations < 10) throw new IllegalArgumentException("iterations must be >= 10");
        List<Result> results = new ArrayList<>();
        int[][] pairs = {{8000, 16000}, {16000, 24000}, {24000, 48000}, {48000, 16000}, {44100, 16000}, {16000, 8000}};
        for (int[] p : pairs) results.add(resampleCase(p[0], p[1], iterations));
        results.add(g711Case(G711.ULAW, iterations));
        results.add(g711Case(G711.ALAW, iterations));
        results.add(pcmCase(16000, iterations));
        results.add(pcmCase(24000, iterations));

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "parley-audio hot path: ns per 20 ms frame (%d samples x %d frames, JDK %s, %d cores)%n",
                iterations, BATCH, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        sb.append(String.format(Locale.ROOT, "%-34s %8s %10s %10s %14s%n", "case", "in/frame", "median ns", "p95 ns", "streams/core"));
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-34s %8d %10.0f %10.0f %14.0f%n", r.name, r.samplesIn, r.medianNs,
                    r.p95Ns, 20_000_000.0 / r.medianNs));
        }
        sb.append(encoders(Math.max(20, iterations / 100)));
        sb.append("(checksum ").append(sink).append(")");
        return sb.toString();
    }

    /** The encoder table: ms of encoding per audio second, per format. */
    private static String encoders(int seconds) {
        int rate = 24000, chunk = rate / 50;
        float[] signal = speechLike(rate, 50);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nstreaming encoders, 24 kHz mono, 20 ms chunks: ms of encoding per audio second (%d s)%n", seconds));
        sb.append(String.format(Locale.ROOT, "%-34s %10s %10s %10s %14s%n", "format", "median ms", "p95 ms", "kbit/s", "x real time"));
        for (StreamingEncoder.Format f : StreamingEncoder.Format.values()) {
            double[] ms = new double[seconds];
            long bytes = 0;
            try (StreamingEncoder enc = StreamingEncoder.open(f, rate)) {
                for (int w = 0; w < 5; w++) {
                    for (int off = 0; off < signal.length; off += chunk) enc.encode(signal, off, chunk);
                }
                for (int s = 0; s < seconds; s++) {
                    long t0 = System.nanoTime();
                    for (int off = 0; off < signal.length; off += chunk) bytes += enc.encode(signal, off, chunk).length;
                    ms[s] = (System.nanoTime() - t0) / 1e6;
                }
                bytes += enc.finish().length;
            }
            Arrays.sort(ms);
            double median = ms[seconds / 2], p95 = ms[(int) Math.ceil(seconds * 0.95) - 1];
            sb.append(String.format(Locale.ROOT, "%-34s %10.2f %10.2f %10.0f %14.0f%n", f, median, p95,
                    bytes * 8 / 1000.0 / seconds, 1000 / median));
        }
        return sb.toString();
    }

    private static float[] speechLike(int rate, int frames) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[rate / 50 * frames];
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double f0 = 120 + 30 * Math.sin(2 * Math.PI * 3 * t);
            double v = 0;
            for (int h = 1; h <= 12; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
            x[i] = (float) (0.2 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t)) + 0.02 * (rnd.nextDouble() - 0.5));
        }
        return x;
    }

    private static Result resampleCase(int from, int to, int iterations) {
        int frame = from / 50;
        float[] signal = speechLike(from, 64);
        Resampler r = new Resampler(from, to);
        float[] out = new float[(int) ((long) frame * to / from) + 16]; // steady-state output plus rounding
        int frames = signal.length / frame;
        FrameOp op = i -> {
            int off = (i % frames) * frame;
            int n = r.process(signal, off, frame, out, 0);
            return out[n >> 1];
        };
        return measure(String.format(Locale.ROOT, "resample %d -> %d (streaming)", from, to), frame, op, iterations);
    }

    private static Result g711Case(G711 law, int iterations) {
        int frame = 160; // 20 ms at 8 kHz
        float[] signal = speechLike(8000, 64);
        byte[] codes = new byte[frame];
        float[] back = new float[frame];
        int frames = signal.length / frame;
        FrameOp op = i -> {
            law.encode(signal, (i % frames) * frame, codes, 0, frame);
            law.decode(codes, 0, back, 0, frame);
            return back[i & 127];
        };
        return measure((law == G711.ULAW ? "mu-law" : "A-law") + " encode+decode 8 kHz", frame, op, iterations);
    }

    private static Result pcmCase(int rate, int iterations) {
        int frame = rate / 50;
        float[] signal = speechLike(rate, 64);
        byte[] bytes = new byte[frame * 2];
        float[] back = new float[frame];
        int frames = signal.length / frame;
        FrameOp op = i -> {
            Pcm16.fromFloat(signal, (i % frames) * frame, bytes, 0, frame);
            Pcm16.toFloat(bytes, 0, back, 0, frame);
            return back[i & 127];
        };
        return measure("pcm16 float->bytes->float " + rate / 1000 + " kHz", frame, op, iterations);
    }

    private static Result measure(String name, int samplesIn, FrameOp op, int iterations) {
        float acc = 0;
        int warm = Math.max(2000, iterations / 2);
        for (int i = 0; i < warm * BATCH / 4; i++) acc += op.run(i);
        double[] perFrame = new double[iterations];
        int i = 0;
        for (int s = 0; s < iterations; s++) {
            long t0 = System.nanoTime();
            for (int b = 0; b < BATCH; b++, i++) acc += op.run(i);
            perFrame[s] = (System.nanoTime() - t0) / (double) BATCH;
        }
        sink += acc;
        Arrays.sort(perFrame);
        return new Result(name, samplesIn, perFrame[iterations / 2], perFrame[(int) Math.min(iterations - 1, Math.ceil(iterations * 0.95) - 1)]);
    }
}
