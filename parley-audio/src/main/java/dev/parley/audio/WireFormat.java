package dev.parley.audio;

import java.util.Objects;

/**
 * Audio as it travels on the wire: a {@link WireCodec} at a sample rate, with a channel count and a bit rate. The
 * input of a {@link WireDecoder} (raw codecs, any channel count) and the output of a {@link WireEncoder} (any codec,
 * mono). Checks only what holds for every API; the rates and bit rates a route accepts are the server's to check.
 *
 * <p>Immutable and thread-safe.
 *
 * @param codec      the encoding
 * @param sampleRate samples per second and channel, positive
 * @param channels   interleaved channels, 1..64
 * @param bitRate    bits per second for the lossy FFmpeg codecs (MP3, Opus, AAC), or 0 for the codec's default
 *                   ({@link StreamingEncoder.Format#defaultBitRate()}); ignored by raw codecs, WAV and FLAC
 */
public record WireFormat(WireCodec codec, int sampleRate, int channels, int bitRate) {
    /** @throws IllegalArgumentException for a rate that is not positive, channels outside 1..64, a negative bit rate */
    public WireFormat {
        Objects.requireNonNull(codec, "codec");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        if (channels < 1 || channels > 64) throw new IllegalArgumentException("channels must be 1..64, got " + channels);
        if (bitRate < 0) throw new IllegalArgumentException("bit rate must not be negative, got " + bitRate);
    }

    /** Mono {@code codec} at {@code sampleRate}, default bit rate. */
    public static WireFormat mono(WireCodec codec, int sampleRate) {
        return new WireFormat(codec, sampleRate, 1, 0);
    }

    /**
     * Bytes of one interleaved frame (one sample of every channel) of a raw codec.
     *
     * @throws IllegalStateException for a container codec
     */
    public int frameBytes() {
        return codec.bytesPerSample() * channels;
    }
}
