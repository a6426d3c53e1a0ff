package dev.parley.audio;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * Streaming encoder of mono audio for the wire: float samples at any rate in, resampled with a streaming
 * {@link Resampler} to the output rate and encoded in the output {@link WireCodec}. The concatenation of everything
 * {@link #encode} and {@link #finish()} return is one complete stream of that codec:
 * <ul>
 *   <li>{@link WireCodec#PCM PCM}, {@link WireCodec#MULAW µ-law}, {@link WireCodec#ALAW A-law}: the samples, 2 or 1
 *       bytes each ({@link Pcm16}, {@link G711});</li>
 *   <li>{@link WireCodec#WAV WAV}: {@link Wav#streamingHeader} (sizes unknown) in the first bytes returned, then s16le;
 *       a stream without samples is the header alone;</li>
 *   <li>MP3, Opus, AAC, FLAC: a {@link StreamingEncoder} of {@link WireCodec#encoderFormat()}, opened with the first
 *       sample (its header comes with the first audio; a stream without samples is empty).</li>
 * </ul>
 * Samples: NaN is silence, values beyond [-1, 1] are clipped (at the encoder, after resampling).
 *
 * <p>Input rate: each call names the rate of its samples, and it may change between calls (a new engine in the middle
 * of an utterance): the resampler of the old rate is flushed first, so no sample is lost. {@link #samplesOut()} counts
 * samples at the output rate.
 *
 * <p>Lifecycle: {@link #encode} any number of times, then {@link #finish()} once for the tail; {@link #finish()} also
 * releases the native encoder. Always {@link #close()} (idempotent; a no-op after {@link #finish()}), since the FFmpeg
 * codecs hold native memory; closing without finishing drops the tail. After either, {@link #encode} and
 * {@link #finish()} throw {@link IllegalStateException}.
 *
 * <p>Used per utterance by TTS (REST and WebSocket) and, through {@link #encodeAll}, per chunk of the voice agent's
 * speech.
 *
 * <p>Threading: not thread-safe; one encoder per stream, used by one thread at a time. Raw codecs and WAV never block;
 * FFmpeg codecs run on parley-audio's FFmpeg pool and the caller parks until it is done (virtual threads may call).
 * Buffers: input arrays are read during the call only and never retained; returned arrays are new and owned by the
 * caller.
 */
public final class WireEncoder implements AutoCloseable {
    private final WireFormat format;
    private Resampler resampler;
    private StreamingEncoder ffmpeg;
    private boolean headerSent;
    private boolean finished;
    private long samplesOut;

    /**
     * An encoder of mono audio to {@code output}.
     *
     * @throws IllegalArgumentException if {@code output} is not mono, or the codec cannot be written at its rate
     *                                  ({@link WireCodec#encodesAt})
     */
    public WireEncoder(WireFormat output) {
        Objects.requireNonNull(output, "output");
        if (output.channels() != 1) {
            throw new IllegalArgumentException("a WireEncoder writes mono audio, not " + output.channels() + " channels");
        }
        if (!output.codec().encodesAt(output.sampleRate())) {
            throw new IllegalArgumentException(output.codec().apiName() + " cannot be encoded at "
                    + output.sampleRate() + " Hz");
        }
        this.format = output;
    }

    /** Encodes a whole signal at {@code sampleRate} to a complete stream of {@code output} in one call. */
    public static byte[] encodeAll(float[] samples, int sampleRate, WireFormat output) {
        try (WireEncoder enc = new WireEncoder(output)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(enc.encode(samples, sampleRate));
            out.writeBytes(enc.finish());
            return out.toByteArray();
        }
    }

    /** The output format. */
    public WireFormat format() {
        return format;
    }

    /** Samples at the output rate encoded so far. */
    public long samplesOut() {
        return samplesOut;
    }

    /** Seconds of audio encoded so far ({@link #samplesOut()} at the output rate). */
    public double seconds() {
        return samplesOut / (double) format.sampleRate();
    }

    /** Encodes mono samples at {@code sampleRate}; see {@link #encode(float[], int, int, int)}. */
    public byte[] encode(float[] samples, int sampleRate) {
        return encode(samples, 0, samples.length, sampleRate);
    }

    /**
     * Resamples and encodes {@code length} mono samples from {@code samples[offset]}, at {@code sampleRate}.
     *
     * @return the bytes ready now, possibly empty (the resampler holds back a few samples of look-ahead, FFmpeg codecs
     *         up to a frame)
     * @throws IllegalStateException    after {@link #finish()} or {@link #close()}
     * @throws IllegalArgumentException if the resampler cannot convert {@code sampleRate} to the output rate (nothing is
     *                                  consumed then)
     */
    public byte[] encode(float[] samples, int offset, int length, int sampleRate) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        checkOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (resampler == null || resampler.fromHz() != sampleRate) {
            Resampler next = new Resampler(sampleRate, format.sampleRate()); // may throw: the old one is kept then
            if (resampler != null) encodeResampled(resampler.flush(), out);
            resampler = next;
        }
        encodeResampled(resampler.process(samples, offset, length), out);
        return out.toByteArray();
    }

    /**
     * Ends the stream: the resampler's and the codec's tails (for WAV without any sample, the header), and releases the
     * native encoder.
     *
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    public byte[] finish() {
        checkOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (resampler != null) encodeResampled(resampler.flush(), out);
        else header(out);
        finished = true;
        if (ffmpeg != null) {
            StreamingEncoder e = ffmpeg;
            ffmpeg = null;
            out.writeBytes(e.finish());
        }
        return out.toByteArray();
    }

    /** Releases the native encoder without writing the tail; idempotent. */
    @Override
    public void close() {
        finished = true;
        if (ffmpeg != null) {
            ffmpeg.close();
            ffmpeg = null;
        }
    }

    private void checkOpen() {
        if (finished) throw new IllegalStateException("the " + format.codec().apiName() + " encoder is finished or closed");
    }

    private void header(ByteArrayOutputStream out) {
        if (headerSent) return;
        headerSent = true;
        if (format.codec() == WireCodec.WAV) out.writeBytes(Wav.streamingHeader(format.sampleRate(), 1));
    }

    private void encodeResampled(float[] pcm, ByteArrayOutputStream out) {
        header(out);
        samplesOut += pcm.length;
        if (pcm.length == 0) return;
        WireCodec codec = format.codec();
        if (codec.isRaw()) {
            out.writeBytes(codec.encode(pcm));
        } else if (codec == WireCodec.WAV) {
            out.writeBytes(Pcm16.fromFloat(pcm));
        } else {
            if (ffmpeg == null) {
                StreamingEncoder.Format f = codec.encoderFormat().orElseThrow();
                ffmpeg = StreamingEncoder.open(f, format.sampleRate(),
                        format.bitRate() > 0 ? format.bitRate() : f.defaultBitRate());
            }
            out.writeBytes(ffmpeg.encode(pcm));
        }
    }
}
