package dev.parley.audio;

import dev.parley.audio.internal.PolyphaseBank;
import java.util.Arrays;
import java.util.Objects;

/**
 * Sample-rate converter: polyphase Kaiser-windowed sinc with an exact rational ratio {@code L/M}
 * ({@code L = to/gcd}, {@code M = from/gcd}). Pure Java, for the per-frame hot path.
 *
 * <p>Quality, in terms of the lower rate {@code f_low} of the pair: flat (measured within ±0.05 dB) to
 * {@code 0.9 * f_low/2}, at least 70 dB down from {@code f_low/2} up (no aliasing from above the output
 * Nyquist when decimating, no images when interpolating; tests hold every pair to ±0.5 dB and 50 dB). Zero delay: output sample {@code m} is aligned with input
 * time {@code m / toHz}; the one-shot output of {@code n} input samples has {@code ceil(n * to / from)}
 * samples.
 *
 * <p>Streaming: {@link #process} may be fed chunks of any size (including 0); it returns every output sample
 * whose inputs are known, holding back {@link #lookahead()} input samples of context. {@link #flush()} pads
 * the end with silence, returns the tail and resets the instance for a new stream. The concatenation of all
 * chunk outputs plus the flush is bit-for-bit equal to {@link #resample(float[], int, int)} of the whole
 * input. Equal rates are an exact copy.
 *
 * <p>Any pair of positive rates whose reduced {@code L} is at most 4096 is accepted, which includes every
 * pair of 8000, 11025, 16000, 22050, 24000, 32000, 44100 and 48000 Hz. Coefficients are designed once per
 * pair and shared (immutable) between instances.
 *
 * <p>Threading: an instance is not thread-safe; use one per stream from one thread at a time (the static
 * method is thread-safe). Buffers: input arrays are read during the call and never retained; returned arrays
 * are new and owned by the caller; the destination variants write only the returned count. After warm-up the
 * destination variants allocate nothing (the internal history buffer only grows when a chunk is larger than
 * any before).
 */
public final class Resampler {
    private static final int SLICE = 1 << 15;
    private final int fromHz;
    private final int toHz;
    private final PolyphaseBank bank; // null when identity

    private float[] buf;      // input history: buf[0] is absolute input index bufStart
    private int bufLen;
    private long bufStart;
    private long totalIn;     // input samples received since the stream began
    private long emitted;     // output samples produced since the stream began
    private long n0;          // integer input position of the next output
    private int phase;        // fractional position of the next output, in 1/L

    /**
     * A streaming resampler from {@code fromHz} to {@code toHz}.
     *
     * @throws IllegalArgumentException if a rate is not positive or the pair needs more than 4096 phases
     */
    public Resampler(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException("sample rates must be > 0, got " + fromHz + " -> " + toHz);
        }
        this.fromHz = fromHz;
        this.toHz = toHz;
        this.bank = fromHz == toHz ? null : PolyphaseBank.of(fromHz, toHz);
        this.buf = new float[bank == null ? 0 : 4 * bank.taps + 1024];
        reset();
    }

    /**
     * Whether a resampler from {@code fromHz} to {@code toHz} can be made: both positive and the pair needing at most
     * 4096 polyphase phases ({@code toHz / gcd(fromHz, toHz)}). Every common audio rate converts to every other; an
     * exotic file rate (1 Hz, 44,101 Hz to 16 kHz) does not. Pure; thread-safe.
     */
    public static boolean supports(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) return false;
        return fromHz == toHz || toHz / java.math.BigInteger.valueOf(fromHz).gcd(java.math.BigInteger.valueOf(toHz))
                .intValue() <= dev.parley.audio.internal.PolyphaseBank.MAX_PHASES;
    }

    /** Resamples a whole signal in one call (zero-padded at both ends). Thread-safe; returns a new array. */
    public static float[] resample(float[] in, int fromHz, int toHz) {
        Objects.requireNonNull(in, "in");
        Resampler r = new Resampler(fromHz, toHz);
        if (r.bank == null) return in.clone();
        float[] out = new float[Math.toIntExact(Math.ceilDiv((long) in.length * r.bank.up, (long) r.bank.down))];
        int n = 0;
        for (int off = 0; off < in.length; off += SLICE) { // slices keep the history buffer small
            n += r.process(in, off, Math.min(SLICE, in.length - off), out, n);
        }
        r.flush(out, n);
        return out;
    }

    public int fromHz() {
        return fromHz;
    }

    public int toHz() {
        return toHz;
    }

    /** Input samples of look-ahead context held back before an output can be produced (0 for identity). */
    public int lookahead() {
        return bank == null ? 0 : bank.half;
    }

    /** Discards all state and starts a new stream. */
    public void reset() {
        totalIn = 0;
        emitted = 0;
        n0 = 0;
        phase = 0;
        if (bank != null) {
            int pre = bank.half - 1; // silence before the first sample
            Arrays.fill(buf, 0, pre, 0f);
            bufLen = pre;
            bufStart = -pre;
        }
    }

    /** Exactly how many samples the next {@code process} call with {@code inputSamples} samples returns. */
    public int outputSize(int inputSamples) {
        if (inputSamples < 0) throw new IllegalArgumentException("negative input size " + inputSamples);
        if (bank == null) return inputSamples;
        long avail = totalIn + inputSamples - bank.half; // outputs need n0 + H <= totalIn - 1
        if (avail <= 0) return 0;
        long end = Math.ceilDiv(avail * bank.up, (long) bank.down);
        return (int) Math.max(0, end - emitted);
    }

    /** Exactly how many samples {@link #flush()} would return now. */
    public int flushSize() {
        if (bank == null) return 0;
        return (int) (Math.ceilDiv(totalIn * bank.up, (long) bank.down) - emitted);
    }

    /** Resamples the next chunk; returns a new array (possibly empty). */
    public float[] process(float[] chunk) {
        return process(chunk, 0, chunk.length);
    }

    /** Resamples {@code length} samples of {@code chunk} from {@code offset}; returns a new array. */
    public float[] process(float[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        float[] out = new float[outputSize(length)];
        process(chunk, offset, length, out, 0);
        return out;
    }

    /**
     * Resamples {@code length} samples of {@code in} from {@code offset} into {@code out} from
     * {@code outOffset}, which must have room for {@link #outputSize(int) outputSize(length)} samples.
     *
     * @return the number of samples written
     * @throws IndexOutOfBoundsException if {@code out} is too small (nothing is consumed then)
     */
    public int process(float[] in, int offset, int length, float[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        int count = outputSize(length);
        Objects.checkFromIndexSize(outOffset, count, out.length);
        if (bank == null) {
            System.arraycopy(in, offset, out, outOffset, length);
            totalIn += length;
            emitted += length;
            return length;
        }
        append(in, offset, length);
        totalIn += length;
        produce(out, outOffset, count);
        compact();
        return count;
    }

    /** Ends the stream: returns the remaining output (input padded with silence) and resets. */
    public float[] flush() {
        float[] out = new float[flushSize()];
        flush(out, 0);
        return out;
    }

    /**
     * Ends the stream into {@code out} from {@code outOffset} (room for {@link #flushSize()} samples needed)
     * and resets.
     *
     * @return the number of samples written
     */
    public int flush(float[] out, int outOffset) {
        int count = flushSize();
        Objects.checkFromIndexSize(outOffset, count, out.length);
        if (bank != null && count > 0) {
            int pad = bank.half + 1;
            ensureCapacity(bufLen + pad);
            Arrays.fill(buf, bufLen, bufLen + pad, 0f);
            bufLen += pad;
            produce(out, outOffset, count);
        }
        reset();
        return count;
    }

    private void append(float[] in, int offset, int length) {
        ensureCapacity(bufLen + length);
        System.arraycopy(in, offset, buf, bufLen, length);
        bufLen += length;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }

    private void produce(float[] out, int outOffset, int count) {
        final PolyphaseBank b = bank;
        final float[][] phases = b.phases;
        final float[] x = buf;
        final int taps = b.taps;
        final int up = b.up;
        final int stepWhole = b.stepWhole;
        final int stepFrac = b.stepFrac;
        int p = phase;
        int base = (int) (n0 - b.half + 1 - bufStart); // buffer index of the first tap
        for (int m = 0; m < count; m++) {
            final float[] c = phases[p];
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0, k = base; j < taps; j += 4, k += 4) {
                a0 += c[j] * x[k];
                a1 += c[j + 1] * x[k + 1];
                a2 += c[j + 2] * x[k + 2];
                a3 += c[j + 3] * x[k + 3];
            }
            out[outOffset + m] = (a0 + a1) + (a2 + a3);
            base += stepWhole;
            p += stepFrac;
            if (p >= up) {
                p -= up;
                base++;
            }
        }
        phase = p;
        n0 = base + bufStart + b.half - 1;
        emitted += count;
    }

    private void compact() {
        long keepFrom = Math.min(n0 - bank.half + 1, bufStart + bufLen);
        int drop = (int) (keepFrom - bufStart);
        if (drop <= 0) return;
        System.arraycopy(buf, drop, buf, 0, bufLen - drop);
        bufLen -= drop;
        bufStart = keepFrom;
    }
}
