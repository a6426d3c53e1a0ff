package dev.parley.bench.api;

import java.time.Duration;

/**
 * A player of streamed audio on a virtual real-time clock, which tells whether the audio arrived fast enough to be
 * played without a gap. Playback starts a jitter buffer after the first bytes arrive and runs at real time; when the
 * clock reaches the end of the audio received so far, the player stalls: it waits until more audio arrives and goes on
 * from there (the rest of the playback moves later by the wait). A stall is counted when audio arrives after the
 * clock passed the end of the audio before it; audio that is still to come when the stream ends is played out, so the
 * end of a stream is never a stall.
 *
 * <p>Pure logic: the caller passes each arrival's time ({@link System#nanoTime()} or any monotonic clock); nothing here
 * reads a clock or sleeps. Not thread-safe: one stream's reader feeds one player.
 */
public final class RealtimePlayer {
    private final double bytesPerSecond;
    private final long jitterNanos;
    /** When audio position 0 plays (the clock's origin); each stall moves it later by the stall. */
    private long playStart;
    private long receivedBytes;
    private long stallNanos;
    private int stalls;

    /**
     * @param bytesPerSecond how many bytes of the stream make one second of audio (PCM16 mono at 24 kHz: 48,000)
     * @param jitterBuffer   how long after the first bytes the playback starts
     */
    public RealtimePlayer(double bytesPerSecond, Duration jitterBuffer) {
        if (!(bytesPerSecond > 0)) throw new IllegalArgumentException("bytes per second must be positive: " + bytesPerSecond);
        if (jitterBuffer.isNegative()) throw new IllegalArgumentException("negative jitter buffer: " + jitterBuffer);
        this.bytesPerSecond = bytesPerSecond;
        this.jitterNanos = jitterBuffer.toNanos();
    }

    /**
     * {@code bytes} more of the stream arrived at {@code nanos}. Arrivals come in time order; an empty one changes
     * nothing.
     */
    public void received(long nanos, int bytes) {
        if (bytes <= 0) return;
        if (receivedBytes == 0) {
            playStart = nanos + jitterNanos;
        } else {
            long runOut = playStart + nanosOf(receivedBytes);
            if (nanos > runOut) {
                stalls++;
                stallNanos += nanos - runOut;
                playStart += nanos - runOut;
            }
        }
        receivedBytes += bytes;
    }

    /** Whether the player stalled at least once. */
    public boolean stalled() {
        return stalls > 0;
    }

    /** How many times the player stalled. */
    public int stalls() {
        return stalls;
    }

    /** The time spent stalled, all stalls together, in ms. */
    public double stallMillis() {
        return stallNanos / 1e6;
    }

    /** Seconds of audio received so far. */
    public double receivedSeconds() {
        return receivedBytes / bytesPerSecond;
    }

    private long nanosOf(long bytes) {
        return Math.round(bytes * 1e9 / bytesPerSecond);
    }
}
