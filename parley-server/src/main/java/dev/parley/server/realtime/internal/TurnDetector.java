package dev.parley.server.realtime.internal;

/**
 * Server VAD turn logic over per-frame speech probabilities (spec §4.2 {@code turn_detection}): speech starts at the
 * first frame whose probability reaches {@code threshold}; it stops once {@code silence_duration_ms} of frames below
 * the threshold follow. {@code prefix_padding_ms} of audio before the start is kept in the committed turn (the caller
 * keeps that audio; this class only does the arithmetic). Times are input-stream milliseconds at 16 kHz.
 * Single-threaded.
 */
public final class TurnDetector {
    /** What a frame changed. */
    public enum Transition { NONE, STARTED, STOPPED }

    private final float threshold;
    private final int silenceMs;
    private final int prefixMs;
    private boolean speaking;
    private double silentMs;
    private long startMs;
    private long lastSpeechEndMs;

    public TurnDetector(float threshold, int silenceMs, int prefixMs) {
        this.threshold = threshold;
        this.silenceMs = silenceMs;
        this.prefixMs = prefixMs;
    }

    /**
     * @param frameEndMs input-stream time at the end of the frame
     * @param frameMs duration of the frame
     */
    public Transition frame(float probability, long frameEndMs, double frameMs) {
        boolean speech = probability >= threshold;
        if (!speaking) {
            if (speech) {
                speaking = true;
                silentMs = 0;
                startMs = Math.max(0, Math.round(frameEndMs - frameMs));
                lastSpeechEndMs = frameEndMs;
                return Transition.STARTED;
            }
            return Transition.NONE;
        }
        if (speech) {
            silentMs = 0;
            lastSpeechEndMs = frameEndMs;
            return Transition.NONE;
        }
        silentMs += frameMs;
        if (silentMs >= silenceMs) {
            speaking = false;
            return Transition.STOPPED;
        }
        return Transition.NONE;
    }

    public boolean speaking() {
        return speaking;
    }

    /** Where the detected speech started (without padding). */
    public long startMs() {
        return startMs;
    }

    /** Where the detected speech started, with the prefix padding (never before 0). */
    public long paddedStartMs() {
        return Math.max(0, startMs - prefixMs);
    }

    /** End of the last speech frame of the turn that stopped. */
    public long speechEndMs() {
        return lastSpeechEndMs;
    }

    public int prefixMs() {
        return prefixMs;
    }

    public void reset() {
        speaking = false;
        silentMs = 0;
    }
}
