package dev.parley.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a hand-written HTTP/1.1 request over a socket and reads the response head (and a Content-Length body).
 * Used for WebSocket upgrade requests, whose headers java.net.http will not let a test set.
 */
public final class RawHttp {
    private RawHttp() {}

    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A valid {@code Sec-WebSocket-Key} header line. */
    public static final String KEY_LINE = "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]);
    /** The {@code Sec-WebSocket-Version} header line of RFC 6455. */
    public static final String VERSION_LINE = "Sec-WebSocket-Version: 13";

    /** A WebSocket upgrade request for {@code path} with extra header lines (each "Name: value"). */
    public static Response upgrade(int port, String path, String... headerLines) throws IOException {
        String[] all = new String[headerLines.length + 2];
        all[0] = KEY_LINE;
        all[1] = VERSION_LINE;
        System.arraycopy(headerLines, 0, all, 2, headerLines.length);
        return upgradeWith(port, path, all);
    }

    /**
     * A WebSocket upgrade request for {@code path} with only {@code Host}, {@code Upgrade}, {@code Connection} and
     * the given header lines: no {@code Sec-WebSocket-Key} or {@code Sec-WebSocket-Version} unless listed.
     */
    public static Response upgradeWith(int port, String path, String... headerLines) throws IOException {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        for (String h : headerLines) sb.append(h).append("\r\n");
        sb.append("\r\n");
        return exchange(port, sb.toString());
    }

    /** Sends {@code request} (ASCII) and reads the response; the connection stays open for writing until then. */
    public static Response exchange(int port, String request) throws IOException {
        return exchange(port, request, false);
    }

    /**
     * Sends {@code request} (ASCII) and reads the response.
     *
     * @param halfClose shut the socket's output down after the request (the client sends nothing more: an early end
     *                  of a body the headers announced as longer)
     */
    public static Response exchange(int port, String request, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            if (halfClose) s.shutdownOutput();
            InputStream in = s.getInputStream();
            String statusLine = readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int c = line.indexOf(':');
                headers.put(line.substring(0, c).strip().toLowerCase(Locale.ROOT), line.substring(c + 1).strip());
            }
            String body = "";
            String len = headers.get("content-length");
            if (len != null && status != 101) {
                body = new String(in.readNBytes(Integer.parseInt(len)), StandardCharsets.UTF_8);
            }
            return new Response(status, headers, body);
        }
    }

    /**
     * Sends {@code request} (ASCII; it should say {@code Connection: close}) and returns every byte of the answer
     * until the server closes the connection, as ASCII: for asserting what follows the head, e.g. no body after a HEAD.
     */
    public static String exchangeWhole(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') break;
            if (b != '\r') out.write(b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
