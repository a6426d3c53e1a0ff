package dev.parley.bench.api;

import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.ws.TestSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Time to first audio of the TTS endpoints, as a client sees it. For each {@link Variant} (the CLI starts one
 * in-process server per engine, voice {@code eve} configured to speak with Kokoro, then with Piper) and for each of
 * the first {@value #TEXTS} English transcripts of the speech set it measures
 * <ul>
 *   <li>REST: {@code POST /v1/tts} (default output, MP3 24 kHz) from sending the request to reading the first body
 *       byte;</li>
 *   <li>WebSocket: on a socket opened beforehand, from sending {@code text.delta} (the whole text) and
 *       {@code text.done} to receiving the first {@code audio.delta}.</li>
 * </ul>
 * After the first audio the client stops (REST: closes the response; WebSocket: closes the socket) and waits until the
 * server is idle again ({@link ApiServer#awaitIdle}: the chunk in progress finishes), so every request meets an idle
 * server and the run measures latency, not throughput. One untimed request per endpoint and variant comes first.
 * Requests are sequential. Each is run with {@code optimize_streaming_latency} 0 (default first chunk, up to 48
 * characters) and 2 (up to 20).
 *
 * <p>Runs on the calling thread; about five minutes on two cores. Wired as {@code ./parley bench tts}.
 */
public final class TtsApiBench {
    /** How many English transcripts are used. */
    public static final int TEXTS = 15;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private TtsApiBench() {}

    /**
     * One server setup to measure.
     *
     * @param engine      the engine voice {@code eve} speaks with there (a report column)
     * @param engineVoice that engine's voice (a report column)
     * @param server      opens the server; closed after its rows
     */
    public record Variant(String engine, String engineVoice, Callable<ApiServer> server) {}

    /** Runs the benchmark on the transcripts of {@code speech} against each variant in turn; returns a text report. */
    public static String run(SpeechSet speech, List<Variant> variants) throws Exception {
        List<String> texts = texts(speech);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS time to first audio, %d English transcripts from %s, voice eve, "
                + "%d cores%n", texts.size(), speech.manifest(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-10s %3s %-17s %4s %9s %9s %9s%n", "engine", "api", "osl",
                "engine voice", "n", "p50 ms", "p95 ms", "max ms"));
        for (Variant v : variants) {
            try (ApiServer server = v.server().call()) {
                for (int latency : new int[] {0, 2}) {
                    List<Double> rest = rest(server, texts, latency);
                    List<Double> ws = webSocket(server, texts, latency);
                    row(out, v.engine(), "rest", latency, v.engineVoice(), rest);
                    row(out, v.engine(), "websocket", latency, v.engineVoice(), ws);
                }
            }
        }
        out.append("REST: request sent to first body byte (MP3 24 kHz, chunked). WebSocket: text.delta + text.done sent to "
                + "first audio.delta on a socket opened beforehand. osl: optimize_streaming_latency (first chunk up to "
                + "48 / 20 characters).\n");
        return out.toString();
    }

    /**
     * The first {@link #TEXTS} transcripts that are not Spanish and not multi-speaker, as sentences
     * ({@link SpeechSet#sentence}).
     */
    public static List<String> texts(SpeechSet speech) {
        return speech.items().stream()
                .filter(i -> !i.set().startsWith("asterisk_es") && !i.transcript().isBlank() && !i.transcript().contains("|"))
                .map(i -> SpeechSet.sentence(i.transcript())).limit(TEXTS).toList();
    }

    private static List<Double> rest(ApiServer server, List<String> texts, int latency) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Double> ms = new ArrayList<>();
        for (int i = -1; i < texts.size(); i++) {
            String body = Json.object().put("text", texts.get(Math.max(i, 0))).put("language", "en")
                    .put("optimize_streaming_latency", latency).toString();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = client.send(post(server, body), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new IOException("POST /v1/tts: HTTP " + r.statusCode());
                if (in.read() < 0) throw new IOException("POST /v1/tts: empty body");
                if (i >= 0) ms.add((System.nanoTime() - t0) / 1e6);
            }
            // The server notices the closed response at its next write, after the chunk in progress: wait for it.
            server.awaitIdle(WAIT);
        }
        return ms;
    }

    /** {@code POST /v1/tts} of a JSON body to {@code server}, with its key. */
    static HttpRequest post(ApiServer server, String jsonBody) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/tts"))
                .header("Authorization", "Bearer " + server.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
    }

    /**
     * One socket per text, connected before the clock starts and closed after the first audio: a TTS socket's worker
     * counts as a synthesis in progress while the socket is open ({@code parley_tts_syntheses_active}), so the server
     * is idle only once it is closed.
     */
    private static List<Double> webSocket(ApiServer server, List<String> texts, int latency) throws Exception {
        List<Double> ms = new ArrayList<>();
        URI uri = URI.create(server.baseUrl() + "/v1/tts?language=en&voice=eve&optimize_streaming_latency=" + latency);
        for (int i = -1; i < texts.size(); i++) {
            try (TestSocket ws = TestSocket.to(uri).bearer(server.apiKey()).connectTimeout(Duration.ofSeconds(30))
                    .connect()) {
                String delta = Json.object().put("type", "text.delta").put("delta", texts.get(Math.max(i, 0))).toString();
                long t0 = System.nanoTime();
                ws.send(delta);
                ws.textDone();
                await(ws, "audio.delta");
                if (i >= 0) ms.add((System.nanoTime() - t0) / 1e6);
            }
            server.awaitIdle(WAIT);
        }
        return ms;
    }

    /** Skips messages until one of {@code type}; fails on an {@code error} event or after two minutes. */
    private static void await(TestSocket ws, String type) throws Exception {
        while (true) {
            TestSocket.Message m = ws.poll(WAIT);
            if (m == null) throw new IOException("no " + type + " within " + WAIT.toSeconds() + " s");
            if ("error".equals(m.type())) throw new IOException("server error: " + m.json().path("message").asString());
            if (type.equals(m.type())) return;
        }
    }

    private static void row(StringBuilder out, String engine, String api, int latency, String voice, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        out.append(String.format(Locale.ROOT, "%-8s %-10s %3d %-17s %4d %9.0f %9.0f %9.0f%n", engine, api, latency, voice,
                s.size(), Percentiles.of(s, 50), Percentiles.of(s, 95), s.getLast()));
    }
}
