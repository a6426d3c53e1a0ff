package dev.parley.server.stt;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.engines.stt.SttBench;
import dev.parley.engines.stt.eval.WerScorer;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * {@code parley bench stt} for the API: an in-process server with the {@link SttFeature}, driven over real HTTP and
 * WebSocket connections on loopback.
 *
 * <ol>
 *   <li>REST: every English file of {@code shared/speech} posted to {@code POST /v1/stt}; real-time factor (wall time
 *       of the request / audio duration) and WER, bounded by {@link Bounds#restSeconds};</li>
 *   <li>streaming latency and accuracy: files streamed at real-time pace in 100 ms chunks with 1.5 s of silence after each; the
 *       time from the end of speech (the last word's end from the REST transcript) to the first
 *       {@code speech_final} after it, p50/p95, and the interval between interim partials (p50);</li>
 *   <li>concurrency sweep: N simultaneous real-time streams (N = 1, 5, 10, 20, 30) for {@link Bounds#stepSeconds}
 *       each; end-of-speech to {@code speech_final} p95 per N, and the largest N whose p95 stays under 1 s. A step
 *       whose p95 passes 5 s ends the sweep (the machine is saturated).</li>
 * </ol>
 * Runs on the caller's thread and blocks for a few minutes at most. Not thread-safe (one run at a time).
 */
public final class SttApiBench {
    private SttApiBench() {}

    /**
     * Time bounds of a run.
     *
     * @param restSeconds  stop posting files after this long
     * @param streamFiles  files streamed one after the other for the latency figures
     * @param stepSeconds  length of each concurrency step
     * @param concurrency  the stream counts of the sweep
     */
    public record Bounds(int restSeconds, int streamFiles, int stepSeconds, List<Integer> concurrency) {
        public static Bounds defaults() {
            return new Bounds(90, 8, 20, List.of(1, 5, 10, 20, 30));
        }
    }

    /** Runs with {@link Bounds#defaults()} and returns a plain-text report. */
    public static String run(Path sharedSpeechDir) {
        return run(sharedSpeechDir, Bounds.defaults());
    }

    /** Runs with the given bounds and returns a plain-text report. */
    public static String run(Path speechDir, Bounds bounds) {
        String key = "bench-" + UUID.randomUUID();
        try (ParleyServer server = ParleyServer.builder(ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", key),
                Map.of("server.host", "127.0.0.1", "server.port", "0"))).standardFeatures(false)
                .feature(new SttFeature(ConfigLoader.defaults().stt())).start()) {
            return new Run(server.uri(), key, speechDir, bounds).run();
        } catch (Exception e) {
            throw new IllegalStateException("STT API benchmark failed: " + e, e);
        }
    }

    /** One utterance for streaming: 16 kHz PCM16 and the end of its speech. */
    record Utterance(String file, byte[] pcm16k, double speechEnd, String transcript) {}

    private static final class Run {
        final URI base;
        final String key;
        final Path dir;
        final Bounds bounds;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final StringBuilder out = new StringBuilder();
        final List<Utterance> utterances = new ArrayList<>();

        Run(URI base, String key, Path dir, Bounds bounds) {
            this.base = base;
            this.key = key;
            this.dir = dir;
            this.bounds = bounds;
        }

        String run() throws Exception {
            out.append("STT API benchmark (in-process server, loopback HTTP/WebSocket; ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores)\n");
            rest();
            streaming();
            sweep();
            return out.toString();
        }

        // ---- REST -------------------------------------------------------------------------------------------

        void rest() throws Exception {
            List<SttBench.Item> items = SttBench.englishItems(dir);
            long deadline = System.nanoTime() + bounds.restSeconds() * 1_000_000_000L;
            double audio = 0, wall = 0;
            WerScorer.Score score = WerScorer.Score.zero();
            int n = 0;
            for (SttBench.Item it : items) {
                if (System.nanoTime() > deadline) break;
                byte[] file = Files.readAllBytes(dir.resolve(it.file()));
                long t0 = System.nanoTime();
                JsonNode r = post(file);
                wall += (System.nanoTime() - t0) / 1e9;
                double duration = r.get("duration").asDouble();
                audio += duration;
                n++;
                score = score.plus(WerScorer.score(it.transcript(), r.get("text").asString()));
                JsonNode words = r.get("words");
                if (words != null && !words.isEmpty() && duration >= 2 && duration <= 12
                        && utterances.size() < Math.max(bounds.streamFiles(), 8)) {
                    utterances.add(new Utterance(it.file(), pcm16k(file), words.get(words.size() - 1).get("end")
                            .asDouble(), it.transcript()));
                }
            }
            out.append(String.format(Locale.ROOT,
                    "REST POST /v1/stt: %d of %d English files, %.1f s of audio in %.1f s, RTF %.3f, WER %.1f%%%n",
                    n, items.size(), audio, wall, wall / audio, 100 * score.wer()));
        }

        JsonNode post(byte[] file) throws IOException, InterruptedException {
            return postFile(http, base, key, file, "a.wav");
        }

        static byte[] pcm16k(byte[] file) {
            AudioClip clip = AudioFiles.decode(file);
            float[] mono = clip.sampleRate() == 16000 ? clip.mono()
                    : Resampler.resample(clip.mono(), clip.sampleRate(), 16000);
            return Pcm16.fromFloat(mono);
        }

        // ---- streaming --------------------------------------------------------------------------------------

        void streaming() throws Exception {
            if (utterances.isEmpty()) {
                out.append("streaming: no utterance (the REST step found no timed words)\n");
                return;
            }
            Stream s = new Stream(this, "interim_results=true");
            List<Utterance> list = utterances.subList(0, Math.min(bounds.streamFiles(), utterances.size()));
            s.play(list, Long.MAX_VALUE);
            StringBuilder reference = new StringBuilder();
            for (Utterance u : list) reference.append(u.transcript()).append(' ');
            double wer = WerScorer.wer(reference.toString(), s.finalText.toString());
            out.append(String.format(Locale.ROOT,
                    "streaming (real-time pace, endpointing 10 ms default): end of speech -> speech_final p50 %.0f ms, "
                            + "p95 %.0f ms over %d utterances (%d without a final); interim partials every %.0f ms "
                            + "(p50); WER of the speech_final and done texts %.1f%%%n",
                    pct(s.latencies, 50), pct(s.latencies, 95), s.latencies.size(), s.missed, pct(s.interimGaps, 50),
                    100 * wer));
        }

        void sweep() throws Exception {
            if (utterances.isEmpty()) return;
            int best = 0;
            out.append("concurrency (real-time streams, ").append(bounds.stepSeconds())
                    .append(" s each): end of speech -> speech_final\n");
            for (int n : bounds.concurrency()) {
                List<Stream> streams = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                long end = System.nanoTime() + bounds.stepSeconds() * 1_000_000_000L;
                List<Throwable> failures = new CopyOnWriteArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<Utterance> rotated = new ArrayList<>(utterances);
                    Collections.rotate(rotated, i);
                    Stream s = new Stream(this, "");
                    streams.add(s);
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            s.play(rotated, end);
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }));
                }
                for (Thread t : threads) t.join();
                List<Double> all = new ArrayList<>();
                int missed = 0;
                for (Stream s : streams) {
                    all.addAll(s.latencies);
                    missed += s.missed;
                }
                double p95 = pct(all, 95);
                out.append(String.format(Locale.ROOT, "  N=%-3d p50 %6.0f ms  p95 %6.0f ms  (%d utterances, %d without "
                        + "a final%s)%n", n, pct(all, 50), p95, all.size(), missed,
                        failures.isEmpty() ? "" : ", " + failures.size() + " streams failed: " + failures.getFirst()));
                if (!all.isEmpty() && p95 < 1000 && failures.isEmpty()) best = n;
                if (all.isEmpty() || p95 > 5000) {
                    out.append("  (saturated: larger N skipped)\n");
                    break;
                }
            }
            out.append("largest N with p95 < 1 s: ").append(best == 0 ? "none" : best).append('\n');
        }

        static double pct(List<Double> values, int p) {
            if (values.isEmpty()) return Double.NaN;
            List<Double> s = new ArrayList<>(values);
            Collections.sort(s);
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
        }
    }

    /** One real-time WebSocket stream: plays utterances back to back and measures speech_final latency. */
    private static final class Stream implements WebSocket.Listener {
        static final int CHUNK = 3200; // 100 ms at 16 kHz PCM16
        static final double SILENCE = 1.5;

        final Run run;
        final String query;
        final List<Double> latencies = new ArrayList<>();
        final List<Double> interimGaps = new ArrayList<>();
        int missed;
        final CompletableFuture<Void> created = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final List<long[]> finals = new CopyOnWriteArrayList<>(); // {receivedNanos, endMillisInStream}
        private final StringBuilder partial = new StringBuilder();
        /** The speech_final texts and the done text, in order (what a client keeps as the transcript). */
        final StringBuilder finalText = new StringBuilder();
        private long lastInterim;

        Stream(Run run, String query) {
            this.run = run;
            this.query = query;
        }

        void play(List<Utterance> list, long deadlineNanos) throws Exception {
            URI uri = URI.create("ws://" + run.base.getHost() + ":" + run.base.getPort() + "/v1/stt"
                    + (query.isEmpty() ? "" : "?" + query));
            WebSocket ws = run.http.newWebSocketBuilder().header("Authorization", "Bearer " + run.key)
                    .buildAsync(uri, this).get(30, TimeUnit.SECONDS);
            created.get(30, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            long sent = 0; // bytes sent, 32 bytes per ms
            List<double[]> expected = new ArrayList<>(); // {speechEndInStreamSeconds}
            int u = 0;
            byte[] silence = new byte[(int) (SILENCE * 32000)];
            do {
                Utterance utt = list.get(u++ % list.size());
                double offset = sent / 32000.0;
                sent = send(ws, utt.pcm16k(), t0, sent);
                sent = send(ws, silence, t0, sent);
                expected.add(new double[] {offset, offset + utt.speechEnd()});
            } while (System.nanoTime() < deadlineNanos && u < (deadlineNanos == Long.MAX_VALUE ? list.size() : 1 << 20));
            ws.sendText("{\"type\":\"audio.done\"}", true).get(30, TimeUnit.SECONDS);
            done.get(60, TimeUnit.SECONDS);
            ws.sendClose(1000, "bench").get(10, TimeUnit.SECONDS);
            for (double[] e : expected) {
                long speechEndNanos = t0 + (long) (e[1] * 1e9);
                Double best = null;
                for (long[] f : finals) {
                    if (f[0] >= speechEndNanos && f[1] / 1000.0 > e[0]) {
                        double ms = (f[0] - speechEndNanos) / 1e6;
                        if (best == null || ms < best) best = ms;
                    }
                }
                if (best == null) missed++;
                else latencies.add(best);
            }
        }

        /** Sends {@code pcm} in 100 ms chunks, each no earlier than its real-time moment. */
        long send(WebSocket ws, byte[] pcm, long t0, long sent) throws Exception {
            for (int at = 0; at < pcm.length; at += CHUNK) {
                long due = t0 + (sent / 32) * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                int n = Math.min(CHUNK, pcm.length - at);
                ws.sendBinary(ByteBuffer.wrap(pcm, at, n), true).get(30, TimeUnit.SECONDS);
                sent += n;
            }
            return sent;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                JsonNode e = Json.MAPPER.readTree(partial.toString());
                partial.setLength(0);
                switch (e.get("type").asString()) {
                    case "transcript.created" -> created.complete(null);
                    case "transcript.done" -> {
                        finalText.append(e.get("text").asString()).append(' ');
                        done.complete(null);
                    }
                    case "transcript.partial" -> {
                        if (e.get("speech_final").asBoolean()) {
                            finalText.append(e.get("text").asString()).append(' ');
                            double end = e.get("start").asDouble() + e.get("duration").asDouble();
                            finals.add(new long[] {now, (long) (end * 1000)});
                        } else if (!e.get("is_final").asBoolean()) {
                            if (lastInterim != 0) interimGaps.add((now - lastInterim) / 1e6);
                            lastInterim = now;
                        }
                    }
                    default -> { }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            created.completeExceptionally(error);
            done.completeExceptionally(error);
        }
    }

    /** {@code java ... dev.parley.server.stt.SttApiBench [speechDir]}. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("parley.shared.dir", "../shared") + "/speech");
        if (!Files.isDirectory(dir)) throw new UncheckedIOException(new IOException("no speech dir " + dir));
        System.out.print(run(dir));
    }

    /**
     * {@code POST /v1/stt} of one WAV file as a hand-built multipart body on plain {@code java.net.http} (no SDK):
     * the benchmarks' raw client. Returns the JSON response.
     *
     * @throws IOException with the status and body when the answer is not 200
     */
    public static JsonNode postFile(HttpClient http, URI base, String key, byte[] file, String filename)
            throws IOException, InterruptedException {
        String boundary = "----bench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/stt"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("POST /v1/stt: HTTP " + r.statusCode() + " " + r.body());
        return Json.MAPPER.readTree(r.body());
    }
}
