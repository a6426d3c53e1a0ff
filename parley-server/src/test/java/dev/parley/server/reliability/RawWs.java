package dev.parley.server.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client at the frame level, for the frames no conforming client sends: invalid UTF-8 in a text frame,
 * unmasked frames, reserved bits, unknown opcodes, oversized control frames, continuations without a start. Event-level
 * tests use {@code dev.parley.bench.ws.TestSocket}; this one exists only because {@code java.net.http} refuses to
 * write such frames.
 *
 * <p>Threading: one thread. Blocking: every call blocks on the socket, reads for at most the timeout given.
 */
final class RawWs implements AutoCloseable {
    /** A frame from the server. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or 1005 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final int status;

    private RawWs(Socket socket, int status) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.status = status;
    }

    /** Upgrades {@code path} on 127.0.0.1:{@code port} with a bearer key; {@link #status} is the handshake status. */
    static RawWs connect(int port, String path, String key) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16])
                + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + key + "\r\n\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        String statusLine = line(in);
        while (!line(in).isEmpty()) {
            // headers
        }
        return new RawWs(s, Integer.parseInt(statusLine.split(" ")[1]));
    }

    /** Writes one frame: {@code rsv} in bits 4-6 of the first byte, masked unless {@code masked} is false. */
    void send(int opcode, byte[] payload, boolean fin, boolean masked, int rsv) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            f.write(maskBit | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        } else {
            f.write(maskBit | 127);
            long n = payload.length;
            for (int i = 7; i >= 0; i--) f.write((int) (n >> (8 * i)));
        }
        byte[] body = payload;
        if (masked) {
            byte[] mask = {0x12, 0x34, 0x56, 0x78};
            f.write(mask, 0, 4);
            body = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) body[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        f.write(body, 0, body.length);
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * The frames the server sends until it closes (a close frame, or the connection ends), or until {@code timeoutMs}
     * passes without a frame.
     */
    List<Frame> readUntilClose(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        List<Frame> frames = new ArrayList<>();
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) return frames;
                int b1 = in.read();
                if (b1 < 0) return frames;
                long len = b1 & 0x7f;
                if (len == 126) len = ((long) in.read() << 8) | in.read();
                else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) len = (len << 8) | in.read();
                }
                byte[] payload = in.readNBytes((int) len);
                Frame f = new Frame(b0 & 0x0f, payload);
                frames.add(f);
                if (f.opcode() == 8) return frames;
            }
        } catch (SocketTimeoutException e) {
            return frames;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
