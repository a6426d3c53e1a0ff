package dev.parley.audio;

import java.util.Objects;

/**
 * ITU-T G.711 companding: {@link #ULAW µ-law} (North America, Japan; {@code audio/pcmu}) and
 * {@link #ALAW A-law} (Europe; {@code audio/pcma}). One byte per sample.
 *
 * <p>Decoding is a 256-entry table; encoding is a few bit operations (no table), both branch-light and
 * allocation-free in the array variants that take a destination.
 *
 * <p>Exact behaviour (tested for all 65536 inputs and all 256 codes against {@code javax.sound.sampled}):
 * <ul>
 *   <li>Decode tables equal {@code javax.sound}'s for both laws.</li>
 *   <li>µ-law encode is the classic 16-bit formulation (bias 0x84 on the magnitude) used by
 *       {@code javax.sound}; unlike {@code javax.sound}, samples beyond the clip level ±32635 encode to the
 *       loudest code instead of overflowing to silence.</li>
 *   <li>A-law encode follows ITU-T G.191 ({@code alaw_compress}: ones' complement for negative samples), as
 *       FFmpeg's {@code pcm_alaw} does. {@code javax.sound} rounds negative samples 7 LSB differently and
 *       encodes −7..−1 as −248; this class does not copy that.</li>
 * </ul>
 *
 * <p>Float samples use {@link Pcm16} scaling (16-bit value / 32768).
 *
 * <p>Threading and buffers: stateless and thread-safe. Returned arrays are new and owned by the caller;
 * no argument is retained.
 */
public enum G711 {
    /** µ-law (G.711 PCMU). */
    ULAW {
        @Override
        public byte encode(short sample) {
            int s = sample;
            int mask;
            int mag;
            if (s < 0) {
                mag = -s;
                mask = 0x7F;
            } else {
                mag = s;
                mask = 0xFF;
            }
            if (mag > ULAW_CLIP) mag = ULAW_CLIP;
            mag += ULAW_BIAS; // 132..32767: highest set bit 7..14
            int seg = 24 - Integer.numberOfLeadingZeros(mag); // 31 - nlz - 7
            return (byte) (((seg << 4) | ((mag >> (seg + 3)) & 0xF)) ^ mask);
        }

        @Override
        short[] table() {
            return ULAW_DECODE;
        }
    },
    /** A-law (G.711 PCMA). */
    ALAW {
        @Override
        public byte encode(short sample) {
            int s = sample;
            int ix = s < 0 ? (~s) >> 4 : s >> 4; // 0..2047
            if (ix > 15) {
                int exp = 28 - Integer.numberOfLeadingZeros(ix); // floor(log2(ix)) - 3, 1..7
                ix = (exp << 4) | ((ix >> (exp - 1)) & 0xF);
            }
            if (s >= 0) ix |= 0x80;
            return (byte) (ix ^ 0x55);
        }

        @Override
        short[] table() {
            return ALAW_DECODE;
        }
    };

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    private static final float[] ULAW_FLOAT = new float[256];
    private static final float[] ALAW_FLOAT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int t = ((u & 0x0F) << 3) + ULAW_BIAS;
            t <<= (u & 0x70) >> 4;
            ULAW_DECODE[i] = (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);

            int a = i ^ 0x55;
            int seg = (a & 0x70) >> 4;
            int v = ((a & 0x0F) << 4) + 8;
            if (seg >= 1) v += 0x100;
            if (seg > 1) v <<= seg - 1;
            ALAW_DECODE[i] = (short) ((a & 0x80) == 0 ? -v : v);

            ULAW_FLOAT[i] = ULAW_DECODE[i] / 32768f;
            ALAW_FLOAT[i] = ALAW_DECODE[i] / 32768f;
        }
    }

    /** Encodes one 16-bit sample to its code. */
    public abstract byte encode(short sample);

    abstract short[] table();

    private float[] floatTable() {
        return this == ULAW ? ULAW_FLOAT : ALAW_FLOAT;
    }

    /** Decodes one code to a 16-bit sample. */
    public short decode(byte code) {
        return table()[code & 0xFF];
    }

    /** Decodes one code to a float in {@code [-1, 1)}. */
    public float decodeFloat(byte code) {
        return floatTable()[code & 0xFF];
    }

    /** Encodes one float sample (rounded and clamped as {@link Pcm16#toShort(float)}). */
    public byte encode(float sample) {
        return encode(Pcm16.toShort(sample));
    }

    /** Encodes 16-bit samples to a new code array. */
    public byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) out[i] = encode(samples[i]);
        return out;
    }

    /** Encodes float samples to a new code array. */
    public byte[] encode(float[] samples) {
        byte[] out = new byte[samples.length];
        encode(samples, 0, out, 0, samples.length);
        return out;
    }

    /** Encodes {@code count} floats from {@code src[srcOffset..]} into {@code dst[dstOffset..]}. */
    public void encode(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) dst[dstOffset + i] = encode(Pcm16.toShort(src[srcOffset + i]));
    }

    /** Decodes codes to new 16-bit samples. */
    public short[] decode(byte[] codes) {
        short[] t = table();
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = t[codes[i] & 0xFF];
        return out;
    }

    /** Decodes codes to new float samples. */
    public float[] decodeFloat(byte[] codes) {
        float[] out = new float[codes.length];
        decode(codes, 0, out, 0, codes.length);
        return out;
    }

    /** Decodes {@code count} codes from {@code src[srcOffset..]} into floats at {@code dst[dstOffset..]}. */
    public void decode(byte[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        float[] t = floatTable();
        for (int i = 0; i < count; i++) dst[dstOffset + i] = t[src[srcOffset + i] & 0xFF];
    }

    /** Transcodes s16le PCM bytes (even length) to codes, one byte per sample. */
    public byte[] fromPcm16(byte[] pcm) {
        if ((pcm.length & 1) != 0) {
            throw new IllegalArgumentException("16-bit PCM needs an even number of bytes, got " + pcm.length);
        }
        byte[] out = new byte[pcm.length >> 1];
        for (int i = 0, j = 0; i < out.length; i++, j += 2) {
            out[i] = encode((short) ((pcm[j] & 0xFF) | (pcm[j + 1] << 8)));
        }
        return out;
    }

    /** Transcodes codes to s16le PCM bytes, two bytes per code. */
    public byte[] toPcm16(byte[] codes) {
        short[] t = table();
        byte[] out = new byte[codes.length * 2];
        for (int i = 0, j = 0; i < codes.length; i++, j += 2) {
            short s = t[codes[i] & 0xFF];
            out[j] = (byte) s;
            out[j + 1] = (byte) (s >> 8);
        }
        return out;
    }
}
