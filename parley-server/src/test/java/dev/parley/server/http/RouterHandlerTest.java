package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

/** How the router tells a client's mistake and a vanished client from a server failure. */
class RouterHandlerTest {
    @Test
    void aConnectionClosedUnderTheRequestIsAVanishedClientNotAServerError() {
        assertThat(RouterHandler.clientGone(new UncheckedIOException(new EofException("closed")))).isTrue();
        assertThat(RouterHandler.clientErrorStatus(new EofException("closed"))).isZero();
        assertThat(RouterHandler.clientGone(new IllegalStateException("bug"))).isFalse();
        assertThat(RouterHandler.clientGone(new IOException("disk full"))).isFalse();
    }

    @Test
    void aMalformedBodyIsTheClientsMistakeEvenThoughItIsAnEof() {
        var early = new HttpException.RuntimeException(400, "Early EOF");
        assertThat(RouterHandler.clientErrorStatus(new UncheckedIOException(new IOException(early)))).isEqualTo(400);
    }
}
