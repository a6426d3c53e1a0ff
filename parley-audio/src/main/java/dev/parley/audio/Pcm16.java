package dev.parley.audio;

import java.util.Objects;

/**
 * Signed 16-bit little-endian PCM ({@code s16le}) conversions.
 *
 * <p>Scaling: a sample {@code s} decodes to {@code s / 32768f}, so decoded values lie in {@code [-1, 1)}.
 * Encoding multiplies by 32768, rounds half away from zero and clamps to {@code [-32768, 32767]}; values
 * outside {@code [-1, 1]} and NaN (encoded as 0) never wrap. Every 16-bit value survives
 * decode-then-encode exactly.
 *
 * <p>Threading and buffers: all methods are static, stateless and thread-safe. Methods that return an array
 * allocate a new one owned by the caller; methods that take a destination write only the stated range and
 * keep no reference to any argument. Byte counts must be even: a trailing odd byte is an
 * {@link IllegalArgumentException} (the caller keeps partial samples for the next chunk).
 */
public final class Pcm16 {
    private static final float SCALE = 1f / 32768f;

    private Pcm16() {}

    /** One 16-bit sample as a float in {@code [-1, 1)}. */
    public static float toFloat(short sample) {
        return sample * SCALE;
    }

    /** One float sample as 16-bit, rounded and clamped (NaN becomes 0). */
    public static short toShort(float sample) {
        float v = sample * 32768f;
        if (v >= 32767f) return Short.MAX_VALUE;
        if (v <= -32768f) return Short.MIN_VALUE;
        if (v != v) return 0; // NaN
        return (short) (v < 0 ? v - 0.5f : v + 0.5f);
    }

    /** Decodes a whole s16le buffer to floats. */
    public static float[] toFloat(byte[] pcm) {
        return toFloat(pcm, 0, pcm.length);
    }

    /** Decodes {@code length} bytes (even) of s16le starting at {@code offset} to a new float array. */
    public static float[] toFloat(byte[] pcm, int offset, int length) {
        checkEven(length);
        Objects.checkFromIndexSize(offset, length, pcm.length);
        float[] out = new float[length >> 1];
        toFloat(pcm, offset, out, 0, out.length);
        return out;
    }

    /** Decodes {@code samples} samples from {@code src[srcOffset..]} into {@code dst[dstOffset..]}. */
    public static void toFloat(byte[] src, int srcOffset, float[] dst, int dstOffset, int samples) {
        Objects.checkFromIndexSize(srcOffset, samples * 2, src.length);
        Objects.checkFromIndexSize(dstOffset, samples, dst.length);
        for (int i = 0, j = srcOffset; i < samples; i++, j += 2) {
            dst[dstOffset + i] = (short) ((src[j] & 0xFF) | (src[j + 1] << 8)) * SCALE;
        }
    }

    /** Encodes floats to a new s16le buffer of {@code 2 * samples.length} bytes. */
    public static byte[] fromFloat(float[] samples) {
        return fromFloat(samples, 0, samples.length);
    }

    /** Encodes {@code count} floats starting at {@code offset} to a new s16le buffer. */
    public static byte[] fromFloat(float[] samples, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, samples.length);
        byte[] out = new byte[count * 2];
        fromFloat(samples, offset, out, 0, count);
        return out;
    }

    /** Encodes {@code count} floats from {@code src[srcOffset..]} into {@code dst[dstOffset..]} as s16le. */
    public static void fromFloat(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count * 2, dst.length);
        for (int i = 0, j = dstOffset; i < count; i++, j += 2) {
            short s = toShort(src[srcOffset + i]);
            dst[j] = (byte) s;
            dst[j + 1] = (byte) (s >> 8);
        }
    }

    /** Decodes a whole s16le buffer to shorts. */
    public static short[] toShorts(byte[] pcm) {
        return toShorts(pcm, 0, pcm.length);
    }

    /** Decodes {@code length} bytes (even) of s16le starting at {@code offset} to shorts. */
    public static short[] toShorts(byte[] pcm, int offset, int length) {
        checkEven(length);
        Objects.checkFromIndexSize(offset, length, pcm.length);
        short[] out = new short[length >> 1];
        for (int i = 0, j = offset; i < out.length; i++, j += 2) {
            out[i] = (short) ((pcm[j] & 0xFF) | (pcm[j + 1] << 8));
        }
        return out;
    }

    /** Encodes shorts to a new s16le buffer. */
    public static byte[] fromShorts(short[] samples) {
        return fromShorts(samples, 0, samples.length);
    }

    /** Encodes {@code count} shorts starting at {@code offset} to a new s16le buffer. */
    public static byte[] fromShorts(short[] samples, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, samples.length);
        byte[] out = new byte[count * 2];
        for (int i = 0, j = 0; i < count; i++, j += 2) {
            short s = samples[offset + i];
            out[j] = (byte) s;
            out[j + 1] = (byte) (s >> 8);
        }
        return out;
    }

    /**
     * Interleaves equal-length channels ({@code [c][frame]}) into one array ({@code frame * channels + c}).
     *
     * @throws IllegalArgumentException if there are no channels or their lengths differ
     */
    public static float[] interleave(float[][] channels) {
        int n = checkChannels(channels);
        int c = channels.length;
        if (c == 1) return channels[0].clone();
        float[] out = new float[n * c];
        for (int ch = 0; ch < c; ch++) {
            float[] src = channels[ch];
            for (int i = 0, j = ch; i < n; i++, j += c) out[j] = src[i];
        }
        return out;
    }

    /**
     * Splits interleaved samples into {@code channels} arrays. A trailing partial frame is an error.
     *
     * @throws IllegalArgumentException if {@code channels < 1} or the length is not a multiple of it
     */
    public static float[][] deinterleave(float[] interleaved, int channels) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(
                    interleaved.length + " samples is not a whole number of " + channels + "-channel frames");
        }
        int n = interleaved.length / channels;
        float[][] out = new float[channels][n];
        for (int ch = 0; ch < channels; ch++) {
            float[] dst = out[ch];
            for (int i = 0, j = ch; i < n; i++, j += channels) dst[i] = interleaved[j];
        }
        return out;
    }

    /** Decodes interleaved s16le bytes with {@code channels} channels to per-channel float arrays. */
    public static float[][] toFloatChannels(byte[] pcm, int channels) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (pcm.length % (2 * channels) != 0) {
            throw new IllegalArgumentException(
                    pcm.length + " bytes is not a whole number of " + channels + "-channel 16-bit frames");
        }
        return deinterleave(toFloat(pcm), channels);
    }

    /** Encodes per-channel floats to interleaved s16le bytes. */
    public static byte[] fromFloatChannels(float[][] channels) {
        checkChannels(channels);
        return channels.length == 1 ? fromFloat(channels[0]) : fromFloat(interleave(channels));
    }

    static int checkChannels(float[][] channels) {
        if (channels.length == 0) throw new IllegalArgumentException("at least one channel is required");
        int n = channels[0].length;
        for (float[] ch : channels) {
            if (ch.length != n) throw new IllegalArgumentException("channels have different lengths");
        }
        return n;
    }

    private static void checkEven(int length) {
        if ((length & 1) != 0) {
            throw new IllegalArgumentException("16-bit PCM needs an even number of bytes, got " + length);
        }
    }
}
