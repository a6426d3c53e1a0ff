package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.fail;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a scripted conversation (a JSON-lines file under {@code src/test/resources/realtime/}) against a
 * {@link RealtimeSession}. Each line is one step:
 * <ul>
 *   <li>{@code {"start": true}} calls {@link RealtimeSession#start()}; {@code {"close": true}} closes it</li>
 *   <li>{@code {"send": {...}}} sends a client event; an {@code audio} string {@code "$tone:600"} or
 *       {@code "$silence:500"} becomes that many ms of base64 PCM16 at 24 kHz</li>
 *   <li>{@code {"send_raw": "..."}} sends the text as is</li>
 *   <li>{@code {"expect": {...}}} the next server event must contain these fields (recursive subset match;
 *       {@code "*"} matches any present value; {@code "$name"} binds a variable on first use and must be equal after;
 *       arrays match element-wise and must have the same length)</li>
 *   <li>{@code {"expect_any": [...]}} skips zero or more events matching any pattern; {@code {"expect_some": [...]}}
 *       one or more</li>
 *   <li>{@code {"expect_until": {...}}} skips events until one matches the pattern (within the timeout)</li>
 *   <li>{@code {"expect_quiet_ms": n}} no event for n ms; {@code {"sleep_ms": n}} waits</li>
 *   <li>{@code {"send_speech": {"file": "librispeech/x.wav", "chunk_ms": 40, "silence_ms": 1000}}} streams a
 *       recording from the shared speech set as 24 kHz PCM appends of {@code chunk_ms}, then that much silence</li>
 * </ul>
 * The same scripts run in process ({@link #ScriptRunner(RealtimeConfig, RealtimeEngines)}) or over a real socket
 * ({@link #ScriptRunner(Transport, BlockingQueue)}).
 * Lines that are blank or start with {@code //} are comments.
 */
final class ScriptRunner {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long TIMEOUT_MS = 10_000;

    /** How the runner reaches a session: in process, or a socket client. */
    interface Transport {
        void start();

        void send(String json);

        void close();
    }

    final RealtimeSession session;
    final Transport transport;
    final BlockingQueue<String> out;
    long timeoutMs = TIMEOUT_MS;
    final List<JsonNode> seen = new ArrayList<>();
    final Map<String, JsonNode> vars = new HashMap<>();
    private JsonNode pushedBack;
    private String script = "";
    private int lineNo;

    ScriptRunner(RealtimeConfig config, RealtimeEngines engines) {
        this.out = new LinkedBlockingQueue<>();
        this.session = new RealtimeSession(config, engines, out::add);
        RealtimeSession s = session;
        this.transport = new Transport() {
            public void start() {
                s.start();
            }

            public void send(String json) {
                s.onText(json);
            }

            public void close() {
                s.close();
            }
        };
    }

    /** A runner over another transport whose server events arrive in {@code out}. */
    ScriptRunner(Transport transport, BlockingQueue<String> out) {
        this.session = null;
        this.transport = transport;
        this.out = out;
    }

    ScriptRunner run(String resource) {
        script = resource;
        try (InputStream in = ScriptRunner.class.getResourceAsStream("/realtime/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no script " + resource);
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (lineNo = 1; lineNo <= lines.length; lineNo++) {
                String line = lines[lineNo - 1].strip();
                if (line.isEmpty() || line.startsWith("//")) continue;
                step(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
        return this;
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
        } else if (s.has("send_speech")) {
            JsonNode sp = s.get("send_speech");
            byte[] pcm = WireFixtures.speech24k(sp.get("file").stringValue());
            int chunk = 24 * 2 * sp.path("chunk_ms").asInt(40);
            for (int off = 0; off < pcm.length; off += chunk) {
                byte[] c = java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk));
                transport.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(c) + "\"}");
            }
            int silence = sp.path("silence_ms").asInt(1000);
            byte[] zero = new byte[chunk];
            for (int ms = 0; ms < silence; ms += chunk / 48) {
                transport.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(zero) + "\"}");
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
                JsonNode e = n == 0 && some ? next() : poll(some || n > 0 ? 1500 : 1500);
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
            if (e != null) failAt("expected no event, got " + e);
        } else if (s.has("sleep_ms")) {
            Thread.sleep(s.get("sleep_ms").asLong());
        } else {
            failAt("unknown step " + s);
        }
    }

    private void failAt(String message) {
        StringBuilder sb = new StringBuilder(script + ":" + lineNo + ": " + message + "\nevents so far:");
        for (JsonNode e : seen) sb.append("\n  ").append(abbreviate(e));
        fail(sb.toString());
    }

    private static String abbreviate(JsonNode e) {
        String s = e.toString();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    JsonNode next() throws InterruptedException {
        JsonNode e = poll(timeoutMs);
        if (e == null) failAt("timed out waiting for an event");
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

    /** Events with this type seen so far. */
    List<JsonNode> seen(String type) {
        return seen.stream().filter(e -> e.get("type").stringValue().equals(type)).toList();
    }

    static boolean matches(JsonNode pattern, JsonNode actual, Map<String, JsonNode> vars, boolean bind) {
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
                    o.put(f.getKey(), Base64.getEncoder().encodeToString(pcm24k(Integer.parseInt(p[1]), p[0].equals("tone"))));
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

    /** {@code ms} of 24 kHz s16le: a 440 Hz tone at half scale, or silence. */
    static byte[] pcm24k(int ms, boolean tone) {
        int n = 24 * ms;
        byte[] b = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            short s = tone ? (short) (16000 * Math.sin(2 * Math.PI * 440 * i / 24000.0)) : 0;
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }
}
