package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    final AtomicLong now = new AtomicLong();
    /** 2 sockets per key per endpoint, 3 in all; 2 requests per key, 3 in all. */
    final Admission admission = new Admission(2, 3, 2, 3, now::get);

    static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void anAccountGetsNoMoreSocketsOnAnEndpointThanItsCapWhileOtherAccountsAndEndpointsAreUnaffected() {
        admission.socket("/v1/tts", "a").opened();
        admission.socket("/v1/tts", "a").opened();
        assertThatThrownBy(() -> admission.socket("/v1/tts", "a")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("/v1/tts").contains("limit 2");
            assertThat(e.headers()).isEmpty();
        });
        assertThat(status(() -> admission.socket("/v1/realtime", "a"))).isEqualTo(200);
        assertThat(admission.refused(true)).isEqualTo(1);
    }

    @Test
    void aFullServerAnswers503WithRetryAfterWhateverTheAccount() {
        admission.socket("/v1/tts", "a");
        admission.socket("/v1/stt", "b");
        admission.socket("/v1/realtime", "c");
        assertThatThrownBy(() -> admission.socket("/v1/tts", "d")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.headers()).containsEntry("Retry-After", "5");
            assertThat(e.getMessage()).contains("limit of 3 WebSocket sessions");
        });
        assertThat(admission.refused(false)).isEqualTo(1);
        assertThat(admission.held(Admission.Kind.SOCKET)).isEqualTo(3);
    }

    @Test
    void closingAPermitFreesItsPlaceOnceEvenWhenClosedTwice() {
        var a = admission.socket("/v1/tts", "a");
        var b = admission.socket("/v1/tts", "a");
        a.opened();
        b.opened();
        a.close();
        a.close();
        assertThat(admission.held(Admission.Kind.SOCKET)).isEqualTo(1);
        assertThat(status(() -> admission.socket("/v1/tts", "a"))).isEqualTo(200);
        assertThat(status(() -> admission.socket("/v1/tts", "a"))).isEqualTo(429);
    }

    @Test
    void aSocketPermitWhoseSocketNeverOpenedStopsCountingAfterThePendingWindow() {
        admission.socket("/v1/tts", "a");
        admission.socket("/v1/tts", "a").opened();
        assertThat(status(() -> admission.socket("/v1/tts", "a"))).isEqualTo(429);
        now.addAndGet(Admission.PENDING_NANOS + 1);
        assertThat(status(() -> admission.socket("/v1/tts", "a"))).isEqualTo(200);
        assertThat(admission.held(Admission.Kind.SOCKET)).isEqualTo(2);
    }

    @Test
    void anOpenedSocketPermitCountsUntilClosedHoweverLong() {
        admission.socket("/v1/tts", "a").opened();
        admission.socket("/v1/tts", "a").opened();
        now.addAndGet(10 * Admission.PENDING_NANOS);
        assertThat(status(() -> admission.socket("/v1/tts", "a"))).isEqualTo(429);
    }

    @Test
    void requestsAreCappedPerAccountAndInAllApartFromSockets() {
        var r1 = admission.request("a");
        admission.request("a");
        assertThat(status(() -> admission.request("a"))).isEqualTo(429);
        admission.request("b");
        assertThat(status(() -> admission.request("c"))).isEqualTo(503);
        // sockets have their own caps
        assertThat(status(() -> admission.socket("/v1/tts", "a"))).isEqualTo(200);
        r1.close();
        assertThat(status(() -> admission.request("a"))).isEqualTo(200);
        assertThat(admission.held(Admission.Kind.REQUEST)).isEqualTo(3);
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> new Admission(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
