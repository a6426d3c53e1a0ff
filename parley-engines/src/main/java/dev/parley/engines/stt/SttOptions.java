package dev.parley.engines.stt;

/**
 * Options of a file transcription (the form fields of {@code POST /v1/stt} that the engine handles).
 *
 * @param vadThreshold speech-probability gate of the VAD, 0-1 (0 disables the VAD: the audio is cut into fixed
 *     20 s windows instead)
 * @param language the requested language code, or "" (only English is recognised; it is returned as given)
 * @param format inverse text normalisation ("twenty five dollars" - "$25"); applied only when {@code language} is
 *     English ({@code en}, {@code en-*})
 * @param fillerWords keep filler words (uh, um, ...); false removes them from text and words
 */
public record SttOptions(float vadThreshold, String language, boolean format, boolean fillerWords) {
    public SttOptions {
        if (!(vadThreshold >= 0f && vadThreshold <= 1f)) {
            throw new IllegalArgumentException("vad_threshold must be between 0 and 1, got " + vadThreshold);
        }
        language = language == null ? "" : language;
    }

    /** VAD 0.5, no language, no formatting, fillers removed (the xAI defaults). */
    public static SttOptions defaults() {
        return new SttOptions(0.5f, "", false, false);
    }

    public SttOptions withFormat(String language) {
        return new SttOptions(vadThreshold, language, true, fillerWords);
    }

    public SttOptions withVadThreshold(float t) {
        return new SttOptions(t, language, format, fillerWords);
    }

    public SttOptions withFillerWords(boolean keep) {
        return new SttOptions(vadThreshold, language, format, keep);
    }

    /** Whether inverse text normalisation applies: {@code format} and an English language. */
    public boolean itn() {
        return format && InverseTextNormalizer.supports(language);
    }
}
