package dev.parley.bench.api;

import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.ws.TestSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Time to first audio of the TTS endpoints, as a client sees it. For each {@link Variant} (the CLI starts the default
 * server, every voice on its own engine, and on request one with voice {@code eve} on Kokoro) it measures, on the first
 * English transcripts of the speech set ({@link #texts}):
 * <ul>
 *   <li>REST, for each of the variant's voices: {@code POST /v1/tts} with the default output (MP3 24 kHz) and
 *       default settings, from sending the request to reading the first byte of the body (the server commits the
 *       headers before the audio exists, so their arrival is not counted);</li>
 *   <li>WebSocket, for the variant's socket voice: on a socket opened beforehand, from sending {@code text.delta}
 *       (the whole text) and {@code text.done} to receiving the first {@code audio.delta}.</li>
 * </ul>
 * After the first audio the client stops (REST: closes the response; WebSocket: closes the socket) and waits until the
 * server is idle again ({@link ApiServer#awaitIdle}: the chunk in progress finishes), so every request meets an idle
 * server and the run measures latency, not throughput. One untimed request per endpoint and voice comes first.
 * Requests are sequential.
 *
 * <p>Runs on the calling thread; a few minutes on two cores, most of them Kokoro's when it is asked for. Wired as
 * {@code ./parley bench tts}.
 */
public final class TtsApiBench {
    /** How many English transcripts are used at most. */
    public static final int TEXTS = 15;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private TtsApiBench() {}

    /**
     * One server setup to measure.
     *
     * @param name        the setup (a report column: {@code default}, {@code kokoro})
     * @param voices      API voice to the engine that speaks it there (a report column; {@code -} when unknown), in
     *                    report order: each gets the REST rows
     * @param socketVoice the voice of the WebSocket row
     * @param texts       how many of {@link #texts} each voice speaks
     * @param server      opens the server; closed after its rows
     */
    public record Variant(String name, Map<String, String> voices, String socketVoice, int texts,
                          Callable<ApiServer> server) {
        public Variant {
            voices = Collections.unmodifiableMap(new LinkedHashMap<>(voices));
            if (texts < 1) throw new IllegalArgumentException("texts must be at least 1: " + texts);
        }
    }

    /** Runs the benchmark on the transcripts of {@code speech} against each variant in turn; returns a text report. */
    public static String run(SpeechSet speech, List<Variant> variants) throws Exception {
        List<String> all = texts(speech);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS time to first audio byte, English transcripts from %s, default "
                + "settings, %d cores%n", speech.manifest(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-10s %-5s %-8s %4s %9s %9s %9s%n", "server", "api", "voice",
                "engine", "n", "p50 ms", "p95 ms", "max ms"));
        for (Variant v : variants) {
            List<String> texts = all.subList(0, Math.min(v.texts(), all.size()));
            try (ApiServer server = v.server().call()) {
                for (Map.Entry<String, String> voice : v.voices().entrySet()) {
                    row(out, v.name(), "rest", voice.getKey(), voice.getValue(), rest(server, texts, voice.getKey()));
                }
                row(out, v.name(), "websocket", v.socketVoice(), v.voices().getOrDefault(v.socketVoice(), "-"),
                        webSocket(server, texts, v.socketVoice()));
            }
        }
        out.append("REST: request sent to the first body byte (MP3 24 kHz, chunked). WebSocket: text.delta + text.done "
                + "sent to the first audio.delta on a socket opened beforehand (MP3 24 kHz).\n");
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

    private static List<Double> rest(ApiServer server, List<String> texts, String voice) throws Exception {
        List<Double> ms = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = -1; i < texts.size(); i++) {
                String body = Json.object().put("text", texts.get(Math.max(i, 0))).put("language", "en")
                        .put("voice_id", voice).toString();
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
    private static List<Double> webSocket(ApiServer server, List<String> texts, String voice) throws Exception {
        List<Double> ms = new ArrayList<>();
        URI uri = URI.create(server.baseUrl() + "/v1/tts?language=en&voice=" + URLEncoder.encode(voice, StandardCharsets.UTF_8));
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

    private static void row(StringBuilder out, String server, String api, String voice, String engine, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        out.append(String.format(Locale.ROOT, "%-8s %-10s %-5s %-8s %4d %9.0f %9.0f %9.0f%n", server, api, voice, engine,
                s.size(), Percentiles.of(s, 50), Percentiles.of(s, 95), s.getLast()));
    }
}
