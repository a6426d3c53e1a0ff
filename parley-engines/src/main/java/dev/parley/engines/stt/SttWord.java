package dev.parley.engines.stt;

/**
 * One transcribed word. Times are seconds from the start of the audio; {@code confidence} is 0-1, or 0 when no
 * recogniser scored this word (the xAI response then omits it).
 */
public record SttWord(String text, double start, double end, double confidence) {
    public SttWord withText(String t) {
        return new SttWord(t, start, end, confidence);
    }
}
