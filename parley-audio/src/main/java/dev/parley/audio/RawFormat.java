package dev.parley.audio;

import java.util.Locale;

/** Headerless audio encodings, as named by the xAI API ({@code pcm}, {@code mulaw}, {@code alaw}). */
public enum RawFormat {
    /** Signed 16-bit little-endian PCM, 2 bytes per sample. */
    PCM(2),
    /** G.711 µ-law, 1 byte per sample. */
    MULAW(1),
    /** G.711 A-law, 1 byte per sample. */
    ALAW(1);

    private final int bytesPerSample;

    RawFormat(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /**
     * Parses an API name, case-insensitively: {@code pcm}, {@code pcm16}, {@code s16le}, {@code audio/pcm};
     * {@code mulaw}, {@code ulaw}, {@code pcmu}, {@code g711_ulaw}, {@code audio/pcmu}; {@code alaw},
     * {@code pcma}, {@code g711_alaw}, {@code audio/pcma}.
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static RawFormat parse(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "pcm", "pcm16", "s16le", "linear16", "audio/pcm" -> PCM;
            case "mulaw", "ulaw", "pcmu", "g711_ulaw", "audio/pcmu", "audio/basic" -> MULAW;
            case "alaw", "pcma", "g711_alaw", "audio/pcma", "audio/alaw" -> ALAW;
            default -> throw new IllegalArgumentException("unknown raw audio format '" + name
                    + "' (expected pcm, mulaw or alaw)");
        };
    }

    /** Decodes bytes of this encoding to float samples (interleaved when multi-channel). */
    public float[] decode(byte[] data) {
        return switch (this) {
            case PCM -> Pcm16.toFloat(data);
            case MULAW -> G711.ULAW.decodeFloat(data);
            case ALAW -> G711.ALAW.decodeFloat(data);
        };
    }

    /** Encodes float samples to bytes of this encoding. */
    public byte[] encode(float[] samples) {
        return switch (this) {
            case PCM -> Pcm16.fromFloat(samples);
            case MULAW -> G711.ULAW.encode(samples);
            case ALAW -> G711.ALAW.encode(samples);
        };
    }
}
