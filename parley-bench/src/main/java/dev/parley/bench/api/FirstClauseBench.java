package dev.parley.bench.api;

import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import dev.parley.bench.ws.TestSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How soon the voice agent starts speaking a long first clause: over a real {@code /v1/realtime} socket, a
 * {@code force_message} (xAI's extension: the server speaks the given text verbatim, with a full response
 * lifecycle) of one long clause, and the times from sending it to the first {@code response.output_audio.delta} and
 * to the last one. A server that synthesises a clause whole before its first delta has first ≈ last; one that sends
 * each chunk's audio as soon as it exists starts after its first chunk.
 *
 * <p>A/B in one run: every target gets the same text, the iterations interleaved across targets (A, B, A, B, …) so
 * that the machine's load falls on both alike, each target idle before its turn. Reports p50/p95 per target and
 * the ratio of first to last delta.
 *
 * <p>Threading: one call at a time; blocks for the whole run.
 */
public final class FirstClauseBench {
    /**
     * The default clause: 208 characters, no comma, period or other clause break before its end, so both the
     * old and the new pipelines see one clause.
     */
    public static final String LONG_CLAUSE = "The quarterly maintenance window for the northern data centre has been "
            + "moved from the second Saturday of the month to the first Sunday because the cooling contractor can only "
            + "send a full crew on that weekend.";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private FirstClauseBench() {}

    /** A server under test and its label in the report (e.g. {@code before}, {@code after}). */
    public record Target(String label, ApiServer server) {}

    /** One spoken clause: ms from sending to the first and last audio delta, and the seconds of audio. */
    public record Run(double firstMs, double lastMs, double audioSeconds) {}

    /**
     * Runs {@code iterations} force_messages of {@code text} per target, interleaved, and returns the report.
     *
     * @param voice an API voice every target knows (e.g. {@code eve})
     */
    public static String run(List<Target> targets, String text, String voice, int iterations) throws Exception {
        List<List<Run>> runs = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) runs.add(new ArrayList<>());
        for (Target t : targets) speak(t.server(), text, voice); // warm-up: the first answer loads and warms the voice
        for (int i = 0; i < iterations; i++) {
            for (int t = 0; t < targets.size(); t++) runs.get(t).add(speak(targets.get(t).server(), text, voice));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "first-clause bench: force_message of one %d-character clause, voice %s, %d runs per target "
                        + "(interleaved), %d cores%n", text.length(), voice, iterations,
                Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-10s %10s %10s %10s %10s %8s %8s  %s%n", "target", "first p50",
                "first p95", "last p50", "last p95", "first/last", "audio s", "server"));
        for (int t = 0; t < targets.size(); t++) {
            List<Run> r = runs.get(t);
            double[] first = r.stream().mapToDouble(Run::firstMs).toArray();
            double[] last = r.stream().mapToDouble(Run::lastMs).toArray();
            double[] ratio = r.stream().mapToDouble(x -> x.firstMs() / x.lastMs()).toArray();
            out.append(String.format(Locale.ROOT, "%-10s %8.0fms %8.0fms %8.0fms %8.0fms %10.2f %8.1f  %s%n",
                    targets.get(t).label(), Percentiles.of(first, 50), Percentiles.of(first, 95),
                    Percentiles.of(last, 50), Percentiles.of(last, 95), Percentiles.of(ratio, 50),
                    Percentiles.of(r.stream().mapToDouble(Run::audioSeconds).toArray(), 50),
                    targets.get(t).server().describe()));
        }
        out.append("first/last: median of each run's first-delta time over its last-delta time (1.00: the clause is "
                + "synthesised whole before its first delta leaves)\n");
        return out.toString();
    }

    /** One force_message on a fresh session of {@code server}, after it is idle. */
    static Run speak(ApiServer server, String text, String voice) throws Exception {
        server.awaitIdle(Duration.ofSeconds(60));
        URI uri = URI.create(server.baseUrl() + "/v1/realtime?model=grok-voice-latest");
        try (TestSocket c = TestSocket.to(uri).bearer(server.apiKey()).connect()) {
            c.send("{\"type\":\"session.update\",\"session\":{\"voice\":\"" + voice + "\",\"turn_detection\":null,"
                    + "\"audio\":{\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}}}}}");
            if (c.await("session.updated", TIMEOUT, null) == null) throw new IllegalStateException("no session.updated");
            long t0 = System.nanoTime();
            c.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"force_message\",\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"output_text\",\"text\":" + Json.MAPPER.writeValueAsString(text) + "}]}}");
            long first = 0;
            long last = 0;
            long bytes = 0;
            while (true) {
                TestSocket.Message m = c.next(TIMEOUT);
                switch (m.type()) {
                    case "response.output_audio.delta" -> {
                        if (first == 0) first = m.nanos();
                        last = m.nanos();
                        bytes += Base64.getDecoder().decode(m.json().get("delta").stringValue()).length;
                    }
                    case "error" -> throw new IllegalStateException("error event: " + m.text());
                    case "response.done" -> {
                        if (first == 0) throw new IllegalStateException("response.done without audio: " + m.text());
                        return new Run((first - t0) / 1e6, (last - t0) / 1e6, bytes / 2 / 24000.0);
                    }
                    default -> { }
                }
            }
        }
    }
}
