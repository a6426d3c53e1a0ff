package dev.parley.server.stt.internal;

import dev.parley.audio.G711;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.WireCodec;

/**
 * Binary WebSocket frames of raw audio in, 16 kHz float samples per pipeline out (pure Java, the per-frame hot path).
 *
 * <p>Frames may have any size: bytes that do not complete an interleaved frame (half a 16-bit sample, or part of a
 * multichannel frame) are kept and prefixed to the next chunk, never dropped, so the output does not depend on how
 * the client cut its stream. G.711 is decoded with {@link G711}; every pipeline has its own streaming
 * {@link Resampler} to 16 kHz. Without multichannel, interleaved channels are averaged into one pipeline.
 *
 * <p>Buffers: at most {@code frameBytes - 1} carried bytes. Not thread-safe: one per connection, on its worker.
 */
public final class StreamDecoder {
    private final WireCodec encoding;
    private final int channels;
    private final boolean multichannel;
    private final int frameBytes;
    private final byte[] carry;
    private int carryLen;
    private final Resampler[] resamplers;
    private long framesIn;

    public StreamDecoder(WireCodec encoding, int sampleRate, int channels, boolean multichannel) {
        this.encoding = encoding;
        this.channels = channels;
        this.multichannel = multichannel;
        this.frameBytes = encoding.bytesPerSample() * channels;
        this.carry = new byte[frameBytes];
        int pipes = multichannel ? channels : 1;
        this.resamplers = new Resampler[pipes];
        for (int i = 0; i < pipes; i++) resamplers[i] = new Resampler(sampleRate, 16000);
    }

    /** Number of output pipelines. */
    public int pipelines() {
        return resamplers.length;
    }

    /** Input frames (samples per channel) decoded so far. */
    public long framesIn() {
        return framesIn;
    }

    /** Bytes held back waiting for the rest of their frame. */
    public int carried() {
        return carryLen;
    }

    /**
     * Decodes a chunk; returns one 16 kHz array per pipeline (possibly empty). The caller owns the arrays; {@code data}
     * is read during the call only.
     */
    public float[][] decode(byte[] data, int off, int len) {
        int total = carryLen + len;
        int frames = total / frameBytes;
        float[] interleaved = new float[frames * channels];
        if (frames > 0) {
            byte[] src;
            int srcOff;
            if (carryLen == 0) {
                src = data;
                srcOff = off;
            } else {
                src = new byte[frames * frameBytes];
                System.arraycopy(carry, 0, src, 0, carryLen);
                System.arraycopy(data, off, src, carryLen, frames * frameBytes - carryLen);
                srcOff = 0;
            }
            int samples = frames * channels;
            switch (encoding) {
                case PCM -> Pcm16.toFloat(src, srcOff, interleaved, 0, samples);
                case MULAW -> G711.ULAW.decode(src, srcOff, interleaved, 0, samples);
                case ALAW -> G711.ALAW.decode(src, srcOff, interleaved, 0, samples);
            }
        }
        // keep the incomplete tail
        int consumedFromData = frames * frameBytes - carryLen;
        if (frames == 0) {
            System.arraycopy(data, off, carry, carryLen, len);
            carryLen += len;
        } else {
            carryLen = len - consumedFromData;
            System.arraycopy(data, off + consumedFromData, carry, 0, carryLen);
        }
        framesIn += frames;
        return resample(split(interleaved, frames));
    }

    /** End of a turn: the resamplers' tails; a partial frame still held is dropped (it cannot be decoded). */
    public float[][] flush() {
        float[][] out = new float[resamplers.length][];
        for (int i = 0; i < resamplers.length; i++) out[i] = resamplers[i].flush();
        carryLen = 0;
        return out;
    }

    private float[][] split(float[] interleaved, int frames) {
        if (channels == 1) return new float[][] {interleaved};
        if (multichannel) return Pcm16.deinterleave(interleaved, channels);
        float[] mono = new float[frames];
        for (int f = 0; f < frames; f++) {
            float s = 0;
            for (int c = 0; c < channels; c++) s += interleaved[f * channels + c];
            mono[f] = s / channels;
        }
        return new float[][] {mono};
    }

    private float[][] resample(float[][] in) {
        float[][] out = new float[in.length][];
        for (int i = 0; i < in.length; i++) out[i] = resamplers[i].process(in[i]);
        return out;
    }
}
