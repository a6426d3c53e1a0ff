package dev.parley.client;

import java.util.Locale;

/** Audio encodings of TTS output ({@code output_format.codec} on REST, {@code codec} on the WebSocket). */
public enum AudioCodec {
    /** MP3 ({@code audio/mpeg}); the API default. */
    MP3("mp3", "audio/mpeg"),
    /** WAV container with 16-bit PCM ({@code audio/wav}). */
    WAV("wav", "audio/wav"),
    /** Raw signed 16-bit little-endian mono PCM ({@code audio/pcm}). */
    PCM("pcm", "audio/pcm"),
    /** G.711 µ-law, one byte per sample ({@code audio/basic}). */
    MULAW("mulaw", "audio/basic"),
    /** G.711 A-law, one byte per sample ({@code audio/alaw}). */
    ALAW("alaw", "audio/alaw");

    private final String wireName;
    private final String contentType;

    AudioCodec(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    /** The name on the wire, e.g. {@code "mulaw"}. */
    public String wireName() {
        return wireName;
    }

    /** The {@code Content-Type} of a REST response in this codec. */
    public String contentType() {
        return contentType;
    }

    /**
     * The codec for a wire name or a file extension ({@code mp3}, {@code wav}, {@code pcm}/{@code raw},
     * {@code mulaw}/{@code ulaw}/{@code ul}, {@code alaw}/{@code al}); case-insensitive.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static AudioCodec of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mp3" -> MP3;
            case "wav" -> WAV;
            case "pcm", "raw", "s16le" -> PCM;
            case "mulaw", "ulaw", "ul", "mu-law" -> MULAW;
            case "alaw", "al", "a-law" -> ALAW;
            default -> throw new IllegalArgumentException("unknown audio codec '" + name + "' (mp3, wav, pcm, mulaw, alaw)");
        };
    }
}
