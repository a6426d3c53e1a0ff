package dev.parley.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Every audio encoding Parley accepts or produces on the wire, in one table: whether it is raw (headerless, a fixed
 * number of bytes per sample) or a container, its {@code Content-Type}s, the names clients use for it, and the FFmpeg
 * {@link StreamingEncoder.Format} that writes it where Parley encodes it with FFmpeg.
 *
 * <table>
 *   <caption>The codecs</caption>
 *   <tr><th>codec</th><th>raw, bytes/sample</th><th>Content-Types</th><th>names (case-insensitive)</th><th>encoder</th></tr>
 *   <tr><td>{@link #PCM}</td><td>yes, 2</td><td>audio/pcm</td>
 *       <td>pcm, pcm16, s16le, linear16, audio/pcm</td><td>pure Java</td></tr>
 *   <tr><td>{@link #MULAW}</td><td>yes, 1</td><td>audio/basic, audio/pcmu</td>
 *       <td>mulaw, ulaw, pcmu, g711_ulaw, audio/pcmu, audio/basic</td><td>pure Java</td></tr>
 *   <tr><td>{@link #ALAW}</td><td>yes, 1</td><td>audio/alaw, audio/pcma</td>
 *       <td>alaw, pcma, g711_alaw, audio/pcma, audio/alaw</td><td>pure Java</td></tr>
 *   <tr><td>{@link #WAV}</td><td>no</td><td>audio/wav</td><td>wav</td><td>pure Java (streaming header + s16le)</td></tr>
 *   <tr><td>{@link #MP3}</td><td>no</td><td>audio/mpeg</td><td>mp3</td><td>{@link StreamingEncoder.Format#MP3}</td></tr>
 *   <tr><td>{@link #OPUS}</td><td>no</td><td>audio/opus</td><td>opus</td><td>{@link StreamingEncoder.Format#OGG_OPUS}</td></tr>
 *   <tr><td>{@link #AAC}</td><td>no</td><td>audio/aac</td><td>aac</td><td>{@link StreamingEncoder.Format#AAC_ADTS}</td></tr>
 *   <tr><td>{@link #FLAC}</td><td>no</td><td>audio/flac</td><td>flac</td><td>{@link StreamingEncoder.Format#FLAC}</td></tr>
 * </table>
 *
 * <p>This table knows codecs, not APIs: which route accepts which codecs and rates, and the wording of its errors,
 * belong to the server. A route asks for its subset with {@link #parse(String, Collection)} (for example
 * {@code parse(v, WireCodec.RAW)}) and turns the {@link IllegalArgumentException} into its own error, using
 * {@link #describe(Collection)} if it wants the same list of names.
 *
 * <p>Raw codecs convert whole buffers with {@link #decode(byte[])} and {@link #encode(float[])} ({@link Pcm16}
 * scaling, {@link G711} tables); streams go through {@link WireDecoder} and {@link WireEncoder}.
 *
 * <p>Threading and buffers: an immutable enum; every method is thread-safe and non-blocking. Returned arrays are new
 * and owned by the caller; arguments are read during the call only.
 */
public enum WireCodec {
    /** Signed 16-bit little-endian PCM, 2 bytes per sample. */
    PCM(2, null, List.of("audio/pcm"), "pcm", "pcm16", "s16le", "linear16", "audio/pcm"),
    /** G.711 µ-law ({@link G711#ULAW}), 1 byte per sample. */
    MULAW(1, null, List.of("audio/basic", "audio/pcmu"), "mulaw", "ulaw", "pcmu", "g711_ulaw", "audio/pcmu",
            "audio/basic"),
    /** G.711 A-law ({@link G711#ALAW}), 1 byte per sample. */
    ALAW(1, null, List.of("audio/alaw", "audio/pcma"), "alaw", "pcma", "g711_alaw", "audio/pcma", "audio/alaw"),
    /** RIFF/WAVE of 16-bit PCM; streamed with {@link Wav#streamingHeader} (sizes unknown) and s16le data. */
    WAV(0, null, List.of("audio/wav"), "wav"),
    /** MPEG audio layer III, raw frames (no ID3 or Xing header). */
    MP3(0, StreamingEncoder.Format.MP3, List.of("audio/mpeg"), "mp3"),
    /** Opus in Ogg (RFC 7845). */
    OPUS(0, StreamingEncoder.Format.OGG_OPUS, List.of("audio/opus"), "opus"),
    /** AAC-LC in ADTS frames. */
    AAC(0, StreamingEncoder.Format.AAC_ADTS, List.of("audio/aac"), "aac"),
    /** Native FLAC stream, 16-bit. */
    FLAC(0, StreamingEncoder.Format.FLAC, List.of("audio/flac"), "flac");

    /** The raw codecs, {@link #PCM}, {@link #MULAW} and {@link #ALAW}: the ones {@link WireDecoder} reads. */
    public static final List<WireCodec> RAW = List.of(PCM, MULAW, ALAW);
    /** Every codec, in declaration order. */
    public static final List<WireCodec> ALL = List.of(values());

    /** Sample rates of MPEG-1/2/2.5 layer III. */
    private static final int[] MP3_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    /** Input rates libopus takes. */
    private static final int[] OPUS_RATES = {8000, 12000, 16000, 24000, 48000};
    /** The MPEG-4 audio sampling frequencies, the rates FFmpeg's AAC encoder takes. */
    private static final int[] AAC_RATES = {7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000,
            64000, 88200, 96000};
    /** STREAMINFO's 20-bit rate field; FFmpeg's FLAC encoder stops at 655350. */
    private static final int FLAC_MAX_RATE = 655350;

    private final int bytesPerSample;
    private final StreamingEncoder.Format encoderFormat;
    private final List<String> contentTypes;
    private final List<String> names;

    WireCodec(int bytesPerSample, StreamingEncoder.Format encoderFormat, List<String> contentTypes, String... names) {
        this.bytesPerSample = bytesPerSample;
        this.encoderFormat = encoderFormat;
        this.contentTypes = contentTypes;
        this.names = List.of(names);
    }

    /** The API name: {@code pcm}, {@code mulaw}, {@code alaw}, {@code wav}, {@code mp3}, {@code opus}, {@code aac} or {@code flac}. */
    public String apiName() {
        return names.getFirst();
    }

    /** Every name {@link #parse} accepts for this codec, lower case, the {@link #apiName()} first. */
    public List<String> names() {
        return names;
    }

    /** The {@code Content-Type} of a response in this codec (e.g. {@code audio/basic} for µ-law). */
    public String contentType() {
        return contentTypes.getFirst();
    }

    /** Every media type naming this codec, {@link #contentType()} first (e.g. {@code audio/basic}, {@code audio/pcmu}). */
    public List<String> contentTypes() {
        return contentTypes;
    }

    /** Whether this is a raw codec: headerless, {@link #bytesPerSample()} bytes per sample and channel. */
    public boolean isRaw() {
        return bytesPerSample > 0;
    }

    /**
     * Bytes per sample of a raw codec: 2 for PCM, 1 for G.711.
     *
     * @throws IllegalStateException for a container codec, which has no fixed size per sample
     */
    public int bytesPerSample() {
        if (bytesPerSample == 0) throw new IllegalStateException(apiName() + " has no fixed number of bytes per sample");
        return bytesPerSample;
    }

    /** The FFmpeg encoder that writes this codec, or empty for those Parley writes in Java (raw and WAV). */
    public Optional<StreamingEncoder.Format> encoderFormat() {
        return Optional.ofNullable(encoderFormat);
    }

    /**
     * Whether {@link WireEncoder} can write this codec at {@code sampleRate}: any positive rate for raw codecs and WAV,
     * the MPEG rates for MP3 (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000), 8/12/16/24/48 kHz for
     * Opus, the 13 MPEG-4 rates (7350..96000) for AAC, up to 655350 Hz for FLAC.
     */
    public boolean encodesAt(int sampleRate) {
        if (sampleRate <= 0) return false;
        return switch (this) {
            case PCM, MULAW, ALAW, WAV -> true;
            case MP3 -> Arrays.binarySearch(MP3_RATES, sampleRate) >= 0;
            case OPUS -> Arrays.binarySearch(OPUS_RATES, sampleRate) >= 0;
            case AAC -> Arrays.binarySearch(AAC_RATES, sampleRate) >= 0;
            case FLAC -> sampleRate <= FLAC_MAX_RATE;
        };
    }

    /**
     * Decodes a whole buffer of a raw codec to float samples (interleaved when multichannel).
     *
     * @throws IllegalArgumentException if the length is not a whole number of samples
     * @throws IllegalStateException    for a container codec
     */
    public float[] decode(byte[] data) {
        int bps = bytesPerSample();
        if (data.length % bps != 0) {
            throw new IllegalArgumentException(apiName() + " needs a whole number of " + bps + "-byte samples, got "
                    + data.length + " bytes");
        }
        float[] out = new float[data.length / bps];
        decode(data, 0, out, 0, out.length);
        return out;
    }

    /**
     * Encodes float samples in a raw codec (rounded and clamped as {@link Pcm16#toShort(float)}; NaN is silence).
     *
     * @throws IllegalStateException for a container codec
     */
    public byte[] encode(float[] samples) {
        byte[] out = new byte[samples.length * bytesPerSample()];
        encode(samples, 0, out, 0, samples.length);
        return out;
    }

    /** Decodes {@code samples} samples of this raw codec from {@code src[srcOff..]} into {@code dst[dstOff..]}. */
    void decode(byte[] src, int srcOff, float[] dst, int dstOff, int samples) {
        switch (this) {
            case PCM -> Pcm16.toFloat(src, srcOff, dst, dstOff, samples);
            case MULAW -> G711.ULAW.decode(src, srcOff, dst, dstOff, samples);
            case ALAW -> G711.ALAW.decode(src, srcOff, dst, dstOff, samples);
            default -> throw new IllegalStateException(apiName() + " is not a raw codec");
        }
    }

    /** Encodes {@code count} samples from {@code src[srcOff..]} into {@code dst[dstOff..]} in this raw codec. */
    void encode(float[] src, int srcOff, byte[] dst, int dstOff, int count) {
        switch (this) {
            case PCM -> Pcm16.fromFloat(src, srcOff, dst, dstOff, count);
            case MULAW -> G711.ULAW.encode(src, srcOff, dst, dstOff, count);
            case ALAW -> G711.ALAW.encode(src, srcOff, dst, dstOff, count);
            default -> throw new IllegalStateException(apiName() + " is not a raw codec");
        }
    }

    /**
     * Looks a codec up by any of its {@link #names()}, case-insensitively, ignoring surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and every accepted name when it is none of them
     */
    public static WireCodec parse(String name) {
        return parse(name, ALL);
    }

    /**
     * Looks a codec up by name among {@code accepted} only: a route's subset, e.g. {@link #RAW}.
     *
     * @throws IllegalArgumentException naming the value and the names of {@code accepted} (see {@link #describe})
     *                                  when it names no codec of {@code accepted}
     */
    public static WireCodec parse(String name, Collection<WireCodec> accepted) {
        Objects.requireNonNull(accepted, "accepted");
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (WireCodec c : accepted) {
            if (c.names.contains(key)) return c;
        }
        throw new IllegalArgumentException("unknown audio encoding '" + name + "': expected " + describe(accepted));
    }

    /**
     * The accepted names of {@code codecs} in words, aliases in parentheses: {@code "pcm (pcm16, s16le, linear16,
     * audio/pcm), mulaw (ulaw, ...) or alaw (...)"}.
     */
    public static String describe(Collection<WireCodec> codecs) {
        List<String> parts = new ArrayList<>();
        for (WireCodec c : codecs) {
            List<String> aliases = c.names.subList(1, c.names.size());
            parts.add(aliases.isEmpty() ? c.apiName() : c.apiName() + " (" + String.join(", ", aliases) + ")");
        }
        if (parts.isEmpty()) return "nothing";
        if (parts.size() == 1) return parts.getFirst();
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.getLast();
    }
}
