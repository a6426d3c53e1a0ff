package dev.parley.bench.api;

import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.ws.TestSocket;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A soak: the voice agent, TTS and STT driven at a set load for a while, the server's resources printed every
 * interval, then the load stopped and the server checked to return to where it was. Load, each a loop on its own
 * virtual thread, one request at a time: {@code tts} loops of {@code POST /v1/tts} (a short sentence, PCM),
 * {@code stt} loops of {@code POST /v1/stt} (a recording of the speech set), one {@code /v1/stt} WebSocket stream
 * (the recording at twice real time, then {@code audio.done}), and one voice-agent loop (a typed question and a text
 * answer of a few tokens on a session reused for 10 turns).
 *
 * <p>Every interval it prints, from the server's {@code /metrics}: resident memory, JVM memory in use (heap and
 * non-heap pools), the JVM's committed
 * native memory (with Native Memory Tracking on) and the remainder outside the JVM, live threads, open file
 * descriptors, open WebSocket sessions; and from the client: requests done and failed per kind in the interval with
 * their p50/p95 latency.
 *
 * <p>Threading: one call at a time; blocks for the duration plus the drain. The {@code gc} hook (a full GC of the
 * server's JVM when it is in this process; may be null) runs before the baseline and the final reading.
 */
public final class Soak {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String RECORDING = "misc/jfk.wav";

    private Soak() {}

    /**
     * @param duration how long the load runs
     * @param interval how often a line is printed
     * @param ttsLoops concurrent TTS REST loops
     * @param sttLoops concurrent STT REST loops
     */
    public record Options(Duration duration, Duration interval, int ttsLoops, int sttLoops) {
        /** Two TTS and one STT REST loop, the STT stream and the agent; a line every 30 s. */
        public static Options defaults(Duration duration) {
            return new Options(duration, Duration.ofSeconds(30), 2, 1);
        }
    }

    /** One reading of the server's resources. */
    public record Reading(double seconds, double rss, double jvmUsed, double jvmNative, double outsideJvm,
            double threads, double fds, double sessions) {
        static Reading of(double seconds, ServerMetrics m) {
            return new Reading(seconds, m.get("process_resident_memory_bytes"), m.get("jvm_memory_used_bytes"),
                    m.get("parley_jvm_native_committed_bytes"), m.get("parley_native_outside_jvm_bytes"),
                    m.get("jvm_threads_live_threads"), m.get("process_files_open_files"),
                    m.get("parley_websocket_sessions_active"));
        }

        String line() {
            return String.format(Locale.ROOT, "%6.0fs rss %6.0f MB  jvm-used %5.0f MB  jvm-native %6s  outside-jvm %6s  "
                    + "threads %4.0f  fds %4.0f  sessions %3.0f", seconds, rss / 1e6, jvmUsed / 1e6, mb(jvmNative),
                    mb(outsideJvm), threads, fds, sessions);
        }

        private static String mb(double v) {
            return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f MB", v / 1e6);
        }
    }

    /** The run: the baseline, every interval's reading and load line, the final reading, and the errors. */
    public record Report(Reading baseline, List<Reading> readings, List<String> loadLines, Reading after,
            Map<String, Integer> done, Map<String, Integer> failed, List<String> firstErrors) {
        /** All requests of all kinds. */
        public int totalDone() {
            return done.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int totalFailed() {
            return failed.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** A plain-text report. */
        public String text() {
            StringBuilder out = new StringBuilder("soak: baseline " + baseline.line() + "\n");
            for (int i = 0; i < readings.size(); i++) {
                out.append(readings.get(i).line()).append("\n        ").append(loadLines.get(i)).append('\n');
            }
            out.append("after:  ").append(after.line()).append('\n');
            out.append(String.format(Locale.ROOT, "done %s, failed %s; rss growth %.0f MB, threads %+.0f, fds %+.0f%n",
                    done, failed, (after.rss() - baseline.rss()) / 1e6, after.threads() - baseline.threads(),
                    after.fds() - baseline.fds()));
            for (String e : firstErrors) out.append("  error: ").append(e).append('\n');
            return out.toString();
        }
    }

    /** Runs the soak against {@code server}; {@code speech} provides the recording the STT loops send. */
    public static Report run(ApiServer server, SpeechSet speech, Options o, Runnable gc) throws Exception {
        byte[] wav = speech.bytes(RECORDING);
        byte[] pcm = speech.pcm16(RECORDING, 16000);
        Map<String, ConcurrentLinkedQueue<Double>> window = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();

        // one warm-up round of every kind, then the baseline
        AgentSession[] warmAgent = new AgentSession[1];
        for (String kind : List.of("tts", "stt", "stt-ws", "agent")) {
            oneRound(kind, server, wav, pcm, warmAgent);
        }
        if (warmAgent[0] != null) warmAgent[0].close();
        server.awaitIdle(Duration.ofSeconds(60));
        if (gc != null) gc.run();
        long t0 = System.nanoTime();
        Reading baseline = Reading.of(0, ServerMetrics.scrape(server));

        List<Thread> loops = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < o.ttsLoops(); i++) kinds.add("tts");
        for (int i = 0; i < o.sttLoops(); i++) kinds.add("stt");
        kinds.add("stt-ws");
        kinds.add("agent");
        for (String kind : kinds) {
            loops.add(Thread.ofVirtual().name("soak-" + kind).start(() -> {
                AgentSession[] agent = new AgentSession[1];
                while (!stop.get()) {
                    long s = System.nanoTime();
                    try {
                        oneRound(kind, server, wav, pcm, agent);
                        window.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>()).add((System.nanoTime() - s) / 1e6);
                        done.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        failed.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                        if (errors.size() < 10) errors.add(kind + ": " + e);
                        if (agent[0] != null) {
                            agent[0].close();
                            agent[0] = null;
                        }
                    }
                }
                if (agent[0] != null) agent[0].close();
            }));
        }
        List<Reading> readings = new ArrayList<>();
        List<String> loadLines = new ArrayList<>();
        long end = t0 + o.duration().toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(o.interval().toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            Reading r = Reading.of((System.nanoTime() - t0) / 1e9, ServerMetrics.scrape(server));
            readings.add(r);
            loadLines.add(loadLine(window));
            System.out.println(r.line() + "\n        " + loadLines.getLast());
        }
        stop.set(true);
        for (Thread t : loops) t.join(Duration.ofMinutes(2));
        Reading after = settle(server, gc, baseline, t0);
        Map<String, Integer> doneOut = new LinkedHashMap<>();
        Map<String, Integer> failedOut = new LinkedHashMap<>();
        for (String k : List.of("tts", "stt", "stt-ws", "agent")) {
            doneOut.put(k, done.containsKey(k) ? done.get(k).get() : 0);
            failedOut.put(k, failed.containsKey(k) ? failed.get(k).get() : 0);
        }
        return new Report(baseline, readings, loadLines, after, doneOut, failedOut, List.copyOf(errors));
    }

    /** Waits for the server to go idle and close its sessions (at most a minute), then reads it after a GC. */
    private static Reading settle(ApiServer server, Runnable gc, Reading baseline, long t0) throws Exception {
        Reading after = null;
        for (int i = 0; i < 60; i++) {
            server.awaitIdle(Duration.ofSeconds(30));
            if (gc != null) gc.run();
            after = Reading.of((System.nanoTime() - t0) / 1e9, ServerMetrics.scrape(server));
            if (!(after.sessions() > 0) && !(after.threads() > baseline.threads() + 10)) break;
            Thread.sleep(1000);
        }
        return after;
    }

    private static String loadLine(Map<String, ConcurrentLinkedQueue<Double>> window) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("tts", "stt", "stt-ws", "agent")) {
            ConcurrentLinkedQueue<Double> q = window.get(k);
            List<Double> ms = new ArrayList<>();
            if (q != null) for (Double d; (d = q.poll()) != null; ) ms.add(d);
            sb.append(String.format(Locale.ROOT, "%s %d (p50 %.0f ms, p95 %.0f ms)  ", k, ms.size(),
                    Percentiles.of(ms, 50), Percentiles.of(ms, 95)));
        }
        return sb.toString().strip();
    }

    // ------------------------------------------------------------------------------------------------ rounds

    /** One request of {@code kind}; throws when it fails. */
    static void oneRound(String kind, ApiServer server, byte[] wav, byte[] pcm, AgentSession[] agent) throws Exception {
        switch (kind) {
            case "tts" -> {
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/tts"))
                        .header("Authorization", "Bearer " + server.apiKey()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"The soak test keeps the voices busy.\","
                                + "\"language\":\"en\",\"output_format\":{\"codec\":\"pcm\",\"sample_rate\":16000}}"))
                        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || r.body().length < 16000) {
                    throw new IllegalStateException("tts " + r.statusCode() + ", " + r.body().length + " bytes");
                }
            }
            case "stt" -> {
                String boundary = "soak" + System.nanoTime();
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--"
                        + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                        + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(wav);
                body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/stt"))
                        .header("Authorization", "Bearer " + server.apiKey())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).timeout(Duration.ofMinutes(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().toLowerCase(Locale.ROOT).contains("country")) {
                    throw new IllegalStateException("stt " + r.statusCode() + ": " + r.body());
                }
            }
            case "stt-ws" -> {
                URI uri = URI.create(server.baseUrl().toString().replaceFirst("^http", "ws")
                        + "/v1/stt?sample_rate=16000&encoding=pcm");
                try (TestSocket ws = TestSocket.to(uri).bearer(server.apiKey()).connect()) {
                    long start = System.nanoTime();
                    for (int at = 0; at < pcm.length; at += 3200) { // 100 ms chunks at twice real time
                        ws.sendBinary(pcm, at, Math.min(3200, pcm.length - at));
                        long due = start + (long) (at / 3200 + 1) * 50_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    ws.send("{\"type\":\"audio.done\"}");
                    if (ws.await("transcript.done", Duration.ofMinutes(2), null) == null) {
                        throw new IllegalStateException("stt-ws: no transcript.done");
                    }
                }
            }
            default -> {
                if (agent[0] == null || agent[0].turns >= 10) {
                    if (agent[0] != null) agent[0].close();
                    agent[0] = new AgentSession(server);
                }
                agent[0].turn();
            }
        }
    }

    /** A voice-agent session for text turns: a typed question, a short text answer. */
    static final class AgentSession implements AutoCloseable {
        final TestSocket ws;
        int turns;

        AgentSession(ApiServer server) {
            URI uri = URI.create(server.baseUrl().toString().replaceFirst("^http", "ws")
                    + "/v1/realtime?model=grok-voice-latest");
            ws = TestSocket.to(uri).bearer(server.apiKey()).connect();
            ws.send("{\"type\":\"session.update\",\"session\":{\"instructions\":\"Answer in a few words.\","
                    + "\"turn_detection\":null}}");
        }

        void turn() throws InterruptedException {
            ws.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                    + "\"content\":[{\"type\":\"input_text\",\"text\":\"What colour is the sky?\"}]}}");
            ws.send("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\"],\"max_output_tokens\":12}}");
            TestSocket.Message m = ws.await("response.done", Duration.ofMinutes(2), null);
            if (m == null) throw new IllegalStateException("agent: no response.done");
            String status = m.json().at("/response/status").asString("");
            if (!status.equals("completed") && !status.equals("incomplete")) {
                throw new IllegalStateException("agent: response " + status + ": " + m.text());
            }
            turns++;
        }

        @Override
        public void close() {
            ws.close();
        }
    }
}
