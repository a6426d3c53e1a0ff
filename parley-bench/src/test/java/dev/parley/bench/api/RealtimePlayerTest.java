package dev.parley.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real-time player's clock, driven by arrival times in ms: 48,000 bytes a second (PCM16 mono, 24 kHz). */
class RealtimePlayerTest {
    static final int BYTES_PER_SECOND = 48_000;

    static RealtimePlayer player() {
        return new RealtimePlayer(BYTES_PER_SECOND, Duration.ofMillis(200));
    }

    /** {@code ms} of audio. */
    static int audio(int ms) {
        return BYTES_PER_SECOND * ms / 1000;
    }

    static long at(double ms) {
        return Math.round(ms * 1e6);
    }

    @Test
    void audioArrivingAtRealTimeNeverStalls() {
        RealtimePlayer p = player();
        for (int i = 0; i < 100; i++) p.received(at(1000 + 100 * i), audio(100));
        assertThat(p.stalled()).isFalse();
        assertThat(p.stallMillis()).isZero();
        assertThat(p.receivedSeconds()).isEqualTo(10.0);
    }

    @Test
    void aGapWithinTheJitterBufferIsNoStall() {
        RealtimePlayer p = player();
        p.received(at(0), audio(100));
        // playback starts at 200 ms, runs out at 300 ms: audio at 299 ms is in time
        p.received(at(299), audio(100));
        assertThat(p.stalled()).isFalse();
    }

    @Test
    void theClockPassingTheAudioReceivedIsAStallThatLastsUntilTheNextArrival() {
        RealtimePlayer p = player();
        p.received(at(0), audio(100));
        p.received(at(250), audio(100)); // plays 200..300, then 300..400
        p.received(at(500), audio(100)); // ran out at 400: stalled 100 ms, plays 500..600
        assertThat(p.stalls()).isEqualTo(1);
        assertThat(p.stallMillis()).isEqualTo(100.0);
    }

    @Test
    void aStallMovesTheRestOfThePlaybackLater() {
        RealtimePlayer p = player();
        p.received(at(0), audio(100));   // plays 200..300
        p.received(at(400), audio(100)); // stall 100 ms, plays 400..500
        p.received(at(480), audio(100)); // in time: would have been a stall at 480 without the shift
        p.received(at(650), audio(100)); // ran out at 600: second stall, 50 ms
        assertThat(p.stalls()).isEqualTo(2);
        assertThat(p.stallMillis()).isEqualTo(150.0);
    }

    @Test
    void aStreamThatArrivesFasterThanRealTimeAndThenEndsNeverStalls() {
        RealtimePlayer p = player();
        p.received(at(0), audio(2000));
        p.received(at(1500), audio(2000));
        // nothing more comes: the stream ended and is played out
        assertThat(p.stalled()).isFalse();
        assertThat(p.receivedSeconds()).isEqualTo(4.0);
    }

    @Test
    void emptyReadsChangeNothing() {
        RealtimePlayer p = player();
        p.received(at(0), 0);
        p.received(at(5000), audio(100));
        p.received(at(5100), 0);
        p.received(at(5250), audio(100));
        assertThat(p.stalled()).isFalse();
    }

    @Test
    void nonsenseRatesAreRefused() {
        assertThatThrownBy(() -> new RealtimePlayer(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RealtimePlayer(48_000, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
