package dev.parley.bench.api;

import dev.parley.bench.Json;
import dev.parley.bench.ws.TestSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded, seeded fuzzer of the three WebSocket protocols ({@code /v1/realtime}, {@code /v1/tts}, {@code /v1/stt}):
 * each case takes a valid event stream of one socket and mutates it — fields deleted, values swapped for other types,
 * boundary numbers, events duplicated, dropped or reordered, JSON cut short, random bytes, event types confused, the
 * client vanishing at a random point — then sends it on a fresh connection and, unless the client vanished, a probe
 * the session must still answer.
 *
 * <p>A case fails when the session stops answering, the server closes the connection (a client mistake is answered
 * with an {@code error} event, the session going on), closes with 1011, reports a {@code server_error}, or lets
 * internal exception text out. After the run the server must return to its idle state: no WebSocket session left open
 * and its live threads back near where they were. A failing case is printed with its seed and a minimal event sequence
 * (events are removed while the failure still reproduces).
 *
 * <p>Deterministic for a seed (the events of case {@code i} depend on the seed and {@code i} only; how many cases fit in
 * the time depends on the machine). Threading: one call at a time; blocks for the duration.
 */
public final class SocketFuzzer {
    /** Text that reveals internals: exception names, Java/Jackson/Jetty packages, stack frames. */
    static final Pattern INTERNAL = Pattern.compile("(?i)(exception\\b|exception:|\\bjava\\.[a-z]|jackson|"
            + "\\bat dev\\.parley|\\.java:\\d+|org\\.eclipse|nullpointer|cannot convert value|LongNode|IntNode)");
    private static final Duration ANSWER = Duration.ofSeconds(45);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SocketFuzzer() {}

    /**
     * @param seed     the run's seed
     * @param duration how long to keep starting cases
     */
    public record Options(long seed, Duration duration) {}

    /** One message of a case: a text frame, a binary frame, or the client vanishing. */
    sealed interface Step {
        record Text(String text) implements Step {}

        record Binary(byte[] data) implements Step {}

        record Vanish() implements Step {}
    }

    /** A failed case: its socket, seed and case number, the minimal steps that still fail, and what went wrong. */
    public record Failure(String socket, long seed, int caseNumber, List<String> steps, String problem) {
        @Override
        public String toString() {
            return "seed " + seed + " case " + caseNumber + " on " + socket + ": " + problem + "\n  steps:\n    "
                    + String.join("\n    ", steps);
        }
    }

    /** The run: cases per socket, messages sent, failures, and the server's state before and after. */
    public record Report(long seed, int cases, int messages, Map<String, Integer> perSocket, List<Failure> failures,
            double sessionsAfter, double threadsBefore, double threadsAfter) {
        /** Whether the run found nothing: no failing case, no session left open, threads back within 20. */
        public boolean clean() {
            return failures.isEmpty() && !(sessionsAfter > 0) && !(threadsAfter > threadsBefore + 20);
        }

        /** A plain-text report. */
        public String text() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "socket fuzz: seed %d, %d cases (%s), %d messages; %d failing; after: %.0f sessions open, live "
                            + "threads %.0f -> %.0f%n", seed, cases, perSocket, messages, failures.size(), sessionsAfter,
                    threadsBefore, threadsAfter));
            for (Failure f : failures) out.append(f).append('\n');
            out.append(clean() ? "clean\n" : "NOT CLEAN\n");
            return out.toString();
        }
    }

    /** Fuzzes {@code server} for {@code options.duration()}; a case already started is finished. */
    public static Report run(ApiServer server, Options options) throws Exception {
        server.awaitIdle(Duration.ofSeconds(60));
        double threadsBefore = ServerMetrics.scrape(server).get("jvm_threads_live_threads");
        long deadline = System.nanoTime() + options.duration().toNanos();
        Map<String, Integer> perSocket = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        int cases = 0;
        int messages = 0;
        while (System.nanoTime() < deadline) {
            Random r = new Random(options.seed() * 1_000_003L + cases);
            String socket = List.of("realtime", "tts", "stt").get(r.nextInt(3));
            List<Step> steps = mutate(base(socket), r);
            messages += steps.size();
            perSocket.merge(socket, 1, Integer::sum);
            String problem = play(server, socket, steps);
            if (problem != null) {
                List<Step> minimal = minimize(server, socket, steps);
                String again = play(server, socket, minimal);
                failures.add(new Failure(socket, options.seed(), cases, minimal.stream().map(SocketFuzzer::describe)
                        .toList(), again != null ? again : problem));
            }
            cases++;
        }
        // the server is idle again: sessions closed, threads back (sessions close asynchronously: wait a little)
        double sessions = Double.NaN;
        double threads = Double.NaN;
        for (int i = 0; i < 60; i++) {
            server.awaitIdle(Duration.ofSeconds(10));
            ServerMetrics m = ServerMetrics.scrape(server);
            sessions = m.get("parley_websocket_sessions_active");
            threads = m.get("jvm_threads_live_threads");
            if (!(sessions > 0) && !(threads > threadsBefore + 20)) break;
            Thread.sleep(500);
        }
        return new Report(options.seed(), cases, messages, perSocket, failures, sessions, threadsBefore, threads);
    }

    // ------------------------------------------------------------------------------------------------ streams

    /** The valid event stream a case starts from. */
    static List<Step> base(String socket) {
        List<Step> s = new ArrayList<>();
        switch (socket) {
            case "realtime" -> {
                s.add(json("{\"type\":\"session.update\",\"event_id\":\"f1\",\"session\":{\"voice\":\"eve\","
                        + "\"instructions\":\"Answer in one word.\",\"temperature\":0.7,\"max_output_tokens\":8,"
                        + "\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":0.5,\"silence_duration_ms\":500,"
                        + "\"prefix_padding_ms\":300,\"idle_timeout_ms\":60000},\"tools\":[{\"type\":\"function\","
                        + "\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}],\"tool_choice\":\"auto\","
                        + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}},"
                        + "\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}}}}}"));
                s.add(json("{\"type\":\"conversation.item.create\",\"event_id\":\"f2\",\"item\":{\"type\":\"message\","
                        + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hello.\"}]}}"));
                s.add(json("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"f3\",\"audio\":\""
                        + Base64.getEncoder().encodeToString(new byte[9600]) + "\"}"));
                s.add(json("{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"f4\"}"));
                s.add(json("{\"type\":\"response.create\",\"event_id\":\"f5\",\"response\":{\"modalities\":[\"text\"],"
                        + "\"max_output_tokens\":4,\"temperature\":0.5,\"instructions\":\"Be brief.\","
                        + "\"metadata\":{\"k\":\"v\"}}}"));
                s.add(json("{\"type\":\"response.cancel\",\"event_id\":\"f6\"}"));
                s.add(json("{\"type\":\"conversation.item.truncate\",\"event_id\":\"f7\",\"item_id\":\"item_x\","
                        + "\"content_index\":0,\"audio_end_ms\":10}"));
                s.add(json("{\"type\":\"conversation.item.delete\",\"event_id\":\"f8\",\"item_id\":\"item_x\"}"));
            }
            case "tts" -> {
                s.add(json("{\"type\":\"text.delta\",\"delta\":\"Hello there.\"}"));
                s.add(json("{\"type\":\"text.clear\"}"));
                s.add(json("{\"type\":\"session.update\",\"replace\":{\"Parley\":\"parlay\"}}"));
                s.add(json("{\"type\":\"text.delta\",\"delta\":\"Fine.\"}"));
                s.add(json("{\"type\":\"text.done\"}"));
            }
            default -> {
                for (int i = 0; i < 3; i++) s.add(new Step.Binary(tone(1600, i)));
                s.add(json("{\"type\":\"finalize\"}"));
                s.add(new Step.Binary(tone(1600, 3)));
                s.add(json("{\"type\":\"audio.done\"}"));
            }
        }
        return s;
    }

    private static Step json(String text) {
        return new Step.Text(text);
    }

    /** {@code samples} of a quiet 300 Hz tone as 16-bit PCM. */
    private static byte[] tone(int samples, int phase) {
        byte[] b = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            int v = (int) (3000 * Math.sin(2 * Math.PI * 300 * (i + phase * samples) / 16000.0));
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        return b;
    }

    /** One to four mutations of {@code base}, chosen by {@code r}. */
    static List<Step> mutate(List<Step> base, Random r) {
        List<Step> s = new ArrayList<>(base);
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && !s.isEmpty(); k++) {
            int i = r.nextInt(s.size());
            switch (r.nextInt(11)) {
                case 0 -> editAnyField(s, r, true);
                case 1, 2 -> editAnyField(s, r, false);
                case 3 -> s.add(i, s.get(i));
                case 4 -> s.remove(i);
                case 5 -> {
                    int j = r.nextInt(s.size());
                    Step t = s.get(i);
                    s.set(i, s.get(j));
                    s.set(j, t);
                }
                case 6 -> {
                    if (s.get(i) instanceof Step.Text t && t.text().length() > 2) {
                        s.set(i, new Step.Text(t.text().substring(0, 1 + r.nextInt(t.text().length() - 1))));
                    }
                }
                case 7 -> {
                    byte[] b = new byte[r.nextInt(3000)];
                    r.nextBytes(b);
                    s.add(i, new Step.Binary(b));
                }
                case 8 -> {
                    byte[] b = new byte[1 + r.nextInt(200)];
                    r.nextBytes(b);
                    s.add(i, new Step.Text(new String(b, StandardCharsets.ISO_8859_1)));
                }
                case 9 -> s.set(i, retype(s.get(i), r));
                default -> {
                    s.subList(i, s.size()).clear();
                    s.add(new Step.Vanish());
                    return s;
                }
            }
        }
        return s;
    }

    private static final List<String> TYPES = List.of("session.update", "input_audio_buffer.append",
            "input_audio_buffer.commit", "input_audio_buffer.clear", "conversation.item.create",
            "conversation.item.delete", "conversation.item.truncate", "response.create", "response.cancel", "text.delta",
            "text.done", "text.clear", "finalize", "audio.done", "nope");

    /** The event with another event's type. */
    private static Step retype(Step step, Random r) {
        if (!(step instanceof Step.Text t)) return step;
        JsonNode n = tryParse(t.text());
        if (!(n instanceof ObjectNode o)) return step;
        o.put("type", TYPES.get(r.nextInt(TYPES.size())));
        return new Step.Text(o.toString());
    }

    /**
     * One field, chosen evenly among every field of every JSON event of the stream, deleted ({@code delete}) or given
     * another value: a number becomes a boundary number (beyond 32 and 64 bits, negative, zero, fractional, huge) or
     * another type; anything else another type.
     */
    private static void editAnyField(List<Step> steps, Random r, boolean delete) {
        List<Integer> owner = new ArrayList<>();
        List<JsonNode> roots = new ArrayList<>();
        List<ObjectNode> parents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Step.Text t)) continue;
            JsonNode root = tryParse(t.text());
            if (!(root instanceof ObjectNode)) continue;
            int before = keys.size();
            collect(root, parents, keys);
            for (int k = before; k < keys.size(); k++) {
                owner.add(i);
                roots.add(root);
            }
        }
        if (keys.isEmpty()) return;
        int k = r.nextInt(keys.size());
        ObjectNode parent = parents.get(k);
        if (delete) {
            parent.remove(keys.get(k));
        } else {
            JsonNode old = parent.get(keys.get(k));
            parent.set(keys.get(k), old != null && old.isNumber() && r.nextInt(3) > 0 ? boundaryNumber(r) : oddValue(r));
        }
        steps.set(owner.get(k), new Step.Text(roots.get(k).toString()));
    }

    private static JsonNode boundaryNumber(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> F.numberNode(2147483648L);
            case 1 -> F.numberNode(new java.math.BigInteger("9223372036854775808"));
            case 2 -> F.numberNode(1e20);
            case 3 -> F.numberNode(-1);
            case 4 -> F.numberNode(0);
            case 5 -> F.numberNode(3.5);
            case 6 -> F.numberNode(Long.MAX_VALUE);
            case 7 -> F.numberNode(Integer.MIN_VALUE);
            default -> F.numberNode(1e308);
        };
    }

    private static void collect(JsonNode n, List<ObjectNode> parents, List<String> keys) {
        if (n instanceof ObjectNode o) {
            for (var e : o.properties()) {
                parents.add(o);
                keys.add(e.getKey());
                collect(e.getValue(), parents, keys);
            }
        } else if (n instanceof ArrayNode a) {
            for (JsonNode c : a) collect(c, parents, keys);
        }
    }

    private static JsonNode oddValue(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(0);
            case 3 -> F.numberNode(-1);
            case 4 -> F.numberNode(2147483648L);
            case 5 -> F.numberNode(new java.math.BigInteger("9223372036854775808"));
            case 6 -> F.numberNode(1e308);
            case 7 -> F.numberNode(-1e-308);
            case 8 -> F.stringNode("x");
            case 9 -> F.stringNode("");
            case 10 -> F.arrayNode().add(1).add("a");
            case 11 -> F.objectNode().put("a", 1);
            case 12 -> F.stringNode("w".repeat(10_000));
            default -> F.stringNode("\u200b\ud83d\ude00\u0000");
        };
    }

    private static JsonNode tryParse(String text) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ playing

    /** Plays the steps on a new connection; null when the server behaved, else what went wrong. */
    static String play(ApiServer server, String socket, List<Step> steps) throws InterruptedException {
        String path = switch (socket) {
            case "realtime" -> "/v1/realtime?model=grok-voice-latest";
            case "tts" -> "/v1/tts?voice=eve&codec=pcm&sample_rate=16000";
            default -> "/v1/stt?sample_rate=16000&encoding=pcm&interim_results=true";
        };
        URI uri = URI.create(server.baseUrl().toString().replaceFirst("^http", "ws") + path);
        TestSocket ws;
        try {
            ws = TestSocket.to(uri).bearer(server.apiKey()).connect();
        } catch (RuntimeException e) {
            return "connection refused: " + e.getMessage();
        }
        try (ws) {
            for (Step s : steps) {
                switch (s) {
                    case Step.Text t -> ws.send(t.text());
                    case Step.Binary b -> ws.sendBinary(b.data());
                    case Step.Vanish v -> {
                        ws.abort();
                        return null;
                    }
                }
            }
            String probe = switch (socket) {
                case "realtime" -> "{\"type\":\"session.update\",\"event_id\":\"probe\",\"session\":{}}";
                case "tts" -> "{\"type\":\"text.clear\"}";
                default -> "{\"type\":\"probe\"}";
            };
            String answer = switch (socket) {
                case "realtime" -> "session.updated";
                case "tts" -> "audio.clear";
                default -> "error";
            };
            ws.send(probe);
            long deadline = System.nanoTime() + ANSWER.toNanos();
            while (System.nanoTime() < deadline) {
                TestSocket.Message m = ws.poll(Duration.ofMillis(200));
                if (m == null) {
                    if (ws.closed().isDone()) {
                        return "closed with " + ws.closed().join() + " (" + ws.closeReason() + ")";
                    }
                    continue;
                }
                if (!m.isText()) continue;
                if (INTERNAL.matcher(m.text()).find()) return "internal text in " + m.text();
                if ("error".equals(m.type()) && m.text().contains("server_error")) return "server error: " + m.text();
                if (answer.equals(m.type()) && (!answer.equals("error") || m.text().contains("probe"))) return null;
            }
            return "no answer to the probe within " + ANSWER.toSeconds() + " s";
        } catch (RuntimeException e) {
            if (ws.closed().isDone()) return "closed with " + ws.closed().join() + " (" + ws.closeReason() + ")";
            return "send failed: " + e.getMessage();
        }
    }

    /** Removes steps one at a time while the case still fails (at most 40 replays). */
    static List<Step> minimize(ApiServer server, String socket, List<Step> steps) throws InterruptedException {
        List<Step> current = new ArrayList<>(steps);
        int replays = 0;
        for (int i = current.size() - 1; i >= 0 && replays < 40; i--) {
            List<Step> shorter = new ArrayList<>(current);
            shorter.remove(i);
            replays++;
            if (play(server, socket, shorter) != null) current = shorter;
        }
        return current;
    }

    static String describe(Step s) {
        return switch (s) {
            case Step.Text t -> "text " + (t.text().length() > 300 ? t.text().substring(0, 300) + "… ("
                    + t.text().length() + " chars)" : t.text());
            case Step.Binary b -> "binary " + b.data().length + " bytes";
            case Step.Vanish v -> "client vanishes";
        };
    }
}
