package dev.parley.server.stt.internal;

import dev.parley.audio.WireCodec;
import dev.parley.server.http.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated query of a {@code GET /v1/stt} WebSocket upgrade (spec §9.1). Invalid values are rejected with 400
 * before the upgrade.
 *
 * @param sampleRate      input rate (default 16000)
 * @param encoding        input encoding (default pcm)
 * @param interimResults  emit {@code is_final=false} partials about every 500 ms
 * @param endpointingMs   silence before {@code speech_final=true}, 0-5000; default {@value #DEFAULT_ENDPOINTING_MS}
 *                        ms (spec §12 CONFLICT #11: the April value, for parity)
 * @param language        enables inverse text normalisation; {@code ""} when absent
 * @param multichannel    transcribe each interleaved channel on its own ({@code channel_index} on events)
 * @param channels        interleaved channels in the binary frames (1 unless given; 2-8 with multichannel)
 * @param diarize         integer {@code speaker} per word
 * @param fillerWords     keep filler words
 * @param keyterms        accepted, not used by the local engines
 * @param vadThreshold    chunk gate (accepted; the endpointing VAD keeps its own threshold, as the spec says
 *                        vad_threshold "does not affect endpointing")
 * @param smartTurn       accepted (0-1), not implemented: endpointing alone decides {@code speech_final}
 * @param closeAfterDone  close with 1000 after {@code transcript.done} (query {@code close_after_done}), or null for
 *                        the server's default
 */
public record StreamRequest(int sampleRate, WireCodec encoding, boolean interimResults, int endpointingMs,
        String language, boolean multichannel, int channels, boolean diarize, boolean fillerWords,
        List<String> keyterms, double vadThreshold, Double smartTurn, Boolean closeAfterDone) {
    /** Default {@code endpointing}: 10 ms, the April 2026 value (spec §12 CONFLICT #11). */
    public static final int DEFAULT_ENDPOINTING_MS = 10;

    /** Number of transcription pipelines: one per channel with multichannel, else one (channels mixed). */
    public int pipelines() {
        return multichannel ? channels : 1;
    }

    /** Bytes per interleaved frame of the input. */
    public int frameBytes() {
        return encoding.bytesPerSample() * channels;
    }

    /** @throws ApiException 400 naming the parameter */
    public static StreamRequest parse(Map<String, List<String>> query) {
        Params.noConflict(query, "sample_rate", "sample_rate_hertz");
        Integer rate = Params.sampleRate(query);
        String enc = Params.first(query, "encoding");
        WireCodec encoding = WireCodec.PCM;
        if (enc != null) {
            if (enc.equalsIgnoreCase("opus")) {
                throw ApiException.badRequest("Unsupported encoding 'opus': this server accepts pcm, mulaw or alaw");
            }
            try {
                encoding = WireCodec.parse(enc, WireCodec.RAW);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Unsupported encoding '" + enc + "': expected pcm, mulaw or alaw");
            }
        }
        boolean multichannel = Params.bool(query, "multichannel", false);
        Integer channels = Params.integer(query, "channels", 1, 8);
        if (multichannel && (channels == null || channels < 2)) {
            throw ApiException.badRequest("'multichannel=true' needs 'channels' between 2 and 8");
        }
        Integer endpointing = Params.integer(query, "endpointing", 0, 5000);
        Double vad = Params.number(query, "vad_threshold", 0, 1);
        Double smartTurn = Params.number(query, "smart_turn", 0, 1);
        Params.integer(query, "smart_turn_timeout", 1, 5000);
        String close = Params.first(query, "close_after_done");
        Boolean closeAfterDone = close == null ? null : Params.bool(query, "close_after_done", false);
        return new StreamRequest(rate == null ? 16000 : rate, encoding, Params.bool(query, "interim_results", false),
                endpointing == null ? DEFAULT_ENDPOINTING_MS : endpointing, Params.language(query), multichannel,
                channels == null ? 1 : channels, Params.bool(query, "diarize", false),
                Params.bool(query, "filler_words", false), Params.keyterms(query), vad == null ? 0.08 : vad,
                smartTurn, closeAfterDone);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s@%dHz x%d%s endpointing=%dms", encoding, sampleRate, channels,
                multichannel ? " multichannel" : "", endpointingMs);
    }
}
