package dev.parley.server.tts;

import dev.parley.audio.AudioFiles;
import dev.parley.audio.G711;
import dev.parley.audio.Mp3Encoder;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import java.io.ByteArrayOutputStream;

/**
 * One utterance's audio on its way out: resamples engine output (24 kHz Kokoro, 22.05 kHz Piper and espeak-ng) to
 * the requested rate with a streaming {@link Resampler}, and encodes it in the requested {@link Codec}. The
 * concatenation of everything {@link #encode} and {@link #finish} return is one complete stream of that codec
 * (for WAV, the first bytes returned are the streaming header; for MP3, raw MPEG frames).
 *
 * <p>The input rate may change between calls (a new engine mid-utterance): the resampler of the old rate is flushed
 * first, so no sample is lost.
 *
 * <p>Not thread-safe: one instance per utterance, used by one thread at a time. Buffers: input arrays are read during
 * the call only; returned arrays are new and the caller's. Holds native memory for MP3: always {@link #close()}
 * (idempotent; {@link #finish()} also releases it).
 */
final class AudioEncoder implements AutoCloseable {
    private final OutputFormat format;
    private Resampler resampler;
    private Mp3Encoder mp3;
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
        if (mp3 != null) {
            out.writeBytes(mp3.finish());
            mp3 = null;
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
            case MP3 -> {
                if (mp3 == null) mp3 = AudioFiles.mp3Encoder(format.sampleRate(), format.bitRate());
                out.writeBytes(mp3.encode(pcm));
            }
            case WAV, PCM -> out.writeBytes(Pcm16.fromFloat(pcm));
            case MULAW -> out.writeBytes(G711.ULAW.encode(pcm));
            case ALAW -> out.writeBytes(G711.ALAW.encode(pcm));
        }
    }

    @Override
    public void close() {
        finished = true;
        if (mp3 != null) {
            mp3.close();
            mp3 = null;
        }
    }
}
