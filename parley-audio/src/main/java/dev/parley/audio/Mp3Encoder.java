package dev.parley.audio;

import dev.parley.audio.internal.FfmpegExecutor;
import dev.parley.audio.internal.FfmpegMp3Encoder;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * Streaming MP3 encoder (libmp3lame via FFmpeg) for chunked responses: feed mono float chunks, get the MP3
 * bytes completed so far, {@link #finish()} for the tail. The output is raw MPEG audio frames (no ID3 or
 * Xing header), so the concatenation of all returned arrays is one playable {@code audio/mpeg} stream.
 * Decoders see the usual MP3 priming delay (about 1100 samples of silence at the start) and padding to a
 * whole frame at the end.
 *
 * <p>Create with {@link AudioFiles#mp3Encoder(int, int)}; always {@link #close()} (or {@link #finish()}),
 * since it holds native memory. Threading: not thread-safe: one caller at a time. The native work runs on
 * parley-audio's FFmpeg pool; calls block (park) until it is done, so virtual threads may call. Buffers: the
 * input is copied before the call returns; returned arrays belong to the caller.
 */
public final class Mp3Encoder implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private final FfmpegMp3Encoder encoder;
    private final Cleaner.Cleanable cleanable;
    private boolean done;

    Mp3Encoder(int sampleRate, int bitRate) {
        FfmpegMp3Encoder e = FfmpegExecutor.call(() -> new FfmpegMp3Encoder(sampleRate, bitRate));
        this.encoder = e;
        // Safety net for a forgotten close(): free the native encoder on the FFmpeg pool.
        this.cleanable = CLEANER.register(this, () -> FfmpegExecutor.executeQuietly(e::free));
    }

    /** Encodes a chunk; returns the bytes ready now (often empty for chunks under one 1152-sample frame). */
    public byte[] encode(float[] samples) {
        return encode(samples, 0, samples.length);
    }

    /** Encodes {@code length} samples from {@code offset}; returns the bytes ready now. */
    public byte[] encode(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (done) throw new IllegalStateException("the MP3 encoder is finished or closed");
        float[] copy = new float[length];
        System.arraycopy(samples, offset, copy, 0, length);
        return FfmpegExecutor.call(() -> encoder.encode(copy, 0, copy.length));
    }

    /** Ends the stream: returns the remaining bytes and releases the encoder. */
    public byte[] finish() {
        if (done) throw new IllegalStateException("the MP3 encoder is finished or closed");
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
