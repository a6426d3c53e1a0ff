package dev.parley.cli;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import dev.parley.client.AudioCodec;
import dev.parley.client.ClientEvent;
import dev.parley.client.OutputFormat;
import dev.parley.client.RealtimeAudioFormat;
import dev.parley.client.RealtimeOptions;
import dev.parley.client.RealtimeSocket;
import dev.parley.client.ServerEvent;
import dev.parley.client.SessionConfig;
import dev.parley.client.SocketListener;
import dev.parley.client.SttEvent;
import dev.parley.client.SttRequest;
import dev.parley.client.SttSocket;
import dev.parley.client.SttStreamOptions;
import dev.parley.client.Transcription;
import dev.parley.client.TtsEvent;
import dev.parley.client.TtsRequest;
import dev.parley.client.TtsSocket;
import dev.parley.client.TtsStreamOptions;
import dev.parley.client.TurnDetection;
import dev.parley.client.VoiceClient;
import dev.parley.engines.stt.SttBench;
import dev.parley.engines.stt.eval.WerScorer;
import dev.parley.engines.tts.PiperEngine;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.Json;
import dev.parley.server.stt.SttApiBench;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * {@code parley bench client}: the Java SDK ({@link VoiceClient}) end to end against an in-process Parley server on a
 * loopback port (every feature, the default models; voice {@code eve} speaks with Piper {@value PiperEngine#VOICE}),
 * with a hand-written {@link java.net.http} client as the baseline in the same run, so the SDK's own overhead shows
 * as the SDK−raw difference.
 *
 * <ul>
 *   <li>TTS REST ({@code POST /v1/tts}, PCM 24 kHz): request sent → first audio byte, and → last byte. SDK:
 *       {@link VoiceClient#speech(TtsRequest, java.util.function.Consumer)}; raw: {@link HttpClient} with an input
 *       stream body read in 16 KiB pieces.</li>
 *   <li>TTS WebSocket ({@code /v1/tts}, PCM 24 kHz): on one open socket per side, {@code text.done} sent → first
 *       {@code audio.delta} received; each utterance runs to {@code audio.done} before the next. Raw: a JDK
 *       {@link WebSocket} whose listener parses the JSON and decodes the base64 audio, as the SDK does.</li>
 *   <li>STT REST ({@code POST /v1/stt}, the WAV file uploaded as is): real-time factor (request wall time / audio
 *       duration) and WER. Raw: a hand-built multipart body.</li>
 *   <li>STT WebSocket (SDK): a recording streamed at real-time pace in 100 ms frames of 16 kHz PCM, then
 *       {@code audio.done}; from sending it to {@code transcript.done}; WER of the streamed transcript.</li>
 *   <li>Realtime (SDK): one voice turn per recording with server VAD (threshold 0.5, 500 ms silence, 300 ms prefix):
 *       300 ms of silence, the recording and then silence streamed in real time in 40 ms appends; voice-to-voice is
 *       the last voiced input sample (10 ms windows above 2 % of the peak, at its real-time position) → first
 *       {@code response.output_audio.delta} and includes the 500 ms the VAD waits; processing is
 *       {@code speech_stopped} → first audio. The answer is cancelled after its first audio (saves time).</li>
 * </ul>
 * SDK and raw alternate which goes first in each iteration; one untimed warm-up request per side and kind comes
 * first; everything is sequential, so every request meets an idle server. Event times are taken in the listener
 * callbacks. Runs on the caller's thread, a few minutes at most; not thread-safe.
 */
public final class ClientBench {
    static final int TTS_RATE = 24000;
    static final int RT_RATE = 24000;
    static final double MIN_SECONDS = 1.5;
    static final double MAX_SECONDS = 8.0;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String VOICE = "eve";

    private ClientBench() {}

    /**
     * @param iterations timed requests per side for each TTS figure
     * @param max        recordings for the STT and realtime figures (English, 1.5–8 s, manifest order)
     */
    public record Options(int iterations, int max) {
        public Options {
            if (iterations < 1 || max < 1) throw new IllegalArgumentException("iterations and max must be >= 1");
        }

        public static Options defaults() {
            return new Options(20, 5);
        }
    }

    /** A recording: the file bytes, its transcript, 16 kHz PCM, and 24 kHz PCM with 300 ms of leading silence. */
    record Recording(String file, String transcript, double seconds, byte[] wav, byte[] pcm16k, byte[] pcm24k,
            int lastVoiced24k) {}

    /** Runs the benchmark and returns the report. */
    public static String run(Path speechDir, Options options) throws Exception {
        List<Recording> recordings = recordings(speechDir, options.max());
        List<String> texts = texts(speechDir);
        String key = "bench-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PARLEY_API_KEYS", key);
        env.put("PARLEY_SHUTDOWN_GRACE_SECONDS", "1");
        env.remove(ConfigLoader.CONFIG_FILE_ENV);
        ParleyConfig config = ConfigLoader.load(null, env, Map.of("server.host", "127.0.0.1", "server.port", "0",
                "voices." + VOICE + ".engine", "piper", "voices." + VOICE + ".engine_voice", PiperEngine.VOICE));
        long started = System.nanoTime();
        try (ParleyServer server = ParleyServer.builder(config).start()) {
            URI base = server.uri();
            server.awaitReady(Duration.ofMinutes(3));
            double startSeconds = (System.nanoTime() - started) / 1e9;
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Java SDK (dev.parley.client.VoiceClient) vs raw java.net.http, "
                    + "in-process server on loopback (ready in %.1f s), %d cores%n", startSeconds,
                    Runtime.getRuntime().availableProcessors()));
            out.append(String.format(Locale.ROOT, "TTS: voice %s on Piper %s, PCM %d Hz, %d iterations over %d "
                    + "manifest transcripts; STT and realtime: %d recordings (%s); realtime: llm %s, tts %s%n", VOICE,
                    PiperEngine.VOICE, TTS_RATE, options.iterations(), Math.min(texts.size(), options.iterations()),
                    recordings.size(), String.join(", ", recordings.stream().map(Recording::file).toList()),
                    config.llm().model() == null ? config.llm().backend() : config.llm().backend() + ":" + config.llm().model(),
                    config.realtime().ttsEngine()));
            out.append(String.format(Locale.ROOT, "%-52s %3s %9s %9s %9s %9s %12s%n", "figure", "n", "SDK p50",
                    "SDK p95", "raw p50", "raw p95", "SDK-raw p50"));
            try (VoiceClient sdk = VoiceClient.builder().baseUrl(base.toString()).apiKey(key).build();
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build()) {
                Raw raw = new Raw(base, key, http);
                ttsRest(out, sdk, raw, texts, options.iterations());
                ttsWebSocket(out, sdk, raw, texts, options.iterations());
                sttRest(out, sdk, raw, recordings);
                sttWebSocket(out, sdk, recordings);
                realtime(out, sdk, recordings);
            }
            out.append("SDK-raw p50: median of the paired differences (same text or recording, same iteration); "
                    + "times in ms, RTF = request time / audio duration.\n");
            return out.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ TTS

    static void ttsRest(StringBuilder out, VoiceClient sdk, Raw raw, List<String> texts, int iterations)
            throws Exception {
        List<double[]> sdkMs = new ArrayList<>(), rawMs = new ArrayList<>(); // {first byte, total}
        for (int i = -1; i < iterations; i++) {
            String text = texts.get(Math.max(i, 0) % texts.size());
            boolean sdkFirst = i % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean useSdk = (side == 0) == sdkFirst;
                double[] r = useSdk ? sdkSpeech(sdk, text) : raw.speech(text);
                if (i >= 0) (useSdk ? sdkMs : rawMs).add(r);
            }
        }
        row(out, "TTS REST request -> first audio byte, ms", col(sdkMs, 0), col(rawMs, 0), false);
        row(out, "TTS REST request -> last audio byte, ms", col(sdkMs, 1), col(rawMs, 1), false);
    }

    private static double[] sdkSpeech(VoiceClient sdk, String text) throws Exception {
        TtsRequest req = TtsRequest.of(text).withVoice(VOICE).withFormat(OutputFormat.of(AudioCodec.PCM, TTS_RATE));
        long[] first = {0};
        long[] bytes = {0};
        long t0 = System.nanoTime();
        sdk.speech(req, chunk -> {
            if (first[0] == 0) first[0] = System.nanoTime();
            bytes[0] += chunk.length;
        });
        long t1 = System.nanoTime();
        if (bytes[0] == 0) throw new IOException("SDK speech: no audio");
        return new double[] {(first[0] - t0) / 1e6, (t1 - t0) / 1e6};
    }

    static void ttsWebSocket(StringBuilder out, VoiceClient sdk, Raw raw, List<String> texts, int iterations)
            throws Exception {
        BlockingQueue<Stamped<TtsEvent>> sdkEvents = new LinkedBlockingQueue<>();
        SocketListener<TtsEvent> listener = e -> sdkEvents.add(new Stamped<>(e, System.nanoTime()));
        List<Double> sdkMs = new ArrayList<>(), rawMs = new ArrayList<>();
        try (TtsSocket socket = sdk.openTts(TtsStreamOptions.pcm(VOICE, TTS_RATE), listener);
                Raw.TtsWs rawSocket = raw.openTts()) {
            for (int i = -1; i < iterations; i++) {
                String text = texts.get(Math.max(i, 0) % texts.size());
                boolean sdkFirst = i % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean useSdk = (side == 0) == sdkFirst;
                    double ms = useSdk ? sdkUtterance(socket, sdkEvents, text) : rawSocket.utterance(text);
                    if (i >= 0) (useSdk ? sdkMs : rawMs).add(ms);
                }
            }
        }
        row(out, "TTS WebSocket text.done -> first audio.delta, ms", sdkMs, rawMs, false);
    }

    private static double sdkUtterance(TtsSocket socket, BlockingQueue<Stamped<TtsEvent>> events, String text)
            throws Exception {
        events.clear();
        socket.sendText(text).join();
        long t0 = System.nanoTime();
        socket.done().join();
        long first = 0;
        while (true) {
            Stamped<TtsEvent> s = poll(events, "TTS audio.done");
            switch (s.event()) {
                case TtsEvent.AudioDelta d when d.audio().length > 0 -> {
                    if (first == 0) first = s.nanos();
                }
                case TtsEvent.AudioDone d -> {
                    if (first == 0) throw new IOException("TTS WebSocket: audio.done without audio");
                    return (first - t0) / 1e6;
                }
                case TtsEvent.Error e -> throw new IOException("TTS WebSocket error: " + e.message());
                default -> { }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ STT

    static void sttRest(StringBuilder out, VoiceClient sdk, Raw raw, List<Recording> recordings) throws Exception {
        List<Double> sdkRtf = new ArrayList<>(), rawRtf = new ArrayList<>();
        WerScorer.Score sdkWer = WerScorer.Score.zero(), rawWer = WerScorer.Score.zero();
        for (int i = -1; i < recordings.size(); i++) {
            Recording r = recordings.get(Math.max(i, 0));
            boolean sdkFirst = i % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean useSdk = (side == 0) == sdkFirst;
                long t0 = System.nanoTime();
                String text;
                if (useSdk) {
                    Transcription t = sdk.transcribe(SttRequest.bytes(r.wav(), fileName(r)).build());
                    text = t.text();
                } else {
                    text = raw.transcribe(r.wav(), fileName(r));
                }
                double rtf = (System.nanoTime() - t0) / 1e9 / r.seconds();
                if (i < 0) continue;
                WerScorer.Score s = WerScorer.score(r.transcript(), text);
                if (useSdk) {
                    sdkRtf.add(rtf);
                    sdkWer = sdkWer.plus(s);
                } else {
                    rawRtf.add(rtf);
                    rawWer = rawWer.plus(s);
                }
            }
        }
        row(out, "STT REST real-time factor", sdkRtf, rawRtf, true);
        out.append(String.format(Locale.ROOT, "%-52s %3d %8.1f%% %9s %8.1f%% %9s %+11.1f%n",
                "STT REST WER (all words), %", recordings.size(), 100 * sdkWer.wer(), "", 100 * rawWer.wer(), "",
                100 * (sdkWer.wer() - rawWer.wer())));
    }

    static void sttWebSocket(StringBuilder out, VoiceClient sdk, List<Recording> recordings) throws Exception {
        List<Double> ms = new ArrayList<>();
        WerScorer.Score wer = WerScorer.Score.zero();
        for (int i = -1; i < recordings.size(); i++) {
            Recording r = recordings.get(Math.max(i, 0));
            BlockingQueue<Stamped<SttEvent>> events = new LinkedBlockingQueue<>();
            SocketListener<SttEvent> listener = e -> events.add(new Stamped<>(e, System.nanoTime()));
            StringBuilder text = new StringBuilder();
            long t0;
            long done;
            try (SttSocket socket = sdk.openStt(SttStreamOptions.pcm(16000, false), listener)) {
                byte[] pcm = r.pcm16k();
                int chunk = 3200; // 100 ms
                long start = System.nanoTime();
                for (int at = 0, k = 0; at < pcm.length; at += chunk, k++) {
                    long wait = start + k * 100_000_000L - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    socket.sendAudio(pcm, at, Math.min(chunk, pcm.length - at)).join();
                }
                t0 = System.nanoTime();
                socket.audioDone().join();
                while (true) {
                    Stamped<SttEvent> s = poll(events, "transcript.done");
                    if (s.event() instanceof SttEvent.Partial p && p.speechFinal()) append(text, p.text());
                    if (s.event() instanceof SttEvent.Error e) throw new IOException("STT WebSocket error: " + e.message());
                    if (s.event() instanceof SttEvent.Done d) {
                        append(text, d.text());
                        done = s.nanos();
                        break;
                    }
                }
            }
            if (i < 0) continue;
            ms.add((done - t0) / 1e6);
            wer = wer.plus(WerScorer.score(r.transcript(), text.toString()));
        }
        row(out, "STT WebSocket end of audio -> transcript.done, ms", ms, List.of(), false);
        out.append(String.format(Locale.ROOT, "%-52s %3d %8.1f%%%n", "STT WebSocket WER (all words), %",
                recordings.size(), 100 * wer.wer()));
    }

    private static void append(StringBuilder text, String piece) {
        if (piece == null || piece.isBlank()) return;
        if (!text.isEmpty()) text.append(' ');
        text.append(piece.strip());
    }

    // ------------------------------------------------------------------------------------------------ realtime

    static void realtime(StringBuilder out, VoiceClient sdk, List<Recording> recordings) throws Exception {
        BlockingQueue<Stamped<ServerEvent>> events = new LinkedBlockingQueue<>();
        SocketListener<ServerEvent> listener = e -> events.add(new Stamped<>(e, System.nanoTime()));
        List<Double> v2v = new ArrayList<>(), processing = new ArrayList<>();
        int missed = 0;
        try (RealtimeSocket socket = sdk.openRealtime(RealtimeOptions.defaults(), listener)) {
            socket.send(new ClientEvent.SessionUpdate(SessionConfig.empty()
                    .withInstructions("You are a helpful voice assistant. Answer in one short sentence.")
                    .withTemperature(0)
                    .withTurnDetection(TurnDetection.serverVad(0.5, 500, 300))
                    .withFormats(RealtimeAudioFormat.pcm(RT_RATE), RealtimeAudioFormat.pcm(RT_RATE)))).join();
            while (!(poll(events, "session.updated").event() instanceof ServerEvent.SessionUpdated)) { }
            for (int i = -1; i < recordings.size(); i++) {
                double[] t = turn(socket, events, recordings.get(Math.max(i, 0)));
                if (i < 0) continue;
                if (t == null) missed++;
                else {
                    v2v.add(t[0]);
                    processing.add(t[1]);
                }
            }
        }
        row(out, "Realtime voice-to-voice (last voiced -> audio), ms", v2v, List.of(), false);
        row(out, "Realtime speech_stopped -> first audio, ms", processing, List.of(), false);
        if (missed > 0) out.append("Realtime: ").append(missed).append(" turn(s) without an answer in time\n");
    }

    /** One voice turn: {voice-to-voice ms, processing ms}, or null when no answer came in time. */
    private static double[] turn(RealtimeSocket socket, BlockingQueue<Stamped<ServerEvent>> events, Recording r)
            throws Exception {
        events.clear();
        AtomicBoolean stop = new AtomicBoolean();
        long t0 = System.nanoTime();
        Thread mic = Thread.ofVirtual().name("bench-client-mic").start(() -> stream(socket, r.pcm24k(), t0, stop));
        long lastVoiced = t0 + (long) (r.lastVoiced24k() * 1e9 / RT_RATE);
        long end = System.nanoTime() + TIMEOUT.toNanos();
        String answering = null;
        long firstAudio = 0, stopped = 0;
        try {
            while (System.nanoTime() < end) {
                Stamped<ServerEvent> s = events.poll(200, TimeUnit.MILLISECONDS);
                if (s == null) continue;
                switch (s.event()) {
                    case ServerEvent.SpeechStopped e -> stopped = s.nanos();
                    case ServerEvent.ResponseCreated e -> {
                        if (s.nanos() >= lastVoiced) answering = e.response().id();
                    }
                    case ServerEvent.OutputAudioDelta d -> {
                        if (firstAudio == 0 && answering != null
                                && (d.responseId() == null || d.responseId().equals(answering))) {
                            firstAudio = s.nanos();
                            socket.send(new ClientEvent.ResponseCancel(answering));
                        }
                    }
                    case ServerEvent.ResponseDone d -> {
                        if (d.response().id().equals(answering)) {
                            if (firstAudio == 0 || stopped == 0) return null;
                            return new double[] {(firstAudio - lastVoiced) / 1e6, (firstAudio - stopped) / 1e6};
                        }
                    }
                    case ServerEvent.Error e -> throw new IOException("realtime error: " + e.message());
                    default -> { }
                }
            }
            return null;
        } finally {
            stop.set(true);
            mic.join();
        }
    }

    /** Sends {@code pcm} paced in real time from {@code t0} in 40 ms appends, then silence until {@code stop}. */
    private static void stream(RealtimeSocket socket, byte[] pcm, long t0, AtomicBoolean stop) {
        int chunk = RT_RATE * 2 * 40 / 1000;
        byte[] silence = new byte[chunk];
        try {
            for (int k = 0; !stop.get() && k < 60_000 / 40; k++) {
                long wait = t0 + k * 40_000_000L - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                int off = k * chunk;
                byte[] piece = off < pcm.length ? Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk)) : silence;
                socket.send(new ClientEvent.InputAudioAppend(piece));
            }
        } catch (RuntimeException e) {
            // socket closed: the turn ends by timeout
        }
    }

    // ------------------------------------------------------------------------------------------------ raw baseline

    /** The baseline: what a developer writes with java.net.http alone. */
    record Raw(URI base, String key, HttpClient http) {
        double[] speech(String text) throws Exception {
            String body = Json.MAPPER.createObjectNode().put("text", text).put("language", "en").put("voice_id", VOICE)
                    .set("output_format", Json.MAPPER.createObjectNode().put("codec", "pcm").put("sample_rate", TTS_RATE))
                    .toString();
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/tts")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            long first = 0, bytes = 0;
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new IOException("POST /v1/tts: HTTP " + r.statusCode());
                byte[] buf = new byte[16384];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (n > 0 && first == 0) first = System.nanoTime();
                    bytes += n;
                }
            }
            long t1 = System.nanoTime();
            if (bytes == 0) throw new IOException("POST /v1/tts: no audio");
            return new double[] {(first - t0) / 1e6, (t1 - t0) / 1e6};
        }

        String transcribe(byte[] file, String filename) throws Exception {
            return SttApiBench.postFile(http, base, key, file, filename).path("text").asString();
        }

        TtsWs openTts() throws Exception {
            TtsWs listener = new TtsWs();
            URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/tts?voice=" + VOICE
                    + "&language=en&codec=pcm&sample_rate=" + TTS_RATE);
            listener.ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                    .buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
            return listener;
        }

        /** A raw TTS socket: parses each message and decodes audio in the callback, like the SDK. */
        static final class TtsWs implements WebSocket.Listener, AutoCloseable {
            final BlockingQueue<Stamped<JsonNode>> events = new LinkedBlockingQueue<>();
            private final StringBuilder partial = new StringBuilder();
            WebSocket ws;

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode n = Json.MAPPER.readTree(partial.toString());
                    partial.setLength(0);
                    if (n.path("type").asString().equals("audio.delta")) {
                        byte[] audio = Base64.getDecoder().decode(n.path("delta").asString(""));
                        if (audio.length == 0) n = Json.MAPPER.createObjectNode().put("type", "audio.empty");
                    }
                    events.add(new Stamped<>(n, System.nanoTime()));
                }
                socket.request(1);
                return null;
            }

            double utterance(String text) throws Exception {
                events.clear();
                ws.sendText(Json.MAPPER.createObjectNode().put("type", "text.delta").put("delta", text).toString(), true)
                        .join();
                long t0 = System.nanoTime();
                ws.sendText("{\"type\":\"text.done\"}", true).join();
                long first = 0;
                while (true) {
                    Stamped<JsonNode> s = poll(events, "raw TTS audio.done");
                    switch (s.event().path("type").asString()) {
                        case "audio.delta" -> {
                            if (first == 0) first = s.nanos();
                        }
                        case "audio.done" -> {
                            if (first == 0) throw new IOException("raw TTS WebSocket: audio.done without audio");
                            return (first - t0) / 1e6;
                        }
                        case "error" -> throw new IOException("raw TTS WebSocket error: " + s.event());
                        default -> { }
                    }
                }
            }

            @Override
            public void close() throws Exception {
                ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    record Stamped<E>(E event, long nanos) {}

    private static <E> Stamped<E> poll(BlockingQueue<Stamped<E>> q, String what) throws Exception {
        Stamped<E> s = q.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (s == null) throw new IOException("no " + what + " within " + TIMEOUT.toSeconds() + " s");
        return s;
    }

    private static String fileName(Recording r) {
        return Path.of(r.file()).getFileName().toString();
    }

    /** English transcripts of 20–140 characters in sentence case (LibriSpeech's upper case lowered). */
    static List<String> texts(Path speechDir) {
        List<String> out = new ArrayList<>();
        for (SttBench.Item it : SttBench.englishItems(speechDir)) {
            String t = it.transcript().strip();
            if (t.length() < 20 || t.length() > 140 || t.contains("|")) continue;
            if (t.equals(t.toUpperCase(Locale.ROOT))) {
                t = t.toLowerCase(Locale.ROOT);
                t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
            }
            if (".!?".indexOf(t.charAt(t.length() - 1)) < 0) t += ".";
            if (!out.contains(t)) out.add(t);
            if (out.size() == 15) break;
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no English transcripts in " + speechDir.resolve("manifest.tsv"));
        return out;
    }

    /** The first {@code max} English WAV recordings of 1.5–8 s, in manifest order. */
    static List<Recording> recordings(Path speechDir, int max) throws IOException {
        List<Recording> out = new ArrayList<>();
        for (SttBench.Item it : SttBench.englishItems(speechDir)) {
            Path p = speechDir.resolve(it.file());
            if (!it.file().endsWith(".wav") || !Files.isRegularFile(p)) continue;
            byte[] wav = Files.readAllBytes(p);
            AudioClip clip = Wav.read(wav);
            float[] mono = clip.mono();
            double seconds = mono.length / (double) clip.sampleRate();
            if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) continue;
            float[] x16 = clip.sampleRate() == 16000 ? mono : Resampler.resample(mono, clip.sampleRate(), 16000);
            float[] x24 = Resampler.resample(mono, clip.sampleRate(), RT_RATE);
            int lead = RT_RATE * 3 / 10;
            float[] padded = new float[lead + x24.length];
            System.arraycopy(x24, 0, padded, lead, x24.length);
            out.add(new Recording(it.file(), it.transcript(), seconds, wav, Pcm16.fromFloat(x16),
                    Pcm16.fromFloat(padded), lastVoiced(padded, RT_RATE)));
            if (out.size() == max) break;
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no English recordings of 1.5-8 s in " + speechDir);
        return out;
    }

    /** End (sample index) of the last 10 ms window whose RMS is above 2 % of the peak; the length when none is. */
    static int lastVoiced(float[] x, int rate) {
        float peak = 0;
        for (float f : x) peak = Math.max(peak, Math.abs(f));
        int win = rate / 100;
        int last = -1;
        for (int w = 0; w + win <= x.length; w += win) {
            double s = 0;
            for (int i = w; i < w + win; i++) s += x[i] * x[i];
            if (Math.sqrt(s / win) > 0.02 * peak) last = w + win;
        }
        return last < 0 ? x.length : last;
    }

    private static List<Double> col(List<double[]> rows, int c) {
        return rows.stream().map(r -> r[c]).toList();
    }

    /** One table row; {@code raw} empty for SDK-only figures. */
    static void row(StringBuilder out, String label, List<Double> sdk, List<Double> raw, boolean ratio) {
        String f = ratio ? "%9.3f" : "%9.1f";
        String d = ratio ? "%+12.3f" : "%+12.1f";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-52s %3d " + f + " " + f, label,
                sdk.size(), percentile(sdk, 50), percentile(sdk, 95)));
        if (raw.isEmpty()) {
            line.append(String.format(Locale.ROOT, " %9s %9s %12s", "-", "-", "-"));
        } else {
            List<Double> diff = new ArrayList<>();
            for (int i = 0; i < Math.min(sdk.size(), raw.size()); i++) diff.add(sdk.get(i) - raw.get(i));
            line.append(String.format(Locale.ROOT, " " + f + " " + f + " " + d, percentile(raw, 50),
                    percentile(raw, 95), percentile(diff, 50)));
        }
        out.append(line).append('\n');
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) return Double.NaN;
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.clamp(i, 0, s.length - 1)];
    }
}
