package dev.parley.audio;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces a sender to real time: one frame every {@code frameNanos} (e.g. 20 ms of audio), against an
 * absolute schedule {@code start + n * frame}, so sleep jitter and send time never accumulate as drift.
 *
 * <p>Usage, on the sending thread (a virtual thread is fine: waiting parks, it does not pin):
 * <pre>{@code
 * FramePacer pacer = new FramePacer(Duration.ofMillis(20));
 * for (byte[] frame : frames) {
 *     pacer.awaitNextFrame();   // returns at once for the first frame
 *     send(frame);
 * }
 * }</pre>
 *
 * <p>Falling behind: when the sender is late by more than {@code maxBurst} frames (a stalled network write,
 * a GC pause), the schedule is moved forward so that at most {@code maxBurst} frames go out back-to-back to
 * catch up, rather than a long burst. {@link #reset()} starts a new schedule (e.g. after a pause in output).
 *
 * <p>Threading: an instance belongs to one sending thread; it is not thread-safe. The clock is injectable
 * for tests.
 */
public final class FramePacer {

    /** Time source and sleep: the system one by default, a manual one in tests. */
    public interface Clock {
        /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
        long nanoTime();

        /** Waits about {@code nanos} nanoseconds (may return early or late; the pacer re-checks). */
        void sleepNanos(long nanos) throws InterruptedException;

        /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                LockSupport.parkNanos(nanos);
                if (Thread.interrupted()) throw new InterruptedException();
            }
        };
    }

    private final long frameNanos;
    private final int maxBurst;
    private final Clock clock;
    private boolean started;
    private long next; // deadline of the next frame
    private long frames;

    /** A pacer for frames of {@code frame} duration, system clock, catch-up bursts of at most 3 frames. */
    public FramePacer(Duration frame) {
        this(frame.toNanos(), 3, Clock.SYSTEM);
    }

    /**
     * @param frameNanos frame duration, {@code > 0}
     * @param maxBurst   how many frames may be sent back-to-back when catching up, {@code >= 1}
     * @param clock      time source
     */
    public FramePacer(long frameNanos, int maxBurst, Clock clock) {
        if (frameNanos <= 0) throw new IllegalArgumentException("frame duration must be > 0");
        if (maxBurst < 1) throw new IllegalArgumentException("maxBurst must be >= 1");
        this.frameNanos = frameNanos;
        this.maxBurst = maxBurst;
        this.clock = clock;
    }

    /**
     * Blocks until the next frame is due, then books it. The first call (and the first after
     * {@link #reset()}) returns immediately and starts the schedule.
     *
     * @throws InterruptedException if the thread is interrupted while waiting (the frame is not booked)
     */
    public void awaitNextFrame() throws InterruptedException {
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            next = now;
        } else {
            long lateBy = now - next;
            if (lateBy > maxBurst * frameNanos) next = now - (maxBurst - 1) * frameNanos; // drop the backlog
            long wait;
            while ((wait = next - clock.nanoTime()) > 0) clock.sleepNanos(wait);
        }
        next += frameNanos;
        frames++;
    }

    /** Nanoseconds until the next frame is due (0 if due now or overdue); for callers that schedule themselves. */
    public long nanosUntilNextFrame() {
        return started ? Math.max(0, next - clock.nanoTime()) : 0;
    }

    /** Frames booked since construction (not reset by {@link #reset()}). */
    public long framesSent() {
        return frames;
    }

    /** Forgets the schedule: the next {@link #awaitNextFrame()} returns at once and starts a new one. */
    public void reset() {
        started = false;
    }
}
