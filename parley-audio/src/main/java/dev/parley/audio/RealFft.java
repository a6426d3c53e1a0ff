package dev.parley.audio;

import org.bytedeco.ffmpeg.avutil.AVTXContext;
import org.bytedeco.ffmpeg.avutil.av_tx_fn;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The real discrete Fourier transform of one length, forward and inverse, on FFmpeg's {@code av_tx} (mixed radix:
 * any even length, e.g. the 1200 points of a 50 ms frame at 24 kHz). The per-frame transform of vocoders and
 * spectral features.
 *
 * <p>Conventions: {@link #forward} is {@code X[k] = sum x[n] e^{-2 pi i k n / N}} for {@code k = 0 .. N/2}, written
 * as interleaved (real, imaginary) pairs, {@code N + 2} floats; {@link #inverse} is its inverse, scaled by
 * {@code 1/N}, so {@code inverse(forward(x)) == x} (numpy's {@code rfft} / {@code irfft}). The inverse ignores the
 * imaginary parts of the DC and Nyquist bins, as {@code irfft} does.
 *
 * <p>Threading: an instance is used by one thread at a time (FFmpeg's transform contexts keep scratch state); make
 * one per synthesis or per thread. Blocking: never; a native call of a few microseconds for 1200 points, so call
 * it from a platform thread (an inference thread), not a virtual one. Buffers: the caller's arrays are read or
 * written during the call and never kept. Native memory: two contexts and two buffers of {@code N + 2} floats,
 * freed by {@link #close}.
 */
public final class RealFft implements AutoCloseable {
    private final int n;
    private final Transform forward;
    private final Transform inverse;
    private final FloatPointer in;
    private final FloatPointer out;
    private boolean closed;

    /**
     * @param n the transform length, even and at least 2
     * @throws IllegalArgumentException for an odd or too small length, or one FFmpeg refuses
     */
    public RealFft(int n) {
        if (n < 2 || n % 2 != 0) throw new IllegalArgumentException("real FFT length must be even and >= 2: " + n);
        this.n = n;
        this.forward = new Transform(n, false, 1f);
        Transform inv;
        try {
            inv = new Transform(n, true, 1f / n);
        } catch (RuntimeException e) {
            forward.close();
            throw e;
        }
        this.inverse = inv;
        this.in = new FloatPointer(n + 2L);
        this.out = new FloatPointer(n + 2L);
    }

    /** The transform length N. */
    public int size() {
        return n;
    }

    /**
     * The spectrum of {@code x}.
     *
     * @param x        N real samples (read from index 0)
     * @param spectrum receives N/2 + 1 complex values as N + 2 interleaved floats
     */
    public void forward(float[] x, float[] spectrum) {
        check(x.length >= n && spectrum.length >= n + 2);
        in.put(x, 0, n);
        forward.run(out, in, Float.BYTES);
        out.get(spectrum, 0, n + 2);
    }

    /**
     * The signal of a spectrum.
     *
     * @param spectrum N/2 + 1 complex values as N + 2 interleaved floats (not modified)
     * @param x        receives N real samples
     */
    public void inverse(float[] spectrum, float[] x) {
        check(spectrum.length >= n + 2 && x.length >= n);
        in.put(spectrum, 0, n + 2);
        inverse.run(out, in, 2L * Float.BYTES);
        out.get(x, 0, n);
    }

    private void check(boolean lengthsOk) {
        if (closed) throw new IllegalStateException("RealFft is closed");
        if (!lengthsOk) throw new IllegalArgumentException("buffers too short for a " + n + "-point real FFT");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        forward.close();
        inverse.close();
        in.close();
        out.close();
    }

    /**
     * One {@code av_tx} context and its function. {@code av_tx_init} writes the function pointer through its
     * {@code av_tx_fn *} argument; JavaCPP calls a function pointer stored at a {@link av_tx_fn}'s address, so the
     * function object is made over that one-slot storage.
     */
    private static final class Transform {
        private final PointerPointer<AVTXContext> context = new PointerPointer<>(1);
        private final PointerPointer<Pointer> fnSlot = new PointerPointer<>(1);
        private final av_tx_fn fn = new av_tx_fn(fnSlot);
        private final AVTXContext ctx;

        Transform(int n, boolean inverse, float scale) {
            int r;
            try (FloatPointer s = new FloatPointer(1L).put(scale)) {
                r = avutil.av_tx_init(context, fn, avutil.AV_TX_FLOAT_RDFT, inverse ? 1 : 0, n, s, 0);
            }
            if (r < 0 || context.get(0) == null || fnSlot.get(0) == null) {
                avutil.av_tx_uninit(context);
                context.close();
                fnSlot.close();
                throw new IllegalArgumentException("FFmpeg cannot make a " + n + "-point real FFT (error " + r + ")");
            }
            ctx = new AVTXContext(context.get(0));
        }

        void run(Pointer dst, Pointer src, long stride) {
            fn.call(ctx, dst, src, stride);
        }

        void close() {
            avutil.av_tx_uninit(context);
            context.close();
            fnSlot.close();
        }
    }
}
