package dev.parley.server.stt.internal;

import dev.parley.audio.WireCodec;
import dev.parley.server.http.ApiException;
import java.util.List;
import java.util.Map;

/**
 * The validated options of a {@code POST /v1/stt} request (spec §8), without the audio.
 *
 * @param raw          the raw encoding when {@code audio_format} is pcm/mulaw/alaw, else null (container, detected)
 * @param sampleRate   rate of raw audio (required then), else null
 * @param channels     interleaved channels of raw audio (1 when absent), or the requested count for containers
 *                     (null = as in the file)
 * @param language     the requested language, {@code ""} when absent
 * @param format       inverse text normalisation (requires a language)
 * @param multichannel transcribe each channel on its own
 * @param diarize      integer {@code speaker} per word
 * @param keyterms     accepted and validated; not used by the local engines
 * @param fillerWords  keep filler words
 * @param vadThreshold speech-probability gate, 0 disables
 * @param model        the requested model name, {@code ""} when absent
 * @param url          the audio URL, or null when the audio is the {@code file} part
 */
public record BatchRequest(WireCodec raw, Integer sampleRate, Integer channels, String language, boolean format,
        boolean multichannel, boolean diarize, List<String> keyterms, boolean fillerWords, float vadThreshold,
        String model, String url) {

    /**
     * Parses and validates the form fields (every value of every non-file part, by name).
     *
     * @param hasFile whether a non-empty {@code file} part is present
     * @throws ApiException 400 naming the problem
     */
    public static BatchRequest parse(Map<String, List<String>> fields, boolean hasFile) {
        String url = Params.first(fields, "url");
        if (!hasFile && url == null) {
            throw ApiException.badRequest("No audio: send a non-empty 'file' part or a 'url' field");
        }
        if (hasFile && url != null) throw ApiException.badRequest("Send either 'file' or 'url', not both");
        if (url != null && !(url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8))) {
            throw ApiException.badRequest("Invalid 'url': only http and https URLs can be fetched");
        }
        Params.noConflict(fields, "sample_rate", "sample_rate_hertz");
        Params.AudioFormat fmt = Params.audioFormat(fields, "audio_format");
        WireCodec raw = fmt instanceof Params.AudioFormat.Raw r ? r.format() : null;
        Integer rate = Params.sampleRate(fields);
        if (raw != null && rate == null) {
            throw ApiException.badRequest("Raw audio (audio_format=" + Params.first(fields, "audio_format")
                    + ") needs 'sample_rate': one of " + Params.SAMPLE_RATES);
        }
        boolean multichannel = Params.bool(fields, "multichannel", false);
        Integer channels = Params.integer(fields, "channels", 1, 8);
        if (raw != null && multichannel && (channels == null || channels < 2)) {
            throw ApiException.badRequest("Raw multichannel audio needs 'channels' between 2 and 8");
        }
        if (raw != null && channels == null) channels = 1;
        String language = Params.language(fields);
        boolean format = Params.bool(fields, "format", false);
        if (format && language.isEmpty()) {
            throw ApiException.badRequest("'format=true' requires 'language' (inverse text normalization is "
                    + "language-specific)");
        }
        Double vad = Params.number(fields, "vad_threshold", 0, 1);
        return new BatchRequest(raw, rate, channels, language, format, multichannel,
                Params.bool(fields, "diarize", false), Params.keyterms(fields),
                Params.bool(fields, "filler_words", false), vad == null ? 0.5f : vad.floatValue(),
                Params.model(fields), url);
    }
}
