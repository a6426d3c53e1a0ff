package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parley.bench.ws.TestSocket;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.secrets.ClientSecrets;
import dev.parley.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad-input corpus ({@code src/test/resources/reliability/bad-input.jsonl}): one line a case — a route or socket,
 * the bytes or events a hostile or broken client sends, and what must come back — run against one real server with
 * every feature and the real models. Besides each case's own expectation, every case holds the invariants of the
 * house: no 5xx for a client mistake; every error in the route's documented shape ({@code {"code","error"}} on the
 * xAI routes, OpenAI's {@code {"error":{...}}} on {@code /v1/audio/*}, an {@code error} event on the sockets); no
 * internal exception text (class names, Jackson messages, stack frames) in any response, event or close reason; a
 * socket session that must go on answers a probe event afterwards; and the server still answers {@code /health}.
 *
 * <p>Case lines (see the file's header for the full format): {@code {"name", "http": {method, path, headers, auth,
 * body | body_b64 | repeat, chunked}, "expect": {status, code, shape}}}; {@code {"name", "raw": "<request bytes>",
 * "half_close", "expect"}}; {@code {"name", "upgrade": path, "lines": [...], "expect": {status}}};
 * {@code {"name", "ws": path, "auth", "send": [...], "expect": {errors: [...], close}}}; {@code {"name", "frames":
 * path, "send": [{opcode, text | b64 | zeros, fin, masked, rsv}], "expect": {close}}}. Strings may hold {@code {KEY}},
 * {@code {PORT}}, {@code {SECRET}} (a valid client secret), {@code {EXPIRED_SECRET}}, {@code {FORGED_SECRET}} and
 * {@code {TAMPERED_SECRET}}.
 *
 * <p>No case sends a packet anywhere but 127.0.0.1: server-side fetches in the corpus name loopback or
 * special-purpose address literals, which the outbound policy refuses before connecting.
 */
class BadInputCorpusTest {
    static final String FILE = "/reliability/bad-input.jsonl";
    static final String SIGNING_KEY = "corpus-signing-key-0123456789abcdef";
    /**
     * Text that would reveal internals: exception class names, Java/Jackson/Jetty packages, stack frames, and the
     * JSON parser's own messages ("Unexpected character ('}' (code 125)): was expecting ...").
     */
    static final Pattern INTERNAL = Pattern.compile("(?i)(exception\\b|exception:|\\bjava\\.[a-z]|jackson|"
            + "\\bat dev\\.parley|\\.java:\\d+|org\\.eclipse|nullpointer|\\bcannot convert value\\b|LongNode|IntNode|"
            + "\\(code \\d+\\)|was expecting|unexpected end-of-input|unrecognized token|unexpected character)");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static ParleyServer server;
    static int port;
    static Map<String, String> vars;

    @BeforeAll
    static void start() throws Exception {
        ParleyConfig config = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY,
                "PARLEY_SHUTDOWN_GRACE_SECONDS", "1", "PARLEY_SECRET_SIGNING_KEY", SIGNING_KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0"));
        server = ParleyServer.builder(config).engines(TestRuntime.get()).start();
        server.awaitReady(Duration.ofMinutes(3));
        port = server.port();
        byte[] key = SIGNING_KEY.getBytes(StandardCharsets.UTF_8);
        String secret = new ClientSecrets(key, Clock.systemUTC(), 16).mint(TestServers.KEY, 600, null).value();
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = new ClientSecrets(key, past, 16).mint(TestServers.KEY, 60, null).value();
        String forged = new ClientSecrets("another-signing-key-0123456789abcd".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC(), 16).mint(TestServers.KEY, 600, null).value();
        char last = secret.charAt(secret.length() - 2);
        String tampered = secret.substring(0, secret.length() - 2) + (last == 'A' ? 'B' : 'A')
                + secret.charAt(secret.length() - 1);
        vars = Map.of("{KEY}", TestServers.KEY, "{PORT}", Integer.toString(port), "{SECRET}", secret,
                "{EXPIRED_SECRET}", expired, "{FORGED_SECRET}", forged, "{TAMPERED_SECRET}", tampered);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** The cases, in file order; lines starting with {@code //} and blank lines are comments. */
    static List<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " is missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("//")) continue;
                out.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void theCorpusHasAtLeastFiveHundredUniquelyNamedCasesOverEveryRouteAndSocket() {
        List<JsonNode> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(500);
        Set<String> names = new TreeSet<>();
        Set<String> targets = new TreeSet<>();
        for (JsonNode c : cases) {
            assertThat(names.add(c.get("name").stringValue())).as("duplicate name %s", c.get("name")).isTrue();
            targets.add(target(c));
        }
        assertThat(targets).contains("/v1/tts", "/v1/audio/speech", "/v1/stt", "/v1/audio/transcriptions",
                "/v1/realtime/client_secrets", "/v1/tts/voices", "/health", "ws /v1/realtime", "ws /v1/tts",
                "ws /v1/stt", "frames /v1/realtime", "frames /v1/tts", "frames /v1/stt", "upgrade /v1/realtime",
                "upgrade /v1/tts", "upgrade /v1/stt");
    }

    /**
     * Runs every case; {@code -Dcorpus.only=REGEX} runs the cases whose names match (while working on a few), and
     * {@code -Dcorpus.skip=REGEX} leaves some out.
     */
    @TestFactory
    Stream<DynamicTest> everyCaseGetsTheDocumentedAnswerAndTheServerGoesOn() {
        Pattern only = Pattern.compile(System.getProperty("corpus.only", ".*"));
        Pattern skip = Pattern.compile(System.getProperty("corpus.skip", "(?!)"));
        return cases().stream().filter(c -> only.matcher(c.get("name").stringValue()).find()
                && !skip.matcher(c.get("name").stringValue()).find()).map(c -> DynamicTest.dynamicTest(c.get("name").stringValue(), () -> {
            run(c);
            assertThat(get("/health").status).as("/health after the case").isEqualTo(200);
        }));
    }

    /** Route or socket a case aims at, for the coverage check: {@code /v1/tts}, {@code ws /v1/stt}, ... */
    static String target(JsonNode c) {
        if (c.has("target")) return c.get("target").stringValue();
        if (c.has("http")) return path(c.get("http").get("path").stringValue());
        if (c.has("raw")) return path(c.get("raw").stringValue().split(" ", 3)[1]);
        if (c.has("upgrade")) return "upgrade " + path(c.get("upgrade").stringValue());
        if (c.has("ws")) return "ws " + path(c.get("ws").stringValue());
        if (c.has("frames")) return "frames " + path(c.get("frames").stringValue());
        throw new IllegalArgumentException("case without a target: " + c);
    }

    static String path(String p) {
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    static void run(JsonNode c) throws Exception {
        JsonNode expect = c.has("expect") ? c.get("expect") : JSON.createObjectNode();
        if (c.has("http")) checkHttp(c, http(c.get("http")), expect);
        else if (c.has("raw")) checkHttp(c, exchange(sub(c.get("raw").stringValue()).getBytes(StandardCharsets.ISO_8859_1),
                c.path("half_close").asBoolean(false)), expect);
        else if (c.has("upgrade")) checkHttp(c, upgrade(c), expect);
        else if (c.has("ws")) ws(c, expect);
        else if (c.has("frames")) frames(c, expect);
        else fail("unknown case kind: " + c);
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static void checkHttp(JsonNode c, Response r, JsonNode expect) {
        String name = c.get("name").stringValue();
        String text = r.text();
        if (expect.has("status")) {
            List<Integer> allowed = new ArrayList<>();
            if (expect.get("status").isArray()) expect.get("status").forEach(s -> allowed.add(s.asInt()));
            else allowed.add(expect.get("status").asInt());
            assertThat(r.status).as("%s: status (body %s)", name, text).isIn(allowed);
        } else {
            assertThat(r.status).as("%s: a 4xx (body %s)", name, text).isBetween(400, 499);
        }
        assertThat(r.status).as("%s: no 5xx for a client mistake (body %s)", name, text).isLessThan(500);
        assertThat(text).as("%s: no internal text", name).doesNotContainPattern(INTERNAL);
        if (r.status < 400 || r.status == 101) return;
        String shape = expect.path("shape").asString(defaultShape(target(c)));
        if (shape.equals("any")) return;
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": the error body is not JSON: " + text);
        }
        if (shape.equals("openai")) {
            assertThat(body.at("/error/message").isString()).as("%s: OpenAI error shape: %s", name, text).isTrue();
            assertThat(body.at("/error/type").isString()).as("%s: OpenAI error shape: %s", name, text).isTrue();
        } else {
            assertThat(body.path("code").isString() && body.path("error").isString())
                    .as("%s: {\"code\",\"error\"}: %s", name, text).isTrue();
            if (expect.has("code")) {
                assertThat(body.get("code").stringValue()).as("%s: code", name).isEqualTo(expect.get("code").stringValue());
            }
        }
        if (expect.has("contains")) {
            assertThat(text).as("%s: message", name).containsIgnoringCase(expect.get("contains").stringValue());
        }
    }

    static String defaultShape(String target) {
        return target.startsWith("/v1/audio/") ? "openai" : "xai";
    }

    static Response get(String path) throws IOException {
        return exchange(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Builds the request of an {@code http} case: Content-Length (or chunked) computed unless given. */
    static Response http(JsonNode h) throws IOException {
        byte[] body = body(h);
        StringBuilder head = new StringBuilder(h.path("method").asString("POST")).append(' ')
                .append(sub(h.get("path").stringValue())).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\nConnection: close\r\n");
        String auth = h.path("auth").asString("key");
        switch (auth) {
            case "key" -> head.append("Authorization: Bearer ").append(TestServers.KEY).append("\r\n");
            case "none" -> { }
            default -> head.append("Authorization: ").append(sub(auth)).append("\r\n");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (h.has("headers")) h.get("headers").properties().forEach(e -> headers.put(e.getKey(), sub(e.getValue().stringValue())));
        if (h.has("lines")) h.get("lines").forEach(l -> head.append(sub(l.stringValue())).append("\r\n"));
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        boolean chunked = h.path("chunked").asBoolean(false);
        if (chunked) head.append("Transfer-Encoding: chunked\r\n");
        else if (body != null && !headers.containsKey("Content-Length")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            if (chunked) {
                for (int at = 0; at < body.length; at += 8192) {
                    int n = Math.min(8192, body.length - at);
                    req.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    req.write(body, at, n);
                    req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                req.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                req.writeBytes(body);
            }
        }
        return exchange(req.toByteArray(), h.path("half_close").asBoolean(false));
    }

    /**
     * The body of a case: {@code body} (UTF-8), {@code body_b64}, {@code repeat} {prefix, unit, count, suffix}, or
     * {@code multipart} [{name, value | b64 | zeros, filename}] with boundary {@code boundary} (default {@code b};
     * {@code cut}: bytes dropped from the end).
     */
    static byte[] body(JsonNode h) {
        if (h.has("multipart")) {
            String boundary = h.path("boundary").asString("b");
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (JsonNode part : h.get("multipart")) {
                StringBuilder head = new StringBuilder("--").append(boundary)
                        .append("\r\nContent-Disposition: form-data; name=\"").append(part.get("name").stringValue()).append('"');
                if (part.has("filename")) {
                    head.append("; filename=\"").append(part.get("filename").stringValue())
                            .append("\"\r\nContent-Type: application/octet-stream");
                }
                head.append("\r\n\r\n");
                b.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                if (part.has("value")) b.writeBytes(sub(part.get("value").stringValue()).getBytes(StandardCharsets.UTF_8));
                else if (part.has("b64")) b.writeBytes(Base64.getDecoder().decode(part.get("b64").stringValue()));
                else if (part.has("wav")) b.writeBytes(wav(part.get("wav")));
                else b.writeBytes(new byte[part.get("zeros").asInt()]);
                b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] all = b.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - h.path("cut").asInt(0));
        }
        if (h.has("body")) return sub(h.get("body").stringValue()).getBytes(StandardCharsets.UTF_8);
        if (h.has("body_b64")) return Base64.getDecoder().decode(h.get("body_b64").stringValue());
        if (h.has("repeat")) {
            JsonNode r = h.get("repeat");
            StringBuilder sb = new StringBuilder(r.path("prefix").asString(""));
            sb.append(r.get("unit").stringValue().repeat(r.get("count").asInt()));
            sb.append(r.path("suffix").asString(""));
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    static Response upgrade(JsonNode c) throws IOException {
        StringBuilder sb = new StringBuilder(c.path("method").asString("GET")).append(' ')
                .append(sub(c.get("upgrade").stringValue())).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\n");
        if (!c.path("no_defaults").asBoolean(false)) {
            sb.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(new byte[16])).append("\r\n");
        }
        String auth = c.path("auth").asString("key");
        if (auth.equals("key")) sb.append("Authorization: Bearer ").append(TestServers.KEY).append("\r\n");
        else if (!auth.equals("none")) sb.append("Authorization: ").append(sub(auth)).append("\r\n");
        if (c.has("lines")) c.get("lines").forEach(l -> sb.append(sub(l.stringValue())).append("\r\n"));
        sb.append("\r\n");
        return exchange(sb.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** Sends {@code request} and reads the response (Content-Length, chunked, or to the end); 101 ends at the head. */
    static Response exchange(byte[] request, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                if (halfClose) s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading everything (413, 431): read what it said
            }
            InputStream in = s.getInputStream();
            String statusLine = line(in);
            if (statusLine.isEmpty()) throw new AssertionError("no response (connection closed)");
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            if (status == 101 || status == 204 || status == 304) return new Response(status, headers, new byte[0]);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                if (headers.containsKey("content-length")) {
                    body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
                } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    for (int n = Integer.parseInt(line(in).strip(), 16); n > 0; n = Integer.parseInt(line(in).strip(), 16)) {
                        body.writeBytes(in.readNBytes(n));
                        line(in);
                    }
                } else {
                    body.writeBytes(in.readAllBytes());
                }
            } catch (SocketTimeoutException | NumberFormatException e) {
                // a body cut short still gets its status and what came of it checked
            }
            return new Response(status, headers, body.toByteArray());
        }
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Repeats: {@code {a*15001}} is the character {@code a} 15,001 times. */
    static final Pattern REPEAT = Pattern.compile("\\{(.)\\*(\\d+)}");

    /** The placeholders of a case string: the variables, and repeats. */
    static String sub(String s) {
        for (var e : vars.entrySet()) s = s.replace(e.getKey(), e.getValue());
        return REPEAT.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }

    /**
     * A WAV file of zero samples: {@code {rate, channels, bits, frames, data_size, riff_size, fmt_tag}}, each with a
     * plausible default, so cases can lie in any header field.
     */
    static byte[] wav(JsonNode w) {
        int rate = w.path("rate").asInt(16000), ch = w.path("channels").asInt(1), bits = w.path("bits").asInt(16);
        int frames = w.path("frames").asInt(1600);
        int data = frames * ch * bits / 8;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) w.path("riff_size").asLong(36 + data))
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) w.path("fmt_tag").asInt(1))
                .putShort((short) ch).putInt(rate).putInt(rate * ch * bits / 8).putShort((short) (ch * bits / 8))
                .putShort((short) bits).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) w.path("data_size").asLong(data));
        return b.array();
    }

    // ------------------------------------------------------------------------------------------------ sockets

    /**
     * Sends the events of a {@code ws} case, then (unless a close is expected) the probe of its socket, and checks the
     * expected errors, in order, among what came back before the probe's answer.
     */
    static void ws(JsonNode c, JsonNode expect) throws Exception {
        String name = c.get("name").stringValue();
        String path = sub(c.get("ws").stringValue());
        String auth = c.path("auth").asString("key");
        TestSocket.Builder b = TestSocket.to(URI.create("ws://127.0.0.1:" + port + path));
        if (auth.equals("key")) b.bearer(TestServers.KEY);
        else if (!auth.equals("none")) b.header("Authorization", sub(auth));
        if (c.has("subprotocols")) {
            List<String> p = new ArrayList<>();
            c.get("subprotocols").forEach(x -> p.add(sub(x.stringValue())));
            b.subprotocols(p);
        }
        try (TestSocket ws = b.connect()) {
            try {
                for (JsonNode m : c.get("send")) {
                    if (m.has("text")) ws.send(sub(m.get("text").stringValue()));
                    else if (m.has("text_repeat")) {
                        JsonNode r = m.get("text_repeat");
                        ws.send(r.path("prefix").asString("") + r.get("unit").stringValue().repeat(r.get("count").asInt())
                                + r.path("suffix").asString(""));
                    } else if (m.has("binary_b64")) ws.sendBinary(Base64.getDecoder().decode(m.get("binary_b64").stringValue()));
                    else if (m.has("binary_zeros")) ws.sendBinary(new byte[m.get("binary_zeros").asInt()]);
                    else ws.send(sub(m.toString()));
                }
            } catch (RuntimeException e) {
                // the server may close while a frame is still being written (1009 for an oversized one)
                if (!expect.has("close")) throw e;
            }
            List<TestSocket.Message> got = new ArrayList<>();
            if (expect.has("close")) {
                int code;
                try {
                    code = ws.closed().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError(name + ": not closed; received " + ws.drain());
                }
                got.addAll(ws.drain());
                List<Integer> allowed = new ArrayList<>();
                if (expect.get("close").isArray()) expect.get("close").forEach(x -> allowed.add(x.asInt()));
                else allowed.add(expect.get("close").asInt());
                assertThat(code).as("%s: close code (reason %s)", name, ws.closeReason()).isIn(allowed);
                assertThat(String.valueOf(ws.closeReason())).as("%s: close reason", name).doesNotContainPattern(INTERNAL);
            } else {
                probe(ws, path, got, name);
            }
            for (TestSocket.Message m : got) {
                if (m.isText()) assertThat(m.text()).as("%s: no internal text", name).doesNotContainPattern(INTERNAL);
            }
            if (expect.has("errors")) matchErrors(name, got, expect.get("errors"));
        }
    }

    /** Sends the socket's probe and collects everything up to its answer: the session went on. */
    static void probe(TestSocket ws, String path, List<TestSocket.Message> got, String name) throws InterruptedException {
        String probe;
        String answer;
        if (path.startsWith("/v1/realtime")) {
            probe = "{\"type\":\"session.update\",\"event_id\":\"probe\",\"session\":{}}";
            answer = "session.updated";
        } else if (path.startsWith("/v1/tts")) {
            probe = "{\"type\":\"text.clear\"}";
            answer = "audio.clear";
        } else {
            probe = "{\"type\":\"probe\"}";
            answer = "error";
        }
        ws.send(probe);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            TestSocket.Message m = ws.poll(Duration.ofMillis(200));
            if (m == null) {
                if (ws.closed().isDone()) break;
                continue;
            }
            got.add(m);
            if (!answer.equals(m.type())) continue;
            if (answer.equals("error") && !m.text().contains("probe")) continue;
            return;
        }
        throw new AssertionError(name + ": the session did not answer its probe" + (ws.closed().isDone()
                ? " (closed with " + ws.closed().join() + " " + ws.closeReason() + ")" : "") + "; received " + got);
    }

    /**
     * Each expected error, in order, is a subset of a later error event: realtime errors match on
     * {@code error.code}, {@code error.param}, {@code error.event_id}; TTS and STT errors on {@code message}
     * (contains).
     */
    static void matchErrors(String name, List<TestSocket.Message> got, JsonNode expected) {
        int at = 0;
        for (JsonNode e : expected) {
            boolean found = false;
            while (at < got.size() && !found) {
                TestSocket.Message m = got.get(at++);
                if (!"error".equals(m.type())) continue;
                JsonNode j = m.json();
                JsonNode err = j.has("error") && j.get("error").isObject() ? j.get("error") : j;
                found = true;
                for (String f : List.of("code", "param", "event_id", "type")) {
                    if (e.has(f) && !e.get(f).stringValue().equals(err.path(f).asString(null))) found = false;
                }
                if (e.has("message") && !err.path("message").asString("").toLowerCase(Locale.ROOT)
                        .contains(e.get("message").stringValue().toLowerCase(Locale.ROOT))) {
                    found = false;
                }
            }
            if (!found) throw new AssertionError(name + ": no error event matching " + e + " in " + got);
        }
    }

    /** Sends the raw frames of a {@code frames} case and checks the close code the server answers with. */
    static void frames(JsonNode c, JsonNode expect) throws Exception {
        String name = c.get("name").stringValue();
        try (RawWs ws = RawWs.connect(port, sub(c.get("frames").stringValue()), TestServers.KEY)) {
            assertThat(ws.status).as("%s: upgrade", name).isEqualTo(101);
            for (JsonNode f : c.get("send")) {
                byte[] payload;
                if (f.has("text")) payload = f.get("text").stringValue().getBytes(StandardCharsets.UTF_8);
                else if (f.has("b64")) payload = Base64.getDecoder().decode(f.get("b64").stringValue());
                else payload = new byte[f.path("zeros").asInt(0)];
                try {
                    ws.send(f.path("opcode").asInt(1), payload, f.path("fin").asBoolean(true),
                            f.path("masked").asBoolean(true), f.path("rsv").asInt(0));
                } catch (IOException e) {
                    break; // the server closed the connection on an earlier frame
                }
            }
            List<RawWs.Frame> frames = ws.readUntilClose(60_000);
            for (RawWs.Frame f : frames) {
                if (f.opcode() == 1) assertThat(f.text()).as("%s: no internal text", name).doesNotContainPattern(INTERNAL);
            }
            RawWs.Frame last = frames.isEmpty() ? null : frames.getLast();
            if (expect.has("close")) {
                assertThat(last).as("%s: a close frame; got %s", name, frames).isNotNull();
                assertThat(last.opcode()).as("%s: the last frame is a close", name).isEqualTo(8);
                List<Integer> allowed = new ArrayList<>();
                if (expect.get("close").isArray()) expect.get("close").forEach(x -> allowed.add(x.asInt()));
                else allowed.add(expect.get("close").asInt());
                assertThat(last.closeCode()).as("%s: close code (%s)", name, last.closeReason()).isIn(allowed);
                assertThat(last.closeReason()).as("%s: close reason", name).doesNotContainPattern(INTERNAL);
            }
            if (expect.has("text_contains")) {
                String all = String.join("\n", frames.stream().filter(f -> f.opcode() == 1).map(RawWs.Frame::text).toList());
                assertThat(all).as(name).contains(expect.get("text_contains").stringValue());
            }
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
