package dev.parley.server.tts;

import dev.parley.server.http.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * The TTS output codecs of spec §5/§6 and their response {@code Content-Type}s. Audio is always mono.
 *
 * <p>{@link #OPUS}, {@link #AAC} and {@link #FLAC} are OpenAI {@code response_format}s for the
 * {@code /v1/audio/speech} alias only: xAI's codecs are mp3, wav, pcm, mulaw and alaw, so {@link #parse} (the xAI
 * routes) does not accept them. Their Content-Types are the ones OpenAI's API sends for these formats
 * ({@code audio/opus}, {@code audio/aac}, {@code audio/flac}, beside {@code audio/mpeg} for mp3). OpenAI's published
 * OpenAPI spec (openai/openai-openapi, {@code createSpeech}: "200 OK, string format: binary, Transfer-Encoding:
 * chunked") documents only a binary body, not a per-format type, so these follow the API's observed headers; the
 * bodies match what OpenAI documents: Ogg Opus, AAC in ADTS, a native FLAC stream.
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
    ALAW("alaw", "audio/alaw"),
    /** Opus in Ogg (OpenAI alias only). */
    OPUS("opus", "audio/opus"),
    /** AAC-LC in ADTS frames (OpenAI alias only). */
    AAC("aac", "audio/aac"),
    /** Native FLAC stream, 16-bit (OpenAI alias only). */
    FLAC("flac", "audio/flac");

    /** xAI's codecs (spec §5/§6), the ones {@link #parse} accepts on the xAI routes. */
    static final List<Codec> XAI = List.of(MP3, WAV, PCM, MULAW, ALAW);

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
