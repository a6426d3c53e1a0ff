package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.SocketListener;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The send queue and the receive path of {@link WsConnection}, over a scripted {@link WebSocket} (a test double: the
 * JDK's transport cannot be made to hold a send open on demand).
 */
class WsConnectionTest {
    /** Records sends; each completes only when the test says so. */
    static final class ScriptedSocket implements WebSocket {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        long requested;
        boolean aborted;

        synchronized CompletableFuture<WebSocket> record(String what) {
            sent.add(what);
            CompletableFuture<WebSocket> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        void completeAll() {
            List<CompletableFuture<WebSocket>> now;
            synchronized (this) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            now.forEach(f -> f.complete(this));
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            return record("text:" + data);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            return record("binary:" + data.remaining());
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return record("ping");
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return record("pong");
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return record("close:" + statusCode);
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    final ScriptedSocket socket = new ScriptedSocket();
    final List<Object> seen = new ArrayList<>();

    WsConnection<String> connection(long limit, SocketListener<String> listener) {
        WsConnection<String> c = new WsConnection<>(s -> s, b -> "binary " + b.length, listener, null, limit);
        c.onOpen(socket);
        c.attach(socket);
        return c;
    }

    SocketListener<String> recording() {
        return new SocketListener<>() {
            @Override
            public void onEvent(String event) {
                seen.add(event);
            }

            @Override
            public void onError(Throwable error) {
                seen.add(error);
            }
        };
    }

    @Test
    void sendsLeaveOneAtATimeInCallOrder() {
        WsConnection<String> c = connection(1 << 20, recording());
        CompletableFuture<Void> a = c.sendText("a");
        CompletableFuture<Void> b = c.sendText("b");
        assertThat(socket.sent).containsExactly("text:a");
        socket.completeAll();
        assertThat(a).isCompleted();
        assertThat(socket.sent).containsExactly("text:a", "text:b");
        socket.completeAll();
        assertThat(b).isCompleted();
    }

    @Test
    void aSendBeyondTheQueueLimitIsRejectedAndQueuesNothing() {
        WsConnection<String> c = connection(1000, recording());
        c.sendBinary(ByteBuffer.allocate(800));
        CompletableFuture<Void> rejected = c.sendBinary(ByteBuffer.allocate(300));
        assertThatThrownBy(() -> rejected.join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("outbound queue full");
        socket.completeAll();
        CompletableFuture<Void> later = c.sendBinary(ByteBuffer.allocate(300));
        socket.completeAll();
        assertThat(later).isCompleted();
        assertThat(socket.sent).containsExactly("binary:800", "binary:300");
    }

    @Test
    void oneMessageLargerThanTheLimitIsAcceptedWhenNothingElseIsQueued() {
        WsConnection<String> c = connection(1000, recording());
        CompletableFuture<Void> big = c.sendBinary(ByteBuffer.allocate(5000));
        socket.completeAll();
        assertThat(big).isCompleted();
    }

    @Test
    void aMessageSplitAcrossFramesReachesTheListenerWholeAndTheNextIsRequestedAfterIt() {
        WsConnection<String> c = connection(1000, recording());
        c.onText(socket, "{\"type\":", false);
        assertThat(seen).isEmpty();
        c.onText(socket, "\"x\"}", true);
        assertThat(seen).containsExactly("{\"type\":\"x\"}");
        assertThat(socket.requested).isEqualTo(3); // one on open, one after each frame
    }

    @Test
    void anExceptionFromTheListenerAbortsTheSocketAndIsReportedOnce() {
        RuntimeException boom = new RuntimeException("boom");
        List<Throwable> errors = new ArrayList<>();
        WsConnection<String> c = connection(1000, new SocketListener<>() {
            @Override
            public void onEvent(String event) {
                throw boom;
            }

            @Override
            public void onError(Throwable error) {
                errors.add(error);
            }
        });
        c.onText(socket, "x", true);
        c.onClose(socket, 1000, "");
        assertThat(socket.aborted).isTrue();
        assertThat(errors).containsExactly(boom);
    }

    @Test
    void closeIsSentOnceAfterQueuedMessagesAndLaterSendsAreRejected() throws Exception {
        WsConnection<String> c = connection(1000, recording());
        c.sendText("last");
        c.close();
        c.close();
        CompletableFuture<Void> after = c.sendText("too late");
        socket.completeAll();
        socket.completeAll();
        assertThat(socket.sent).containsExactly("text:last", "close:1000");
        assertThatThrownBy(() -> after.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }
}
