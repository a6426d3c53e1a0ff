package dev.parley.engines.diarize;

/**
 * One speaker talking from {@code start} to {@code end} seconds.
 *
 * @param start   start time in seconds, {@code >= 0}
 * @param end     end time in seconds, {@code >= start}
 * @param speaker speaker index, 0-based; {@link Diarizer} numbers speakers by first appearance, the channel
 *                helpers use the channel index
 */
public record SpeakerTurn(double start, double end, int speaker) {
    public SpeakerTurn {
        if (!(start >= 0) || !(end >= start) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("turn needs 0 <= start <= end (finite), got [" + start + ", " + end + "]");
        }
        if (speaker < 0) throw new IllegalArgumentException("speaker must be >= 0, got " + speaker);
    }

    /** Length in seconds. */
    public double duration() {
        return end - start;
    }
}
