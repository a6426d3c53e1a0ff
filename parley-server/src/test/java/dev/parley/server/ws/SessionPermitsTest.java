package dev.parley.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionPermitsTest {
    final AtomicLong now = new AtomicLong();
    final SessionPermits permits = new SessionPermits(2, now::get);

    @Test
    void anAccountGetsNoMorePermitsThanTheCapWhileOthersAreUnaffected() {
        var a = permits.tryAcquire("a");
        var b = permits.tryAcquire("a");
        a.opened();
        b.opened();
        assertThat(permits.tryAcquire("a")).isNull();
        assertThat(permits.tryAcquire("other")).isNotNull();
    }

    @Test
    void closingAPermitFreesItsPlaceOnceEvenWhenClosedTwice() {
        var a = permits.tryAcquire("a");
        var b = permits.tryAcquire("a");
        a.opened();
        b.opened();
        a.close();
        a.close();
        assertThat(permits.held("a")).isEqualTo(1);
        assertThat(permits.tryAcquire("a")).isNotNull();
        assertThat(permits.tryAcquire("a")).isNull();
    }

    @Test
    void aPermitWhoseSocketNeverOpenedStopsCountingAfterThePendingWindow() {
        permits.tryAcquire("a");
        permits.tryAcquire("a").opened();
        assertThat(permits.tryAcquire("a")).isNull();
        now.addAndGet(SessionPermits.PENDING_NANOS + 1);
        assertThat(permits.tryAcquire("a")).isNotNull();
        assertThat(permits.held("a")).isEqualTo(2);
    }

    @Test
    void anOpenedPermitCountsForeverUntilClosed() {
        permits.tryAcquire("a").opened();
        permits.tryAcquire("a").opened();
        now.addAndGet(10 * SessionPermits.PENDING_NANOS);
        assertThat(permits.tryAcquire("a")).isNull();
    }
}
