package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramePacerTest {
    private static final long MS = 1_000_000;

    /** A manual clock whose sleeps overshoot by a fixed amount, like a busy scheduler. */
    static final class FakeClock implements FramePacer.Clock {
        long now = 1_000 * MS;
        long oversleep;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos + oversleep;
        }
    }

    @Test
    void firstFrameGoesOutImmediately() throws InterruptedException {
        FakeClock clock = new FakeClock();
        FramePacer pacer = new FramePacer(20 * MS, 3, clock);
        pacer.awaitNextFrame();
        assertThat(clock.now).isEqualTo(1_000 * MS);
    }

    @Test
    void lateWakeUpsAndSendTimeDoNotAccumulateAsDrift() throws InterruptedException {
        FakeClock clock = new FakeClock();
        clock.oversleep = 3 * MS;
        FramePacer pacer = new FramePacer(20 * MS, 3, clock);
        long start = clock.now;
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pacer.awaitNextFrame();
            sent.add(clock.now - start);
            clock.now += 5 * MS; // time spent sending
        }
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i)).as("frame %d", i).isBetween(i * 20 * MS, i * 20 * MS + 3 * MS);
        }
    }

    @Test
    void afterAStallAtMostMaxBurstFramesGoOutBackToBack() throws InterruptedException {
        FakeClock clock = new FakeClock();
        FramePacer pacer = new FramePacer(20 * MS, 3, clock);
        pacer.awaitNextFrame();
        clock.now += 500 * MS; // the sender stalled for 25 frames
        long stallEnd = clock.now;
        int immediate = 0;
        for (int i = 0; i < 10; i++) {
            pacer.awaitNextFrame();
            if (clock.now == stallEnd) immediate++;
        }
        assertThat(immediate).isEqualTo(3);
        assertThat(clock.now).isEqualTo(stallEnd + 7 * 20 * MS);
    }

    @Test
    void resetStartsANewScheduleImmediately() throws InterruptedException {
        FakeClock clock = new FakeClock();
        FramePacer pacer = new FramePacer(20 * MS, 3, clock);
        pacer.awaitNextFrame();
        pacer.reset();
        long before = clock.now;
        pacer.awaitNextFrame();
        assertThat(clock.now).isEqualTo(before);
        assertThat(pacer.nanosUntilNextFrame()).isEqualTo(20 * MS);
        assertThat(pacer.framesSent()).isEqualTo(2);
    }

    @Test
    void systemClockPacesTenFramesOfFiveMillisecondsInAboutFortyFive() throws InterruptedException {
        FramePacer pacer = new FramePacer(Duration.ofMillis(5));
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) pacer.awaitNextFrame();
        long elapsed = System.nanoTime() - t0;
        assertThat(elapsed).isBetween(45 * MS, 1_000 * MS);
    }
}
