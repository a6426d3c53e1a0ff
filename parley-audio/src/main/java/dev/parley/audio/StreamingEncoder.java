package dev.parley.audio;

import dev.parley.audio.internal.FfmpegExecutor;
import dev.parley.audio.internal.FfmpegStreamEncoder;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * Streaming mono encoder (FFmpeg) for chunked responses: feed float chunks, get the container bytes completed so
 * far, {@link #finish()} for the tail. The concatenation of every returned array is one playable stream of the
 * {@link Format}. Input is buffered to the codec's frame size (Opus 20 ms, AAC 1024 samples, FLAC 4096, MP3 1152),
 * so a call may return nothing; the Ogg muxer is flushed after every call, so no complete frame is held back.
 *
 * <p>Samples: NaN reads as silence and values are clamped to [-1, 1]; an empty chunk is allowed. {@link #finish()}
 * without any samples returns a valid stream of no audio: the container header alone (Ogg Opus: OpusHead and
 * OpusTags pages; FLAC: {@code fLaC} and STREAMINFO) or no bytes at all (ADTS and raw MP3 have no header).
 *
 * <p>Create with {@link #open}; always {@link #close()} (or {@link #finish()}), since it holds native memory (a
 * cleaner frees a forgotten one). Threading: not thread-safe, one caller at a time. The native work runs on
 * parley-audio's FFmpeg pool; calls block (park) until it is done, so virtual threads may call. Buffers: the input
 * is copied before the call returns; returned arrays belong to the caller.
 */
public final class StreamingEncoder implements AutoCloseable {
    /** Codec and container. */
    public enum Format {
        /** libmp3lame, raw MPEG audio frames (no ID3 or Xing header); 8..48 kHz MPEG rates. */
        MP3("MP3", "libmp3lame", false, true, null, 128000),
        /** libopus in Ogg (RFC 7845); input at 8, 12, 16, 24 or 48 kHz, decoders output 48 kHz. */
        OGG_OPUS("Opus", "libopus", false, false, "ogg", 64000),
        /** FFmpeg's native AAC-LC encoder in ADTS frames (each frame starts with the 0xFFF sync word). */
        AAC_ADTS("AAC", "aac", false, true, "adts", 64000),
        /** FLAC, 16-bit, native FLAC stream ({@code fLaC} marker and STREAMINFO; total length left unknown). */
        FLAC("FLAC", "flac", true, false, "flac", 0);

        private final String label;
        private final String codec;
        private final boolean s16;
        private final boolean planar;
        private final String muxer;
        private final int defaultBitRate;

        Format(String label, String codec, boolean s16, boolean planar, String muxer, int defaultBitRate) {
            this.label = label;
            this.codec = codec;
            this.s16 = s16;
            this.planar = planar;
            this.muxer = muxer;
            this.defaultBitRate = defaultBitRate;
        }

        /** The bit rate {@link #open(Format, int)} uses (0 for lossless FLAC). */
        public int defaultBitRate() {
            return defaultBitRate;
        }
    }

    private static final Cleaner CLEANER = Cleaner.create();
    private final Format format;
    private final FfmpegStreamEncoder encoder;
    private final Cleaner.Cleanable cleanable;
    private boolean done;

    private StreamingEncoder(Format format, int sampleRate, int bitRate) {
        this.format = format;
        FfmpegStreamEncoder e = FfmpegExecutor.call(() -> new FfmpegStreamEncoder(format.codec, format.s16,
                format.planar, format.muxer, sampleRate, bitRate, format.label));
        this.encoder = e;
        // Safety net for a forgotten close(): free the native encoder on the FFmpeg pool.
        this.cleanable = CLEANER.register(this, () -> FfmpegExecutor.executeQuietly(e::free));
    }

    /** An encoder at the format's default bit rate. */
    public static StreamingEncoder open(Format format, int sampleRate) {
        return open(format, sampleRate, format.defaultBitRate);
    }

    /**
     * An encoder of {@code format} for mono audio at {@code sampleRate}.
     *
     * @param bitRate bits per second (ignored by FLAC)
     * @throws IllegalArgumentException if the codec cannot take that rate or bit rate
     */
    public static StreamingEncoder open(Format format, int sampleRate, int bitRate) {
        Objects.requireNonNull(format, "format");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        if (bitRate < 0) throw new IllegalArgumentException("bit rate must not be negative, got " + bitRate);
        return new StreamingEncoder(format, sampleRate, format == Format.FLAC ? 0 : bitRate);
    }

    /** The format. */
    public Format format() {
        return format;
    }

    /** Encodes a chunk; returns the bytes ready now (the first call also returns the container header). */
    public byte[] encode(float[] samples) {
        return encode(samples, 0, samples.length);
    }

    /** Encodes {@code length} samples from {@code offset}; returns the bytes ready now. */
    public byte[] encode(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (done) throw new IllegalStateException("the " + format.label + " encoder is finished or closed");
        float[] copy = new float[length];
        System.arraycopy(samples, offset, copy, 0, length);
        return FfmpegExecutor.call(() -> encoder.encode(copy, 0, copy.length));
    }

    /** Ends the stream: returns the remaining bytes (and the container trailer) and releases the encoder. */
    public byte[] finish() {
        if (done) throw new IllegalStateException("the " + format.label + " encoder is finished or closed");
        done = true;
        try {
            return FfmpegExecutor.call(encoder::finish);
        } finally {
            cleanable.clean(); // free() is idempotent
        }
    }

    /** Releases the native encoder without flushing; idempotent. */
    @Override
    public void close() {
        if (done) return;
        done = true;
        cleanable.clean();
    }
}
