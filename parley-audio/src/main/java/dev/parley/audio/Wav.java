package dev.parley.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RIFF/WAVE reading and 16-bit PCM writing, in pure Java.
 *
 * <p>Reading accepts chunks in any order (a {@code LIST}, {@code fact}, {@code bext}, {@code JUNK} ... before
 * or after {@code fmt }/{@code data} is skipped), odd-sized chunks with their pad byte, {@code RF64} with a
 * {@code ds64} chunk, and these encodings: PCM 8-bit (unsigned), 16, 24 and 32-bit; IEEE float 32 and
 * 64-bit; G.711 A-law and µ-law; any of these inside {@code WAVE_FORMAT_EXTENSIBLE}. Any channel count up to
 * 64. Other encodings (ADPCM, GSM, ...) are rejected with an {@link AudioFormatException} naming the format
 * tag: use {@link AudioFiles#decode(byte[])} (FFmpeg; it falls back by itself) for those.
 *
 * <p>Truncation: a {@code data} chunk that claims more bytes than the file holds (a cut-off upload, or a
 * streamed WAV whose size is {@code 0xFFFFFFFF}) yields the whole frames that are present; a trailing partial
 * frame is dropped. A file cut off before its {@code fmt } or {@code data} chunk, or a {@code fmt } chunk cut
 * short, is an {@link AudioFormatException}. No input makes the reader throw anything else.
 *
 * <p>Writing produces canonical 44-byte-header 16-bit PCM files. {@link #streamingHeader(int, int)} gives a
 * header with unknown length ({@code 0xFFFFFFFF} sizes) to start a chunked HTTP response, followed by raw
 * s16le data.
 *
 * <p>Threading and buffers: stateless and thread-safe; inputs are not retained, outputs are new arrays.
 */
public final class Wav {
    /** Size of the canonical header written by this class. */
    public static final int HEADER_BYTES = 44;
    private static final long UNKNOWN = 0xFFFFFFFFL;
    private static final int TAG_PCM = 1, TAG_FLOAT = 3, TAG_ALAW = 6, TAG_MULAW = 7, TAG_EXTENSIBLE = 0xFFFE;

    private Wav() {}

    /** True if {@code bytes} start with a RIFF/RF64 ... WAVE signature. */
    public static boolean isWav(byte[] bytes) {
        return bytes.length >= 12 && (fourCc(bytes, 0).equals("RIFF") || fourCc(bytes, 0).equals("RF64"))
                && fourCc(bytes, 8).equals("WAVE");
    }

    /** Reads a WAV file from disk (see {@link #read(byte[])}). */
    public static AudioClip read(Path file) {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a complete WAV file held in memory.
     *
     * @throws AudioFormatException if the bytes are not a WAV file this reader understands
     */
    public static AudioClip read(byte[] wav) {
        int len = wav.length;
        if (len < 12 || !isWav(wav)) {
            if (len >= 4 && (fourCc(wav, 0).equals("RIFF") || fourCc(wav, 0).equals("RF64")) && len < 12) {
                throw new AudioFormatException("truncated WAV: " + len + " bytes, the RIFF header needs 12");
            }
            throw new AudioFormatException("not a WAV file (no RIFF/WAVE header)");
        }
        boolean rf64 = fourCc(wav, 0).equals("RF64");
        long ds64DataSize = -1;
        int fmtOff = -1, fmtLen = 0;
        int dataOff = -1;
        long dataLen = 0;
        int pos = 12;
        while (len - pos >= 8) {
            String id = fourCc(wav, pos);
            long size = u32(wav, pos + 4);
            int body = pos + 8;
            long available = len - body;
            switch (id) {
                case "fmt " -> {
                    if (size < 16) throw new AudioFormatException("WAV fmt chunk too small: " + size + " bytes");
                    if (size > available) {
                        throw new AudioFormatException("truncated WAV: the fmt chunk is cut off");
                    }
                    fmtOff = body;
                    fmtLen = (int) size;
                }
                case "ds64" -> {
                    if (rf64 && size >= 24 && available >= 24) ds64DataSize = u64(wav, body + 8);
                }
                case "data" -> {
                    if (dataOff < 0) {
                        dataOff = body;
                        long declared = (rf64 && size == UNKNOWN && ds64DataSize >= 0) ? ds64DataSize : size;
                        dataLen = Math.min(declared, available); // cut-off or streamed: keep what is there
                        if (declared > available) {
                            pos = len;
                            continue;
                        }
                    }
                }
                default -> { /* LIST, fact, JUNK, bext, cue ... : skipped */ }
            }
            long next = body + size + (size & 1);
            if (next > len) break;
            pos = (int) next;
        }
        if (fmtOff < 0) {
            throw new AudioFormatException(dataOff < 0
                    ? "truncated or invalid WAV: no fmt and no data chunk"
                    : "invalid WAV: no fmt chunk (or it is cut off)");
        }
        if (dataOff < 0) throw new AudioFormatException("invalid or truncated WAV: no data chunk");
        return decodeData(wav, fmtOff, fmtLen, dataOff, (int) dataLen);
    }

    private static AudioClip decodeData(byte[] b, int fmt, int fmtLen, int dataOff, int dataLen) {
        int tag = u16(b, fmt);
        int channels = u16(b, fmt + 2);
        long rate = u32(b, fmt + 4);
        int blockAlign = u16(b, fmt + 12);
        int bits = u16(b, fmt + 14);
        if (tag == TAG_EXTENSIBLE) {
            if (fmtLen < 40) throw new AudioFormatException("WAV extensible fmt chunk too small: " + fmtLen + " bytes");
            tag = u16(b, fmt + 24); // first two bytes of the sub-format GUID
        }
        if (channels < 1 || channels > 64) throw new AudioFormatException("unsupported WAV channel count " + channels);
        if (rate < 1 || rate > 1_000_000) throw new AudioFormatException("unsupported WAV sample rate " + rate);
        Sample kind = switch (tag) {
            case TAG_PCM -> switch (bits) {
                case 8 -> Sample.U8;
                case 16 -> Sample.S16;
                case 24 -> Sample.S24;
                case 32 -> Sample.S32;
                default -> throw new AudioFormatException("unsupported WAV PCM bit depth " + bits);
            };
            case TAG_FLOAT -> switch (bits) {
                case 32 -> Sample.F32;
                case 64 -> Sample.F64;
                default -> throw new AudioFormatException("unsupported WAV float bit depth " + bits);
            };
            case TAG_ALAW -> Sample.ALAW;
            case TAG_MULAW -> Sample.ULAW;
            default -> throw new AudioFormatException(String.format(
                    "unsupported WAV encoding (format tag 0x%04X); only PCM, IEEE float, A-law and µ-law", tag));
        };
        int frameBytes = kind.bytes * channels;
        if (blockAlign != frameBytes) {
            throw new AudioFormatException("invalid WAV: block align " + blockAlign + " does not match "
                    + channels + " channels of " + kind.bytes + " bytes");
        }
        int frames = dataLen / frameBytes;
        float[][] out = new float[channels][frames];
        int p = dataOff;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++, p += kind.bytes) out[c][i] = kind.read(b, p);
        }
        return new AudioClip((int) rate, out);
    }

    private enum Sample {
        U8(1), S16(2), S24(3), S32(4), F32(4), F64(8), ALAW(1), ULAW(1);
        final int bytes;

        Sample(int bytes) {
            this.bytes = bytes;
        }

        float read(byte[] b, int p) {
            return switch (this) {
                case U8 -> ((b[p] & 0xFF) - 128) / 128f;
                case S16 -> (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768f;
                case S24 -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) / 8388608f;
                case S32 -> (float) (((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16)
                        | (b[p + 3] << 24)) / 2147483648.0);
                case F32 -> Float.intBitsToFloat((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8)
                        | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24));
                case F64 -> (float) Double.longBitsToDouble(u64(b, p));
                case ALAW -> G711.ALAW.decodeFloat(b[p]);
                case ULAW -> G711.ULAW.decodeFloat(b[p]);
            };
        }
    }

    /** Encodes a clip as a 16-bit PCM WAV file (samples clamped to [-1, 1]). */
    public static byte[] write(AudioClip clip) {
        byte[] pcm = Pcm16.fromFloatChannels(clip.channels());
        return wrapPcm16(pcm, clip.sampleRate(), clip.channelCount());
    }

    /** Encodes mono samples as a 16-bit PCM WAV file. */
    public static byte[] write(float[] mono, int sampleRate) {
        return wrapPcm16(Pcm16.fromFloat(mono), sampleRate, 1);
    }

    /** Prefixes interleaved s16le bytes with a canonical header; the result is a complete WAV file. */
    public static byte[] wrapPcm16(byte[] pcm, int sampleRate, int channels) {
        if (pcm.length % (2 * channels) != 0) {
            throw new IllegalArgumentException(pcm.length + " bytes is not a whole number of 16-bit "
                    + channels + "-channel frames");
        }
        byte[] out = new byte[HEADER_BYTES + pcm.length];
        writeHeader(out, sampleRate, channels, pcm.length, pcm.length + 36L);
        System.arraycopy(pcm, 0, out, HEADER_BYTES, pcm.length);
        return out;
    }

    /** A canonical 44-byte 16-bit PCM header for {@code dataBytes} bytes of s16le data. */
    public static byte[] header(int sampleRate, int channels, long dataBytes) {
        if (dataBytes < 0 || dataBytes > UNKNOWN - 36) {
            throw new IllegalArgumentException("data size out of WAV range: " + dataBytes);
        }
        byte[] out = new byte[HEADER_BYTES];
        writeHeader(out, sampleRate, channels, dataBytes, dataBytes + 36);
        return out;
    }

    /**
     * A 44-byte 16-bit PCM header whose RIFF and data sizes are {@code 0xFFFFFFFF} ("unknown"), for streamed
     * output of unknown length; this reader, FFmpeg and browsers read such a stream to its end.
     */
    public static byte[] streamingHeader(int sampleRate, int channels) {
        byte[] out = new byte[HEADER_BYTES];
        writeHeader(out, sampleRate, channels, UNKNOWN, UNKNOWN);
        return out;
    }

    private static void writeHeader(byte[] h, int sampleRate, int channels, long dataBytes, long riffBytes) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
        if (channels < 1 || channels > 64) throw new IllegalArgumentException("channels must be 1..64, got " + channels);
        putAscii(h, 0, "RIFF");
        putU32(h, 4, riffBytes);
        putAscii(h, 8, "WAVE");
        putAscii(h, 12, "fmt ");
        putU32(h, 16, 16);
        putU16(h, 20, TAG_PCM);
        putU16(h, 22, channels);
        putU32(h, 24, sampleRate);
        putU32(h, 28, (long) sampleRate * channels * 2);
        putU16(h, 32, channels * 2);
        putU16(h, 34, 16);
        putAscii(h, 36, "data");
        putU32(h, 40, dataBytes);
    }

    private static String fourCc(byte[] b, int p) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) c[i] = (char) (b[p + i] & 0xFF);
        return new String(c);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int p) {
        return (u16(b, p) | ((long) u16(b, p + 2) << 16)) & UNKNOWN;
    }

    private static long u64(byte[] b, int p) {
        return u32(b, p) | (u32(b, p + 4) << 32);
    }

    private static void putAscii(byte[] b, int p, String s) {
        for (int i = 0; i < 4; i++) b[p + i] = (byte) s.charAt(i);
    }

    private static void putU16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
    }

    private static void putU32(byte[] b, int p, long v) {
        putU16(b, p, (int) v);
        putU16(b, p + 2, (int) (v >> 16));
    }
}
