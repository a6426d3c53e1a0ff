package dev.parley.bench.api;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.eval.WerScorer;
import dev.parley.bench.ws.TestSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * {@code parley bench stt} for the API: a server with speech to text, driven over real HTTP and WebSocket connections.
 *
 * <ol>
 *   <li>REST: every English file of the speech set posted to {@code POST /v1/stt}; real-time factor (wall time
 *       of the request / audio duration) and WER, bounded by {@link Bounds#restSeconds};</li>
 *   <li>streaming latency and accuracy: files streamed at real-time pace in 100 ms chunks with 1.5 s of silence after
 *       each; the time from the end of speech (the last word's end from the REST transcript) to the first
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
        /** 90 s of REST, 8 streamed files, 20 s steps of 1, 5, 10, 20 and 30 streams. */
        public static Bounds defaults() {
            return new Bounds(90, 8, 20, List.of(1, 5, 10, 20, 30));
        }
    }

    /** Runs against {@code server} with the given bounds and returns a plain-text report. */
    public static String run(SpeechSet speech, ApiServer server, Bounds bounds) {
        try {
            return new Run(server, speech, bounds).run();
        } catch (Exception e) {
            throw new IllegalStateException("STT API benchmark failed: " + e, e);
        }
    }

    /** One utterance for streaming: 16 kHz PCM16 and the end of its speech. */
    record Utterance(String file, byte[] pcm16k, double speechEnd, String transcript) {}

    private static final class Run {
        final ApiServer server;
        final SpeechSet speech;
        final Bounds bounds;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final StringBuilder out = new StringBuilder();
        final List<Utterance> utterances = new ArrayList<>();

        Run(ApiServer server, SpeechSet speech, Bounds bounds) {
            this.server = server;
            this.speech = speech;
            this.bounds = bounds;
        }

        String run() throws Exception {
            out.append("STT API benchmark (").append(server.describe()).append(", HTTP/WebSocket; ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores)\n");
            rest();
            streaming();
            sweep();
            return out.toString();
        }

        // ---- REST -------------------------------------------------------------------------------------------

        void rest() throws Exception {
            List<SpeechSet.Item> items = speech.english();
            long deadline = System.nanoTime() + bounds.restSeconds() * 1_000_000_000L;
            double audio = 0, wall = 0;
            WerScorer.Score score = WerScorer.Score.zero();
            int n = 0;
            for (SpeechSet.Item it : items) {
                if (System.nanoTime() > deadline) break;
                byte[] file = speech.bytes(it.file());
                long t0 = System.nanoTime();
                JsonNode r = postFile(http, server.baseUrl(), server.apiKey(), file, "a.wav");
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
                    Percentiles.of(s.latencies, 50), Percentiles.of(s.latencies, 95), s.latencies.size(), s.missed,
                    Percentiles.of(s.interimGaps, 50), 100 * wer));
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
                double p95 = Percentiles.of(all, 95);
                out.append(String.format(Locale.ROOT, "  N=%-3d p50 %6.0f ms  p95 %6.0f ms  (%d utterances, %d without "
                        + "a final%s)%n", n, Percentiles.of(all, 50), p95, all.size(), missed,
                        failures.isEmpty() ? "" : ", " + failures.size() + " streams failed: " + failures.getFirst()));
                if (!all.isEmpty() && p95 < 1000 && failures.isEmpty()) best = n;
                if (all.isEmpty() || p95 > 5000) {
                    out.append("  (saturated: larger N skipped)\n");
                    break;
                }
            }
            out.append("largest N with p95 < 1 s: ").append(best == 0 ? "none" : best).append('\n');
        }
    }

    /** One real-time WebSocket stream: plays utterances back to back and measures speech_final latency. */
    private static final class Stream {
        static final int CHUNK = 3200; // 100 ms at 16 kHz PCM16
        static final double SILENCE = 1.5;
        static final Duration WAIT = Duration.ofSeconds(60);

        final Run run;
        final String query;
        final List<Double> latencies = new ArrayList<>();
        final List<Double> interimGaps = new ArrayList<>();
        int missed;
        final List<long[]> finals = new ArrayList<>(); // {receivedNanos, endMillisInStream}
        /** The speech_final texts and the done text, in order (what a client keeps as the transcript). */
        final StringBuilder finalText = new StringBuilder();

        Stream(Run run, String query) {
            this.run = run;
            this.query = query;
        }

        void play(List<Utterance> list, long deadlineNanos) throws Exception {
            URI uri = URI.create(run.server.baseUrl() + "/v1/stt" + (query.isEmpty() ? "" : "?" + query));
            try (TestSocket ws = TestSocket.to(uri).bearer(run.server.apiKey()).client(run.http)
                    .connectTimeout(Duration.ofSeconds(30)).connect()) {
                if (ws.await("transcript.created", Duration.ofSeconds(30), null) == null) {
                    throw new IOException("no transcript.created within 30 s");
                }
                long t0 = System.nanoTime();
                long sent = 0; // bytes sent, 32 bytes per ms
                List<double[]> expected = new ArrayList<>(); // {offset, speech end} in stream seconds
                int u = 0;
                byte[] silence = new byte[(int) (SILENCE * 32000)];
                do {
                    Utterance utt = list.get(u++ % list.size());
                    double offset = sent / 32000.0;
                    sent = send(ws, utt.pcm16k(), t0, sent);
                    sent = send(ws, silence, t0, sent);
                    expected.add(new double[] {offset, offset + utt.speechEnd()});
                } while (System.nanoTime() < deadlineNanos && u < (deadlineNanos == Long.MAX_VALUE ? list.size() : 1 << 20));
                ws.send("{\"type\":\"audio.done\"}");
                for (TestSocket.Message m : ws.until("transcript.done", WAIT)) take(m);
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
        }

        /** Sends {@code pcm} in 100 ms chunks, each no earlier than its real-time moment. */
        static long send(TestSocket ws, byte[] pcm, long t0, long sent) {
            for (int at = 0; at < pcm.length; at += CHUNK) {
                long due = t0 + (sent / 32) * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                int n = Math.min(CHUNK, pcm.length - at);
                ws.sendBinary(pcm, at, n);
                sent += n;
            }
            return sent;
        }

        private long lastInterim;

        /** One server event, with the time it arrived. */
        void take(TestSocket.Message m) {
            JsonNode e = m.json();
            switch (String.valueOf(m.type())) {
                case "transcript.done" -> finalText.append(e.get("text").asString()).append(' ');
                case "transcript.partial" -> {
                    if (e.get("speech_final").asBoolean()) {
                        finalText.append(e.get("text").asString()).append(' ');
                        double end = e.get("start").asDouble() + e.get("duration").asDouble();
                        finals.add(new long[] {m.nanos(), (long) (end * 1000)});
                    } else if (!e.get("is_final").asBoolean()) {
                        if (lastInterim != 0) interimGaps.add((m.nanos() - lastInterim) / 1e6);
                        lastInterim = m.nanos();
                    }
                }
                default -> { }
            }
        }
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
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/stt"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("POST /v1/stt: HTTP " + r.statusCode() + " " + r.body());
        return Json.parse(r.body());
    }
}
