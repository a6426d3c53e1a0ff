package dev.parley.bench.api;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.eval.WerScorer;
import dev.parley.bench.ws.TestSocket;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code parley bench client}: the Java SDK ({@link VoiceClient}) end to end against a server (the CLI starts a Parley
 * in-process on a loopback port: every feature, the default models, voice {@code eve} speaking with Piper, on
 * {@code /v1/tts} and in the voice agent alike), with a hand-written {@link java.net.http} client as the baseline in
 * the same run, so the SDK's own overhead shows as the SDK−raw difference.
 *
 * <ul>
 *   <li>TTS REST ({@code POST /v1/tts}, PCM 24 kHz): request sent → first audio byte, and → last byte. SDK:
 *       {@link VoiceClient#speech(TtsRequest, java.util.function.Consumer)}; raw: {@link HttpClient} with an input
 *       stream body read in 16 KiB pieces.</li>
 *   <li>TTS WebSocket ({@code /v1/tts}, PCM 24 kHz): on one open socket per side, {@code text.done} sent → first
 *       {@code audio.delta} received; each utterance runs to {@code audio.done} before the next. Raw: the JDK
 *       WebSocket of {@link TestSocket}, whose listener parses the JSON as the SDK's does.</li>
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
    /** The voice of the TTS figures and of the voice agent's answers. */
    public static final String VOICE = "eve";

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

    /**
     * What the server runs, for the report header.
     *
     * @param voiceEngine what speaks voice {@code eve} (the TTS figures and the voice agent's answers), e.g.
     *                    "Piper en_US-joe-medium"
     * @param llm         the voice agent's language model, e.g. "embedded" or "openai:grok-3"
     */
    public record Setup(String voiceEngine, String llm) {}

    /** Runs the benchmark against {@code server} (ready to answer) and returns the report. */
    public static String run(SpeechSet speech, ApiServer server, Setup setup, Options options) throws Exception {
        List<Recording> recordings = recordings(speech, options.max());
        List<String> texts = texts(speech);
        URI base = server.baseUrl();
        String key = server.apiKey();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Java SDK (dev.parley.client.VoiceClient) vs raw java.net.http, %s, %d cores%n",
                server.describe(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "TTS: voice %s on %s, PCM %d Hz, %d iterations over %d "
                + "manifest transcripts; STT and realtime: %d recordings (%s); realtime: llm %s, voice %s%n", VOICE,
                setup.voiceEngine(), TTS_RATE, options.iterations(), Math.min(texts.size(), options.iterations()),
                recordings.size(), String.join(", ", recordings.stream().map(Recording::file).toList()), setup.llm(),
                VOICE));
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
                TestSocket rawSocket = raw.openTts()) {
            for (int i = -1; i < iterations; i++) {
                String text = texts.get(Math.max(i, 0) % texts.size());
                boolean sdkFirst = i % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean useSdk = (side == 0) == sdkFirst;
                    double ms = useSdk ? sdkUtterance(socket, sdkEvents, text) : Raw.utterance(rawSocket, text);
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
                    .withVoice(VOICE)
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
        Voicing.microphone(pcm, RT_RATE, t0, stop, 60_000, piece -> socket.send(new ClientEvent.InputAudioAppend(piece)));
    }

    // ------------------------------------------------------------------------------------------------ raw baseline

    /** The baseline: what a developer writes with java.net.http alone. */
    record Raw(URI base, String key, HttpClient http) {
        double[] speech(String text) throws Exception {
            String body = Json.object().put("text", text).put("language", "en").put("voice_id", VOICE)
                    .set("output_format", Json.object().put("codec", "pcm").put("sample_rate", TTS_RATE))
                    .toString();
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/tts")).header("Authorization", "Bearer " + key)
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

        TestSocket openTts() {
            return TestSocket.to(URI.create(base + "/v1/tts?voice=" + VOICE + "&language=en&codec=pcm&sample_rate=" + TTS_RATE))
                    .bearer(key).client(http).connectTimeout(Duration.ofSeconds(30)).connect();
        }

        /** One utterance on the raw TTS socket: {@code text.done} sent → first non-empty {@code audio.delta}, ms. */
        static double utterance(TestSocket ws, String text) throws Exception {
            ws.drain();
            ws.textDelta(text);
            long t0 = System.nanoTime();
            ws.textDone();
            long first = 0;
            while (true) {
                TestSocket.Message m = ws.poll(TIMEOUT);
                if (m == null) throw new IOException("no raw TTS audio.done within " + TIMEOUT.toSeconds() + " s");
                switch (String.valueOf(m.type())) {
                    case "audio.delta" -> {
                        if (first == 0 && m.base64("delta").length > 0) first = m.nanos();
                    }
                    case "audio.done" -> {
                        if (first == 0) throw new IOException("raw TTS WebSocket: audio.done without audio");
                        return (first - t0) / 1e6;
                    }
                    case "error" -> throw new IOException("raw TTS WebSocket error: " + m);
                    default -> { }
                }
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

    /** Up to 15 distinct English transcripts of 20–140 characters, as sentences ({@link SpeechSet#sentence}). */
    static List<String> texts(SpeechSet speech) {
        List<String> out = new ArrayList<>();
        for (SpeechSet.Item it : speech.english()) {
            String t = it.transcript().strip();
            if (t.length() < 20 || t.length() > 140 || t.contains("|")) continue;
            t = SpeechSet.sentence(t);
            if (!out.contains(t)) out.add(t);
            if (out.size() == 15) break;
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no English transcripts in " + speech.manifest());
        return out;
    }

    /** The first {@code max} English WAV recordings of 1.5–8 s, in manifest order. */
    static List<Recording> recordings(SpeechSet speech, int max) throws IOException {
        List<Recording> out = new ArrayList<>();
        for (SpeechSet.Item it : speech.english()) {
            Path p = speech.path(it.file());
            if (!it.file().endsWith(".wav") || !Files.isRegularFile(p)) continue;
            byte[] wav = Files.readAllBytes(p);
            AudioClip clip = Wav.read(wav);
            float[] mono = clip.mono();
            double seconds = mono.length / (double) clip.sampleRate();
            if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) continue;
            float[] x16 = clip.sampleRate() == 16000 ? mono : Resampler.resample(mono, clip.sampleRate(), 16000);
            float[] x24 = Resampler.resample(mono, clip.sampleRate(), RT_RATE);
            float[] padded = Voicing.leadIn(x24, RT_RATE);
            out.add(new Recording(it.file(), it.transcript(), seconds, wav, Pcm16.fromFloat(x16),
                    Pcm16.fromFloat(padded), lastVoiced(padded, RT_RATE)));
            if (out.size() == max) break;
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no English recordings of 1.5-8 s in " + speech.dir());
        return out;
    }

    /** End (sample index) of the last 10 ms window whose RMS is above 2 % of the peak; the length when none is. */
    static int lastVoiced(float[] x, int rate) {
        int last = Voicing.span(x, rate)[1];
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
                sdk.size(), Percentiles.of(sdk, 50), Percentiles.of(sdk, 95)));
        if (raw.isEmpty()) {
            line.append(String.format(Locale.ROOT, " %9s %9s %12s", "-", "-", "-"));
        } else {
            List<Double> diff = new ArrayList<>();
            for (int i = 0; i < Math.min(sdk.size(), raw.size()); i++) diff.add(sdk.get(i) - raw.get(i));
            line.append(String.format(Locale.ROOT, " " + f + " " + f + " " + d, Percentiles.of(raw, 50),
                    Percentiles.of(raw, 95), Percentiles.of(diff, 50)));
        }
        out.append(line).append('\n');
    }
}
