package dev.parley.server.tts;

import dev.parley.server.http.ApiException;
import java.util.Locale;

/**
 * The TTS output codecs of spec §5/§6 and their response {@code Content-Type}s. Audio is always mono.
 */
enum Codec {
    /** MPEG-1/2 Layer III, raw frames (no ID3/Xing header): the concatenation of chunks is one playable stream. */
    MP3("mp3", "audio/mpeg"),
    /** 16-bit PCM WAV with a streaming header (sizes {@code 0xFFFFFFFF}: length unknown when the header is sent). */
    WAV("wav", "audio/wav"),
    /** Raw signed 16-bit little-endian PCM. */
    PCM("pcm", "audio/pcm"),
    /** G.711 µ-law, one byte per sample (alias {@code ulaw}). */
    MULAW("mulaw", "audio/basic"),
    /** G.711 A-law, one byte per sample. */
    ALAW("alaw", "audio/alaw");

    final String apiName;
    final String contentType;

    Codec(String apiName, String contentType) {
        this.apiName = apiName;
        this.contentType = contentType;
    }

    /**
     * Parses an API codec name, case-insensitively ({@code ulaw} is an alias of {@code mulaw}).
     *
     * @throws ApiException 400 naming the value and the accepted ones
     */
    static Codec parse(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "mp3" -> MP3;
            case "wav" -> WAV;
            case "pcm" -> PCM;
            case "mulaw", "ulaw" -> MULAW;
            case "alaw" -> ALAW;
            default -> throw ApiException.badRequest("Invalid codec '" + name
                    + "': expected one of mp3, wav, pcm, mulaw (ulaw), alaw");
        };
    }
}
