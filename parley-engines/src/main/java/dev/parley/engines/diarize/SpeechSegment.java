package dev.parley.engines.diarize;

/**
 * A stretch of speech found by a voice activity detector, in seconds from the start of the audio.
 *
 * @param start start time in seconds, {@code >= 0}
 * @param end   end time in seconds, {@code >= start}
 */
public record SpeechSegment(double start, double end) {
    public SpeechSegment {
        if (!(start >= 0) || !(end >= start) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("speech segment needs 0 <= start <= end (finite), got [" + start + ", " + end + "]");
        }
    }

    /** Length in seconds. */
    public double duration() {
        return end - start;
    }
}
