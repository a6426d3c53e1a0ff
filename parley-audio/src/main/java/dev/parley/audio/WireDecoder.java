package dev.parley.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming decoder of raw wire audio ({@link WireCodec#RAW}: PCM s16le, µ-law, A-law): bytes in chunks of any size,
 * float samples at an output rate out, in one or more pipelines. Pure Java, for the per-frame path.
 *
 * <p>Chunking: bytes that do not complete an interleaved frame (the odd byte of a 16-bit sample, part of a
 * multichannel frame) are carried to the next {@link #decode} call, never dropped, so the output does not depend on how
 * the client cut its stream: the concatenation of the outputs of any split of a byte stream, plus {@link #flush()}, is
 * exactly the output of decoding it in one call. At most {@code frameBytes - 1} bytes are carried.
 *
 * <p>Pipelines: with {@code splitChannels} every channel is its own pipeline (index = channel); without it the
 * channels of each frame are averaged into one pipeline. Each pipeline has its own streaming {@link Resampler} from the
 * input rate to the output rate (an exact copy when they are equal).
 *
 * <p>Lifecycle: {@link #decode} any number of times; {@link #flush()} at the end of the stream returns the resamplers'
 * tails and leaves the decoder ready for a new stream; {@link #reset()} discards the stream instead. A stream whose
 * format changes (a session update) needs a new decoder.
 *
 * <p>Used by the realtime input path ({@code new WireDecoder(WireFormat.mono(codec, rate), 16000, false)},
 * {@code decode(bytes)[0]} per append) and the STT WebSocket ({@code new WireDecoder(new WireFormat(codec, rate,
 * channels, 0), 16000, multichannel)}); a whole clip decodes with {@link #decodeAll}.
 *
 * <p>Threading: not thread-safe; one decoder per stream, used by one thread at a time. Never blocks. Buffers: the
 * input array is read during the call only and never retained; every returned array is new and owned by the caller.
 */
public final class WireDecoder {
    private final WireFormat format;
    private final int outputRate;
    private final int channels;
    private final int frameBytes;
    private final byte[] carry;
    private int carryLen;
    private final Resampler[] resamplers;

    /**
     * A decoder of {@code input} to {@code outputRate}.
     *
     * @param input         a raw codec, its rate and interleaved channel count (the bit rate is ignored)
     * @param outputRate    the rate of the returned samples
     * @param splitChannels one pipeline per channel; else one pipeline, the channels averaged
     * @throws IllegalArgumentException if the codec is not raw, or the resampler cannot convert the rates
     */
    public WireDecoder(WireFormat input, int outputRate, boolean splitChannels) {
        Objects.requireNonNull(input, "input");
        if (!input.codec().isRaw()) {
            throw new IllegalArgumentException("a WireDecoder reads raw audio (" + WireCodec.describe(WireCodec.RAW)
                    + "), not " + input.codec().apiName());
        }
        this.format = input;
        this.outputRate = outputRate;
        this.channels = input.channels();
        this.frameBytes = input.frameBytes();
        this.carry = new byte[frameBytes];
        this.resamplers = new Resampler[splitChannels ? channels : 1];
        for (int i = 0; i < resamplers.length; i++) resamplers[i] = new Resampler(input.sampleRate(), outputRate);
    }

    /**
     * Decodes a whole clip of {@code input} to mono samples at {@code outputRate} in one call: its channels averaged,
     * the resampler flushed; a trailing partial frame is dropped.
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static float[] decodeAll(byte[] data, WireFormat input, int outputRate) {
        WireDecoder d = new WireDecoder(input, outputRate, false);
        float[] body = d.decode(data)[0];
        float[] tail = d.flush()[0];
        float[] all = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return all;
    }

    /** The input format. */
    public WireFormat format() {
        return format;
    }

    /** The rate of the returned samples. */
    public int outputRate() {
        return outputRate;
    }

    /** Number of output pipelines: the channel count when splitting channels, else 1. */
    public int pipelines() {
        return resamplers.length;
    }

    /** Bytes held back waiting for the rest of their frame, 0 to {@code frameBytes - 1}. */
    public int carried() {
        return carryLen;
    }

    /** Decodes a whole array; see {@link #decode(byte[], int, int)}. */
    public float[][] decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /**
     * Decodes the next {@code len} bytes of the stream, from {@code data[off]}.
     *
     * @return one array per pipeline, at the output rate, possibly empty; new arrays owned by the caller
     */
    public float[][] decode(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        int frames = (int) (((long) carryLen + len) / frameBytes);
        float[] interleaved = new float[frames * channels];
        int pos = off;
        int end = off + len;
        int at = 0;
        if (carryLen > 0) { // complete the carried frame first
            int take = Math.min(frameBytes - carryLen, len);
            System.arraycopy(data, pos, carry, carryLen, take);
            carryLen += take;
            pos += take;
            if (carryLen == frameBytes) {
                format.codec().decode(carry, 0, interleaved, 0, channels);
                at = channels;
                carryLen = 0;
            }
        }
        int whole = (end - pos) / frameBytes;
        format.codec().decode(data, pos, interleaved, at, whole * channels);
        pos += whole * frameBytes;
        System.arraycopy(data, pos, carry, carryLen, end - pos); // nothing left when the carry is still incomplete
        carryLen += end - pos;
        float[][] pipes = split(interleaved, frames);
        for (int i = 0; i < pipes.length; i++) pipes[i] = resamplers[i].process(pipes[i]);
        return pipes;
    }

    /**
     * Ends the stream: returns each pipeline's resampler tail (input padded with silence) and starts a new stream. A
     * partial frame still carried is dropped, as it cannot be decoded ({@link #carried()} says how many bytes).
     */
    public float[][] flush() {
        float[][] out = new float[resamplers.length][];
        for (int i = 0; i < resamplers.length; i++) out[i] = resamplers[i].flush();
        carryLen = 0;
        return out;
    }

    /** Discards the stream (carried bytes and resampler history): the next byte starts a new stream. */
    public void reset() {
        for (Resampler r : resamplers) r.reset();
        carryLen = 0;
    }

    private float[][] split(float[] interleaved, int frames) {
        if (channels == 1) return new float[][] {interleaved};
        if (resamplers.length > 1) return Pcm16.deinterleave(interleaved, channels);
        float[] mono = new float[frames];
        for (int f = 0, i = 0; f < frames; f++) {
            float s = 0;
            for (int c = 0; c < channels; c++) s += interleaved[i++];
            mono[f] = s / channels;
        }
        return new float[][] {mono};
    }
}
