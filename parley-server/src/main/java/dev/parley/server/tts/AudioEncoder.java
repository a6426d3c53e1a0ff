package dev.parley.server.tts;

import dev.parley.audio.G711;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.StreamingEncoder;
import dev.parley.audio.Wav;
import java.io.ByteArrayOutputStream;

/**
 * One utterance's audio on its way out: resamples engine output (24 kHz Kokoro, 22.05 kHz Piper and espeak-ng) to
 * the requested rate with a streaming {@link Resampler}, and encodes it in the requested {@link Codec}. The
 * concatenation of everything {@link #encode} and {@link #finish} return is one complete stream of that codec
 * (for WAV, the first bytes returned are the streaming header; for MP3, raw MPEG frames; for Opus, AAC and FLAC, an
 * Ogg, ADTS or FLAC stream from a {@link StreamingEncoder}, whose header comes with the first audio).
 *
 * <p>The input rate may change between calls (a new engine mid-utterance): the resampler of the old rate is flushed
 * first, so no sample is lost.
 *
 * <p>Not thread-safe: one instance per utterance, used by one thread at a time. Buffers: input arrays are read during
 * the call only; returned arrays are new and the caller's. Holds native memory for FFmpeg codecs: always {@link #close()}
 * (idempotent; {@link #finish()} also releases it).
 */
final class AudioEncoder implements AutoCloseable {
    private final OutputFormat format;
    private Resampler resampler;
    private StreamingEncoder ffmpeg;
    private boolean headerSent;
    private boolean finished;
    private long samplesOut;

    AudioEncoder(OutputFormat format) {
        this.format = format;
    }

    /** The output format. */
    OutputFormat format() {
        return format;
    }

    /** Samples (at the output rate) encoded so far. */
    long samplesOut() {
        return samplesOut;
    }

    /** Seconds of audio encoded so far. */
    double seconds() {
        return samplesOut / (double) format.sampleRate();
    }

    /**
     * Resamples and encodes mono samples at {@code rate}.
     *
     * @return the encoded bytes ready now (may be empty; MP3 holds back less than one frame)
     */
    byte[] encode(float[] samples, int rate) {
        if (finished) throw new IllegalStateException("encoder finished");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (resampler != null && resampler.fromHz() != rate) {
            encodeResampled(resampler.flush(), out);
            resampler = null;
        }
        if (resampler == null) resampler = new Resampler(rate, format.sampleRate());
        encodeResampled(resampler.process(samples), out);
        return out.toByteArray();
    }

    /** Flushes the resampler and the codec: the last bytes of the stream. Releases native memory. */
    byte[] finish() {
        if (finished) throw new IllegalStateException("encoder finished");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (resampler != null) encodeResampled(resampler.flush(), out);
        else header(out);
        finished = true;
        if (ffmpeg != null) {
            out.writeBytes(ffmpeg.finish());
            ffmpeg = null;
        }
        return out.toByteArray();
    }

    private void header(ByteArrayOutputStream out) {
        if (headerSent) return;
        headerSent = true;
        if (format.codec() == Codec.WAV) out.writeBytes(Wav.streamingHeader(format.sampleRate(), 1));
    }

    private void encodeResampled(float[] pcm, ByteArrayOutputStream out) {
        header(out);
        samplesOut += pcm.length;
        if (pcm.length == 0) return;
        switch (format.codec()) {
            case MP3 -> out.writeBytes(ffmpeg(StreamingEncoder.Format.MP3, format.bitRate()).encode(pcm));
            case OPUS -> out.writeBytes(ffmpeg(StreamingEncoder.Format.OGG_OPUS, 0).encode(pcm));
            case AAC -> out.writeBytes(ffmpeg(StreamingEncoder.Format.AAC_ADTS, 0).encode(pcm));
            case FLAC -> out.writeBytes(ffmpeg(StreamingEncoder.Format.FLAC, 0).encode(pcm));
            case WAV, PCM -> out.writeBytes(Pcm16.fromFloat(pcm));
            case MULAW -> out.writeBytes(G711.ULAW.encode(pcm));
            case ALAW -> out.writeBytes(G711.ALAW.encode(pcm));
        }
    }

    /** The FFmpeg encoder of this utterance, opened on first use ({@code bitRate} 0: the format's default). */
    private StreamingEncoder ffmpeg(StreamingEncoder.Format f, int bitRate) {
        if (ffmpeg == null) {
            ffmpeg = StreamingEncoder.open(f, format.sampleRate(), bitRate > 0 ? bitRate : f.defaultBitRate());
        }
        return ffmpeg;
    }

    @Override
    public void close() {
        finished = true;
        if (ffmpeg != null) {
            ffmpeg.close();
            ffmpeg = null;
        }
    }
}
