package dev.parley.server.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.SessionSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a scripted conversation (a JSON-lines file under {@code src/test/resources/}) against a WebSocket protocol:
 * a {@link ProtocolSession} in process ({@link #inProcess}), or a real socket (a {@link Transport} of the test's).
 * Each line is one step:
 * <ul>
 *   <li>{@code {"start": true}} opens the session; {@code {"close": true}} closes it as a client that went away</li>
 *   <li>{@code {"send": {...}}} sends a JSON text message; in it, {@code "$tone:600"} or {@code "$silence:500"} becomes
 *       that many ms of base64 PCM16 at {@link #rate}, and a bound {@code "$name"} its value</li>
 *   <li>{@code {"send_raw": "..."}} sends the text as is</li>
 *   <li>{@code {"send_binary": {"tone_ms": 600}}} (or {@code silence_ms}, {@code bytes_b64}, {@code split: n}) sends
 *       PCM16 at {@link #rate} as one binary message, or cut into messages of {@code split} bytes</li>
 *   <li>{@code {"expect": {...}}} the next message must contain these fields (recursive subset match; {@code "*"}
 *       matches any present value; {@code "$name"} binds a variable on first use and must be equal after; arrays
 *       match element-wise and must have the same length; {@code null} must be present and null)</li>
 *   <li>{@code {"expect_any": [...]}} skips zero or more messages matching any pattern; {@code {"expect_some": [...]}}
 *       one or more; {@code {"expect_until": {...}}} skips messages until one matches</li>
 *   <li>{@code {"expect_quiet_ms": n}} no message for n ms; {@code {"expect_closed": 1000}} the session asked to close
 *       the connection with that code; {@code {"sleep_ms": n}} waits</li>
 * </ul>
 * Protocols add steps of their own by overriding {@link #extraStep}. Lines that are blank or start with {@code //} are
 * comments.
 */
public class SessionScript {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final long TIMEOUT_MS = 10_000;

    /** How the runner reaches a session. */
    public interface Transport {
        void start();

        void send(String text);

        void sendBinary(byte[] data);

        void close();
    }

    public final Transport transport;
    public final BlockingQueue<String> out;
    /** Close codes the session asked for, in order. */
    public final List<Integer> closeCodes;
    public long timeoutMs = TIMEOUT_MS;
    /** Rate of the PCM16 that {@code $tone}, {@code $silence} and {@code send_binary} make. */
    public int rate = 24000;
    public final List<JsonNode> seen = new ArrayList<>();
    public final Map<String, JsonNode> vars = new HashMap<>();
    private JsonNode pushedBack;
    private String script = "";
    private int lineNo;

    /**
     * @param transport  how messages reach the session
     * @param out        where the session's messages arrive
     * @param closeCodes where the close codes the session asks for arrive
     */
    public SessionScript(Transport transport, BlockingQueue<String> out, List<Integer> closeCodes) {
        this.transport = transport;
        this.out = out;
        this.closeCodes = closeCodes;
    }

    /** A runner that drives {@code session} in process, through a capturing sink. */
    public static SessionScript inProcess(ProtocolSession session) {
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        List<Integer> codes = new CopyOnWriteArrayList<>();
        return new SessionScript(transport(session, out, codes), out, codes);
    }

    /** A transport straight into {@code session}; its messages go to {@code out}, its close codes to {@code codes}. */
    public static Transport transport(ProtocolSession session, BlockingQueue<String> out, List<Integer> codes) {
        SessionSink sink = new SessionSink() {
            @Override
            public boolean send(String text) {
                return out.add(text);
            }

            @Override
            public void close(int code, String reason) {
                codes.add(code);
            }
        };
        return new Transport() {
            @Override
            public void start() {
                session.start(sink);
            }

            @Override
            public void send(String text) {
                session.onText(text);
            }

            @Override
            public void sendBinary(byte[] data) {
                session.onBinary(data);
            }

            @Override
            public void close() {
                session.close(ProtocolSession.CloseReason.PEER_CLOSED);
            }
        };
    }

    /** Runs the script {@code resource} (a class-path resource path, e.g. {@code /tts/utterances.jsonl}). */
    public SessionScript run(String resource) {
        script = resource;
        try (InputStream in = SessionScript.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no script " + resource);
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (lineNo = 1; lineNo <= lines.length; lineNo++) {
                String line = lines[lineNo - 1].strip();
                if (line.isEmpty() || line.startsWith("//")) continue;
                step(JSON.readTree(line));
            }
        } catch (IOException | InterruptedException e) {
            throw new RuntimeException(e);
        }
        return this;
    }

    /** A step this runner does not know: return true when handled. */
    protected boolean extraStep(JsonNode s) throws InterruptedException {
        return false;
    }

    private void step(JsonNode s) throws InterruptedException {
        if (s.has("start")) {
            transport.start();
        } else if (s.has("close")) {
            transport.close();
        } else if (s.has("send")) {
            transport.send(expand(s.get("send").deepCopy()).toString());
        } else if (s.has("send_raw")) {
            transport.send(s.get("send_raw").stringValue());
        } else if (s.has("send_binary")) {
            JsonNode b = s.get("send_binary");
            byte[] data = b.has("bytes_b64") ? Base64.getDecoder().decode(b.get("bytes_b64").stringValue())
                    : pcm(b.has("tone_ms") ? b.get("tone_ms").asInt() : b.path("silence_ms").asInt(), b.has("tone_ms"));
            int split = b.path("split").asInt(data.length);
            for (int off = 0; off < data.length; off += Math.max(1, split)) {
                transport.sendBinary(java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + split)));
            }
        } else if (s.has("expect")) {
            JsonNode e = next();
            if (!matches(s.get("expect"), e, new HashMap<>(vars), true)) failAt("expected " + s.get("expect") + "\n   got " + e);
            matches(s.get("expect"), e, vars, true);
        } else if (s.has("expect_any") || s.has("expect_some")) {
            boolean some = s.has("expect_some");
            JsonNode patterns = some ? s.get("expect_some") : s.get("expect_any");
            int n = 0;
            while (true) {
                JsonNode e = n == 0 && some ? next() : poll(1500);
                if (e == null) break;
                boolean m = false;
                for (JsonNode p : patterns) if (matches(p, e, vars, false)) m = true;
                if (!m) {
                    pushedBack = e;
                    break;
                }
                n++;
            }
            if (some && n == 0) failAt("expected one or more of " + patterns + "\n   got " + pushedBack);
        } else if (s.has("expect_until")) {
            while (true) {
                JsonNode e = next();
                if (matches(s.get("expect_until"), e, new HashMap<>(vars), true)) {
                    matches(s.get("expect_until"), e, vars, true);
                    break;
                }
            }
        } else if (s.has("expect_quiet_ms")) {
            JsonNode e = poll(s.get("expect_quiet_ms").asLong());
            if (e != null) failAt("expected no message, got " + e);
        } else if (s.has("expect_closed")) {
            int code = s.get("expect_closed").asInt();
            for (long end = System.nanoTime() + timeoutMs * 1_000_000; closeCodes.isEmpty() && System.nanoTime() < end; ) {
                Thread.sleep(5); // the session closes from its own thread
            }
            if (!closeCodes.contains(code)) failAt("expected a close with " + code + ", got " + closeCodes);
        } else if (s.has("sleep_ms")) {
            Thread.sleep(s.get("sleep_ms").asLong());
        } else if (!extraStep(s)) {
            failAt("unknown step " + s);
        }
    }

    protected void failAt(String message) {
        StringBuilder sb = new StringBuilder(script + ":" + lineNo + ": " + message + "\nmessages so far:");
        for (JsonNode e : seen) sb.append("\n  ").append(abbreviate(e));
        fail(sb.toString());
    }

    private static String abbreviate(JsonNode e) {
        String s = e.toString();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The next message; fails the script after {@link #timeoutMs}. */
    public JsonNode next() throws InterruptedException {
        JsonNode e = poll(timeoutMs);
        if (e == null) failAt("timed out waiting for a message");
        return e;
    }

    private JsonNode poll(long ms) throws InterruptedException {
        if (pushedBack != null) {
            JsonNode e = pushedBack;
            pushedBack = null;
            return e;
        }
        String s = out.poll(ms, TimeUnit.MILLISECONDS);
        if (s == null) return null;
        JsonNode e = JSON.readTree(s);
        seen.add(e);
        return e;
    }

    /** Messages with this type seen so far. */
    public List<JsonNode> seen(String type) {
        return seen.stream().filter(e -> e.get("type").stringValue().equals(type)).toList();
    }

    /** Whether {@code actual} contains {@code pattern} (see the class comment); binds variables when {@code bind}. */
    public static boolean matches(JsonNode pattern, JsonNode actual, Map<String, JsonNode> vars, boolean bind) {
        if (actual == null || actual.isMissingNode()) return false;
        if (pattern.isString()) {
            String p = pattern.stringValue();
            if (p.equals("*")) return !actual.isNull();
            if (p.startsWith("$") && p.length() > 1 && !p.startsWith("$tone") && !p.startsWith("$silence")) {
                JsonNode bound = vars.get(p);
                if (bound == null) {
                    if (bind) vars.put(p, actual);
                    return true;
                }
                return bound.equals(actual);
            }
            return actual.isString() && actual.stringValue().equals(p);
        }
        if (pattern.isObject()) {
            if (!actual.isObject()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = pattern.properties().iterator(); it.hasNext(); ) {
                var f = it.next();
                JsonNode a = actual.get(f.getKey());
                if (f.getValue().isNull()) {
                    if (a == null || !a.isNull()) return false;
                } else if (!matches(f.getValue(), a, vars, bind)) {
                    return false;
                }
            }
            return true;
        }
        if (pattern.isArray()) {
            if (!actual.isArray() || actual.size() != pattern.size()) return false;
            for (int i = 0; i < pattern.size(); i++) if (!matches(pattern.get(i), actual.get(i), vars, bind)) return false;
            return true;
        }
        if (pattern.isNumber() && actual.isNumber()) return pattern.asDouble() == actual.asDouble();
        return pattern.equals(actual);
    }

    private JsonNode expand(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (var f : List.copyOf(o.properties())) {
                JsonNode v = f.getValue();
                if (v.isString() && (v.stringValue().startsWith("$tone:") || v.stringValue().startsWith("$silence:"))) {
                    String[] p = v.stringValue().substring(1).split(":");
                    o.put(f.getKey(), Base64.getEncoder().encodeToString(pcm(Integer.parseInt(p[1]), p[0].equals("tone"))));
                } else if (v.isString() && vars.containsKey(v.stringValue())) {
                    o.set(f.getKey(), vars.get(v.stringValue()));
                } else {
                    expand(v);
                }
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) expand(e);
        }
        return n;
    }

    /** {@code ms} of s16le at {@link #rate}: a 440 Hz tone at half scale, or silence. */
    public byte[] pcm(int ms, boolean tone) {
        return pcm(ms, tone, rate);
    }

    /** {@code ms} of s16le at {@code rate}: a 440 Hz tone at half scale, or silence. */
    public static byte[] pcm(int ms, boolean tone, int rate) {
        int n = (int) ((long) rate * ms / 1000);
        byte[] b = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            short s = tone ? (short) (16000 * Math.sin(2 * Math.PI * 440 * i / (double) rate)) : 0;
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }
}
