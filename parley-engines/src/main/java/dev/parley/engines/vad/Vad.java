package dev.parley.engines.vad;

import java.util.Arrays;

/**
 * Voice activity detection: the probability that a short frame of mono audio holds speech. One {@code Vad} (one
 * model) is shared by every stream of the process; the per-stream state lives in a {@link Stream}.
 * Implementation: {@link SileroVad} (32 ms frames at 16 kHz).
 *
 * <p>Threading: thread-safe; a {@link Stream} is fed by one thread at a time. Methods block while the model runs;
 * native work runs on an inference thread (see {@code dev.parley.engines.runtime.Inference}), so any thread may
 * call. Buffers: frames are read during the call only.
 */
public interface Vad {
    /** Samples per frame at {@code sampleRate} (Silero: 512 at 16 kHz, 256 at 8 kHz). */
    int frameSamples(int sampleRate);

    /** Opens a stream with zero state: one per audio stream. */
    Stream openStream(int sampleRate);

    /**
     * Probabilities for a whole buffer, one per full frame (a trailing partial frame is zero-padded, as Silero's own
     * reference code does).
     */
    default float[] probabilities(float[] audio, int sampleRate) {
        Stream s = openStream(sampleRate);
        int n = s.frameSamples();
        int frames = (audio.length + n - 1) / n;
        float[] out = new float[frames];
        float[] frame = new float[n];
        for (int i = 0; i < frames; i++) {
            int from = i * n;
            int len = Math.min(n, audio.length - from);
            System.arraycopy(audio, from, frame, 0, len);
            if (len < n) Arrays.fill(frame, len, n, 0f);
            out[i] = s.process(frame, 0);
        }
        return out;
    }

    /** One audio stream's detector state. Not thread-safe: one feeder at a time. */
    interface Stream {
        /** The rate this stream was opened at. */
        int sampleRate();

        /** Samples per frame. */
        int frameSamples();

        /**
         * Speech probability in [0, 1] of the {@link #frameSamples()} samples of {@code frame} from {@code offset}.
         *
         * @throws IllegalArgumentException when fewer samples are there
         */
        float process(float[] frame, int offset);

        /** As {@link #process(float[], int)} from offset 0. */
        default float process(float[] frame) {
            return process(frame, 0);
        }

        /** Forgets the state (a new, unrelated stretch of audio). */
        void reset();
    }
}
