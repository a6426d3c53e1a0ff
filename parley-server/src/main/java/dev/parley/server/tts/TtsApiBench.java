package dev.parley.server.tts;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.tts.PiperEngine;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Time to first audio of the TTS endpoints, as a client sees it: starts an in-process server per engine (voice
 * {@code eve} configured to speak with Kokoro, then with Piper), and for each of the first {@value #TEXTS} English
 * transcripts of {@code manifest.tsv} measures
 * <ul>
 *   <li>REST: {@code POST /v1/tts} (default output, MP3 24 kHz) from sending the request to reading the first body
 *       byte;</li>
 *   <li>WebSocket: on one open socket per engine, from sending {@code text.delta} (the whole text) and
 *       {@code text.done} to receiving the first {@code audio.delta}.</li>
 * </ul>
 * After the first audio the client stops (REST: closes the response; WebSocket: {@code text.clear}) and waits until the
 * server is idle again (the chunk in progress finishes), so every request meets an idle server and the run measures
 * latency, not throughput. One untimed request per endpoint and engine comes first. Requests are sequential.
 *
 * Each is run with {@code optimize_streaming_latency} 0 (default first chunk, up to 48 characters) and 2 (up to 20).
 *
 * <p>Use: {@code TtsApiBench.run(Path.of("../shared/speech"))} returns the report; {@code ./parley bench tts} prints it.
 * It takes about five minutes on two cores.
 */
public final class TtsApiBench {
    /** How many English transcripts are used. */
    public static final int TEXTS = 15;

    private TtsApiBench() {}

    /** Runs the benchmark on the transcripts of {@code sharedSpeechDir/manifest.tsv} and returns a text report. */
    public static String run(Path sharedSpeechDir) throws Exception {
        List<String> texts = texts(sharedSpeechDir.resolve("manifest.tsv"));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS time to first audio, %d English transcripts from %s, voice eve, "
                + "%d cores%n", texts.size(), sharedSpeechDir.resolve("manifest.tsv"),
                Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-8s %-10s %3s %-17s %4s %9s %9s %9s%n", "engine", "api", "osl",
                "engine voice", "n", "p50 ms", "p95 ms", "max ms"));
        ParleyConfig base = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", "bench-key-0000"), Map.of());
        try (EngineRuntime engines = EngineRuntime.create(base.runtimeConfig())) {
            for (String engine : List.of("kokoro", "piper")) {
                String engineVoice = engine.equals("piper") ? PiperEngine.VOICE : "af_bella";
                String key = "bench-" + UUID.randomUUID();
                ParleyConfig config = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", key),
                        Map.of("server.host", "127.0.0.1", "server.port", "0", "voices.eve.engine", engine,
                                "voices.eve.engine_voice", engineVoice));
                try (ParleyServer server = ParleyServer.builder(config).standardFeatures(false).engines(engines)
                        .feature(new TtsFeature(config.tts())).start()) {
                    for (int latency : new int[] {0, 2}) {
                        List<Double> rest = rest(server, key, texts, latency);
                        List<Double> ws = webSocket(server, key, texts, latency);
                        row(out, engine, "rest", latency, engineVoice, rest);
                        row(out, engine, "websocket", latency, engineVoice, ws);
                    }
                }
            }
        }
        out.append("REST: request sent to first body byte (MP3 24 kHz, chunked). WebSocket: text.delta + text.done sent to "
                + "first audio.delta on an open socket. osl: optimize_streaming_latency (first chunk up to "
                + dev.parley.engines.text.ChunkPolicy.forLatency(0).firstChars() + " / "
                + dev.parley.engines.text.ChunkPolicy.forLatency(2).firstChars() + " "
                + "characters).\n");
        return out.toString();
    }

    /** Entry point for manual runs: {@code TtsApiBench <shared speech dir>}. */
    public static void main(String[] args) throws Exception {
        System.out.print(run(Path.of(args.length > 0 ? args[0] : "../shared/speech")));
        System.exit(0);
    }

    /** The first {@link #TEXTS} English transcripts, as sentences (LibriSpeech's upper case made sentence case). */
    static List<String> texts(Path manifest) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(manifest);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[0].startsWith("asterisk_es") || f[4].isBlank() || f[4].contains("|")) continue;
            String t = f[4].strip().replace("\"\"", "\"");
            if (t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1);
            if (t.equals(t.toUpperCase(Locale.ROOT))) {
                t = t.toLowerCase(Locale.ROOT);
                t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
            }
            if (".!?".indexOf(t.charAt(t.length() - 1)) < 0) t += ".";
            out.add(t);
            if (out.size() == TEXTS) break;
        }
        return out;
    }

    private static List<Double> rest(ParleyServer server, String key, List<String> texts, int latency)
            throws Exception {
        URI base = server.uri();
        HttpClient client = HttpClient.newHttpClient();
        List<Double> ms = new ArrayList<>();
        for (int i = -1; i < texts.size(); i++) {
            String text = texts.get(Math.max(i, 0));
            String body = Json.MAPPER.createObjectNode().put("text", text).put("language", "en")
                    .put("optimize_streaming_latency", latency).toString();
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/tts"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new IOException("POST /v1/tts: HTTP " + r.statusCode());
                if (in.read() < 0) throw new IOException("POST /v1/tts: empty body");
                if (i >= 0) ms.add((System.nanoTime() - t0) / 1e6);
            }
            // The server notices the closed response at its next write, after the chunk in progress: wait for it.
            awaitIdle(server, () -> server.meters().get("parley.tts.syntheses.active").gauge().value() == 0);
        }
        return ms;
    }

    private static void awaitIdle(ParleyServer server, java.util.function.BooleanSupplier idle)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        var pool = server.engines().inference();
        while (!(idle.getAsBoolean() && pool.active() == 0 && pool.queueDepth() == 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static List<Double> webSocket(ParleyServer server, String key, List<String> texts, int latency)
            throws Exception {
        URI base = server.uri();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    events.add(Json.MAPPER.readTree(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/tts?language=en&voice=eve"
                + "&optimize_streaming_latency=" + latency);
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
        List<Double> ms = new ArrayList<>();
        try {
            for (int i = -1; i < texts.size(); i++) {
                String delta = Json.MAPPER.createObjectNode().put("type", "text.delta")
                        .put("delta", texts.get(Math.max(i, 0))).toString();
                long t0 = System.nanoTime();
                ws.sendText(delta, true).join();
                ws.sendText("{\"type\":\"text.done\"}", true).join();
                await(events, "audio.delta");
                if (i >= 0) ms.add((System.nanoTime() - t0) / 1e6);
                ws.sendText("{\"type\":\"text.clear\"}", true).join();
                await(events, "audio.clear");
                awaitIdle(server, () -> true);
            }
        } finally {
            ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
        }
        return ms;
    }

    private static void await(BlockingQueue<JsonNode> events, String type) throws Exception {
        while (true) {
            JsonNode n = events.poll(120, TimeUnit.SECONDS);
            if (n == null) throw new IOException("no " + type + " within 120 s");
            String t = n.path("type").asString();
            if (t.equals("error")) throw new IOException("server error: " + n.path("message").asString());
            if (t.equals(type)) return;
        }
    }

    private static void row(StringBuilder out, String engine, String api, int latency, String voice, List<Double> ms) {
        if (Boolean.getBoolean("parley.bench.verbose")) System.err.println(engine + " " + api + " " + latency + " " + ms);
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        out.append(String.format(Locale.ROOT, "%-8s %-10s %3d %-17s %4d %9.0f %9.0f %9.0f%n", engine, api, latency, voice,
                s.size(), percentile(s, 0.50), percentile(s, 0.95), s.getLast()));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }
}
