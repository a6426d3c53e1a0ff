package dev.parley.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test client against a scripted server written here on a plain socket (RFC 6455 frames by hand). */
class TestSocketTest {
    static final Duration T = Duration.ofSeconds(10);
    private Peer peer;

    @AfterEach
    void stop() throws IOException {
        if (peer != null) peer.close();
    }

    /** A one-connection WebSocket server: the handshake, then {@code script} on the connection. */
    static final class Peer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0);
        final CompletableFuture<Map<String, String>> request = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile Socket socket;

        interface Script {
            void run(DataInputStream in, OutputStream out) throws Exception;
        }

        Peer(String subprotocol, Script script) throws IOException {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    socket = s;
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                        int c = line.indexOf(':');
                        if (c > 0) headers.put(line.substring(0, c).strip().toLowerCase(Locale.ROOT), line.substring(c + 1).strip());
                    }
                    request.complete(headers);
                    String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                            (headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n"
                            + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    script.run(in, out);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/test?x=1");
        }

        static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) if (c != '\r') b.write(c);
            return b.toString(StandardCharsets.US_ASCII);
        }

        /** One unmasked server frame. */
        static void frame(OutputStream out, int opcode, boolean fin, byte[] payload) throws IOException {
            out.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length);
            }
            out.write(payload);
            out.flush();
        }

        static void text(OutputStream out, String text) throws IOException {
            frame(out, 1, true, text.getBytes(StandardCharsets.UTF_8));
        }

        static void close(OutputStream out, int code, String reason) throws IOException {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] p = new byte[2 + r.length];
            p[0] = (byte) (code >> 8);
            p[1] = (byte) code;
            System.arraycopy(r, 0, p, 2, r.length);
            frame(out, 8, true, p);
        }

        /** Reads one masked client frame: {opcode, payload}. */
        static Object[] read(DataInputStream in) throws IOException {
            int b0 = in.readUnsignedByte(), b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) len = in.readUnsignedShort();
            else if (len == 127) len = in.readLong();
            byte[] mask = in.readNBytes(4);
            byte[] p = in.readNBytes((int) len);
            for (int i = 0; i < p.length; i++) p[i] ^= mask[i & 3];
            return new Object[] {b0 & 0x0f, p};
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (socket != null) socket.close();
        }
    }

    @Test
    void headersAndSubprotocolsGoOutAndTheChosenSubprotocolIsReported() throws Exception {
        peer = new Peer("xai-client-secret.abc", (in, out) -> close(out));
        try (TestSocket ws = TestSocket.to(peer.uri()).bearer("k1").header("x-request-id", "rid-9")
                .subprotocols("xai-client-secret.abc", "realtime").connect()) {
            Map<String, String> h = peer.request.get(10, TimeUnit.SECONDS);
            assertThat(h).containsEntry("authorization", "Bearer k1").containsEntry("x-request-id", "rid-9")
                    .containsEntry("sec-websocket-protocol", "xai-client-secret.abc, realtime");
            assertThat(ws.subprotocol()).isEqualTo("xai-client-secret.abc");
        }
    }

    private static void close(OutputStream out) throws IOException {
        Peer.close(out, 1000, "");
    }

    @Test
    void textBinaryAndFragmentedMessagesAreQueuedInOrderWithTheirJson() throws Exception {
        peer = new Peer(null, (in, out) -> {
            Peer.frame(out, 1, false, "{\"type\":\"a\",".getBytes(StandardCharsets.UTF_8));
            Peer.frame(out, 0, true, "\"n\":1}".getBytes(StandardCharsets.UTF_8));
            Peer.frame(out, 2, true, new byte[] {1, 2, 3});
            Peer.text(out, "not json");
            Peer.text(out, "{\"type\":\"b\"}");
            Peer.text(out, "{\"type\":\"c\"}");
            Peer.close(out, 1000, "bye");
        });
        try (TestSocket ws = TestSocket.to(peer.uri()).connect()) {
            TestSocket.Message a = ws.next(T);
            assertThat(a.type()).isEqualTo("a");
            assertThat(a.json().get("n").asInt()).isEqualTo(1);
            assertThat(ws.next(T).binary()).containsExactly(1, 2, 3);
            TestSocket.Message text = ws.next(T);
            assertThat(text.isText()).isTrue();
            assertThat(text.json()).isNull();
            assertThat(text.text()).isEqualTo("not json");
            List<TestSocket.Message> upToC = ws.until("c", T);
            assertThat(upToC).extracting(TestSocket.Message::type).containsExactly("b", "c");
            assertThat(ws.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(ws.closeReason()).isEqualTo("bye");
        }
    }

    @Test
    void sendsReachTheServerAsFramesInCallOrder() throws Exception {
        List<Object[]> got = new ArrayList<>();
        peer = new Peer(null, (in, out) -> {
            for (int i = 0; i < 5; i++) got.add(Peer.read(in));
            close(out);
        });
        try (TestSocket ws = TestSocket.to(peer.uri()).connect()) {
            ws.send("hello");
            ws.sendBinary(new byte[] {9, 8, 7, 6}, 1, 2);
            ws.textDelta("Hi.");
            ws.appendAudio(new byte[] {1, 2});
            ws.sendFragment("part", false);
            ws.closed().get(10, TimeUnit.SECONDS);
        }
        peer.done.get(10, TimeUnit.SECONDS);
        assertThat(got.get(0)[0]).isEqualTo(1);
        assertThat(new String((byte[]) got.get(0)[1], StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(got.get(1)[0]).isEqualTo(2);
        assertThat((byte[]) got.get(1)[1]).containsExactly(8, 7);
        assertThat(new String((byte[]) got.get(2)[1], StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"text.delta\",\"delta\":\"Hi.\"}");
        assertThat(new String((byte[]) got.get(3)[1], StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQI=\"}");
        assertThat(got.get(4)[0]).as("a text frame that is not the last of its message").isEqualTo(1);
    }

    @Test
    void aPausedSocketStopsReadingSoTheServersWritesBackUpUntilItResumes() throws Exception {
        AtomicLong written = new AtomicLong();
        int frames = 600, size = 30_000; // 18 MB: several times the socket buffers on loopback
        peer = new Peer(null, (in, out) -> {
            byte[] chunk = new byte[size];
            for (int i = 0; i < frames; i++) {
                Peer.frame(out, 2, true, chunk);
                written.addAndGet(chunk.length);
            }
            close(out);
        });
        try (TestSocket ws = TestSocket.to(peer.uri()).paused().maxQueued(frames + 1).connect()) {
            long before;
            long after = written.get();
            do { // until the server's writes stall
                before = after;
                Thread.sleep(300);
                after = written.get();
            } while (after != before || after == 0);
            assertThat(after).isLessThan(frames * (long) size / 2);
            assertThat(ws.poll(Duration.ofMillis(100))).as("nothing is read while paused").isNull();
            ws.resumeReading();
            assertThat(ws.closed().get(30, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(ws.drain()).hasSize(frames);
            assertThat(written.get()).isEqualTo(frames * (long) size);
        }
    }

    @Test
    void aFullQueueDropsLaterMessagesAndSaysSo() throws Exception {
        peer = new Peer(null, (in, out) -> {
            for (int i = 0; i < 3; i++) Peer.text(out, "{\"type\":\"m" + i + "\"}");
            close(out);
        });
        try (TestSocket ws = TestSocket.to(peer.uri()).maxQueued(2).connect()) {
            ws.closed().get(10, TimeUnit.SECONDS);
            assertThat(ws.overflowed()).isTrue();
            assertThat(ws.drain()).extracting(TestSocket.Message::type).containsExactly("m0", "m1");
        }
    }

    @Test
    void waitingInVainReturnsNullOrFailsNamingWhatArrived() throws Exception {
        peer = new Peer(null, (in, out) -> {
            Peer.text(out, "{\"type\":\"only\"}");
            Peer.read(in); // until the client closes
        });
        try (TestSocket ws = TestSocket.to(peer.uri()).connect()) {
            assertThat(ws.await("other", Duration.ofMillis(300), null)).isNull();
            assertThat(ws.poll(Duration.ofMillis(100))).isNull();
            assertThatThrownBy(() -> ws.next(Duration.ofMillis(100))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("{\"type\":\"only\"}");
            assertThatThrownBy(() -> ws.until("other", Duration.ofMillis(100))).hasMessageContaining("no other");
        }
    }

    @Test
    void abortReportsAnAbnormalClosure() throws Exception {
        peer = new Peer(null, (in, out) -> Peer.read(in));
        TestSocket ws = TestSocket.to(peer.uri()).connect();
        ws.abort();
        assertThat(ws.closed().get(10, TimeUnit.SECONDS)).isEqualTo(TestSocket.ABNORMAL);
    }

    @Test
    void aRefusedUpgradeFailsWithTheHandshakeException() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = refusing.accept()) {
                    Peer.readLine(s.getInputStream());
                    s.getOutputStream().write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the client went away
                }
            });
            assertThatThrownBy(() -> TestSocket.to(URI.create("ws://127.0.0.1:" + refusing.getLocalPort() + "/")).connect())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
        }
    }
}
