package dev.parley.audio;

/**
 * Streaming MP3 encoder (libmp3lame via FFmpeg) for chunked responses: feed mono float chunks, get the MP3
 * bytes completed so far, {@link #finish()} for the tail. The output is raw MPEG audio frames (no ID3 or
 * Xing header), so the concatenation of all returned arrays is one playable {@code audio/mpeg} stream.
 * Decoders see the usual MP3 priming delay (about 1100 samples of silence at the start) and padding to a
 * whole frame at the end. A {@link StreamingEncoder} of {@link StreamingEncoder.Format#MP3}.
 *
 * <p>Create with {@link AudioFiles#mp3Encoder(int, int)}; always {@link #close()} (or {@link #finish()}),
 * since it holds native memory. Threading: not thread-safe: one caller at a time. The native work runs on
 * parley-audio's FFmpeg pool; calls block (park) until it is done, so virtual threads may call. Buffers: the
 * input is copied before the call returns; returned arrays belong to the caller.
 */
public final class Mp3Encoder implements AutoCloseable {
    private final StreamingEncoder encoder;

    Mp3Encoder(int sampleRate, int bitRate) {
        this.encoder = StreamingEncoder.open(StreamingEncoder.Format.MP3, sampleRate, bitRate);
    }

    /** Encodes a chunk; returns the bytes ready now (often empty for chunks under one 1152-sample frame). */
    public byte[] encode(float[] samples) {
        return encoder.encode(samples);
    }

    /** Encodes {@code length} samples from {@code offset}; returns the bytes ready now. */
    public byte[] encode(float[] samples, int offset, int length) {
        return encoder.encode(samples, offset, length);
    }

    /** Ends the stream: returns the remaining bytes and releases the encoder. */
    public byte[] finish() {
        return encoder.finish();
    }

    /** Releases the native encoder without flushing; idempotent. */
    @Override
    public void close() {
        encoder.close();
    }
}
