package dev.parley.bench.api;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The voice turns of the realtime figures: where speech is in a clip (for voice-to-voice), the lead-in silence a turn
 * starts with, and the microphone that streams it in real time.
 */
final class Voicing {
    /** Milliseconds of audio per {@code input_audio_buffer.append}. */
    static final int CHUNK_MS = 40;

    private Voicing() {}

    /**
     * A microphone: sends {@code pcm} (16-bit, {@code rate} Hz) to {@code append} in {@value #CHUNK_MS} ms pieces, each
     * at its real-time moment from {@code t0}, then silence, until {@code stop} or, after the audio, {@code limitMs}
     * from {@code t0}. A failing send (the socket closed) ends it quietly: the turn then ends by its timeout. Blocks;
     * run it on a thread of its own.
     */
    static void microphone(byte[] pcm, int rate, long t0, AtomicBoolean stop, int limitMs, Consumer<byte[]> append) {
        int chunk = rate * 2 * CHUNK_MS / 1000;
        byte[] silence = new byte[chunk];
        try {
            for (int k = 0; !stop.get() && !Thread.currentThread().isInterrupted(); k++) {
                int off = k * chunk;
                if (off >= pcm.length && (long) k * CHUNK_MS > limitMs) return;
                long wait = t0 + k * CHUNK_MS * 1_000_000L - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                append.accept(off < pcm.length ? Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk)) : silence);
            }
        } catch (RuntimeException e) {
            // socket closed: the turn ends by timeout
        }
    }

    /** 300 ms of silence, then {@code clip}. */
    static float[] leadIn(float[] clip, int rate) {
        int lead = rate * 3 / 10;
        float[] x = new float[lead + clip.length];
        System.arraycopy(clip, 0, x, lead, clip.length);
        return x;
    }

    /**
     * The voiced span of {@code x}: {start of the first, end of the last} 10 ms window whose RMS is above 2 % of the
     * peak, as sample indices; {-1, -1} when no window is.
     */
    static int[] span(float[] x, int rate) {
        float peak = 0;
        for (float f : x) peak = Math.max(peak, Math.abs(f));
        int win = rate / 100;
        int first = -1, last = -1;
        for (int w = 0; w + win <= x.length; w += win) {
            double s = 0;
            for (int i = w; i < w + win; i++) s += x[i] * x[i];
            if (Math.sqrt(s / win) > 0.02 * peak) {
                if (first < 0) first = w;
                last = w + win;
            }
        }
        return new int[] {first, last};
    }
}
