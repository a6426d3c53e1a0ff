package dev.parley.client;

import java.util.List;

/**
 * Query parameters of the streaming STT WebSocket. Null fields are not sent (server defaults: 16000 Hz {@code pcm},
 * no interim results).
 *
 * @param sampleRate        Hz of the audio you send, or null
 * @param encoding          {@code pcm} (s16le), {@code mulaw}, {@code alaw}, or null
 * @param interimResults    emit {@code is_final=false} partials, or null
 * @param endpointing       ms of silence that end an utterance (0–5000), or null
 * @param language          language code (enables inverse text normalization), or null
 * @param multichannel      transcribe interleaved channels separately, or null
 * @param channels          channel count of the interleaved audio, or null
 * @param diarize           speaker numbers on words, or null
 * @param fillerWords       keep filler words, or null
 * @param keyterms          terms to bias towards; empty for none
 * @param smartTurn         0–1 end-of-turn model threshold, or null
 * @param smartTurnTimeout  ms, or null
 * @param vadThreshold      0–1, or null
 */
public record SttStreamOptions(Integer sampleRate, String encoding, Boolean interimResults, Integer endpointing,
        String language, Boolean multichannel, Integer channels, Boolean diarize, Boolean fillerWords,
        List<String> keyterms, Double smartTurn, Integer smartTurnTimeout, Double vadThreshold) {
    public SttStreamOptions {
        keyterms = keyterms == null ? List.of() : List.copyOf(keyterms);
    }

    /** Mono 16-bit PCM at {@code sampleRate}, with or without interim results. */
    public static SttStreamOptions pcm(int sampleRate, boolean interimResults) {
        return new SttStreamOptions(sampleRate, "pcm", interimResults, null, null, null, null, null, null, null, null,
                null, null);
    }

    public SttStreamOptions withEndpointing(int ms) {
        return new SttStreamOptions(sampleRate, encoding, interimResults, ms, language, multichannel, channels, diarize,
                fillerWords, keyterms, smartTurn, smartTurnTimeout, vadThreshold);
    }

    public SttStreamOptions withLanguage(String language) {
        return new SttStreamOptions(sampleRate, encoding, interimResults, endpointing, language, multichannel, channels,
                diarize, fillerWords, keyterms, smartTurn, smartTurnTimeout, vadThreshold);
    }

    public SttStreamOptions withDiarize(boolean on) {
        return new SttStreamOptions(sampleRate, encoding, interimResults, endpointing, language, multichannel, channels,
                on, fillerWords, keyterms, smartTurn, smartTurnTimeout, vadThreshold);
    }
}
