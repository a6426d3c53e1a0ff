package dev.parley.bench.api;

import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How many TTS streams a server keeps ahead of real time at once. For each {@link Lane} (an engine, reached through a
 * voice the server speaks with it) and each count N, N clients start {@code POST /v1/tts} of the same text of about
 * 15 s of speech ({@link #longText}) together, raw PCM16 at 24 kHz ({@value #SAMPLE_RATE} Hz, so bytes map to
 * seconds), and each reads the body as it arrives into a {@link RealtimePlayer} that starts playing
 * {@link #JITTER_BUFFER} after the first byte. Per N it reports time to the first body byte p50/p95, the streams that
 * stalled (the player's clock passed the audio received), the total stall per stream p95, and per lane the concurrency
 * figure: the largest N at which every stream succeeded and none stalled.
 *
 * <p>One untimed stream per lane comes first. Before each N the server is left to become idle
 * ({@link ApiServer#awaitIdle}). After an N at which every stream
 * stalled or failed, the larger N of that lane are skipped (they can only be worse). A stream still running
 * {@link #LEVEL_TIMEOUT} after its N started is cancelled and counts as failed. A server's REST limits
 * ({@code limits.requests_per_key}, {@code limits.requests}) may refuse streams: they count as failed with their HTTP
 * status, so an in-process server for this benchmark should have them raised.
 *
 * <p>Runs on the calling thread, with one virtual thread per stream.
 */
public final class TtsStreamsBench {
    /** The counts of concurrent streams measured unless told otherwise. */
    public static final List<Integer> DEFAULT_STREAMS = List.of(1, 5, 10, 20, 30);
    /** How long the virtual player buffers after the first byte before it starts. */
    public static final Duration JITTER_BUFFER = Duration.ofMillis(200);
    /** The output rate: PCM16 mono, 2 bytes a sample. */
    static final int SAMPLE_RATE = 24_000;
    /** About 15 s of speech: transcripts are joined until the text has at least this many characters ... */
    static final int TEXT_CHARS = 240;
    /** ... and a transcript that would take it past this many is left out. */
    static final int MAX_TEXT_CHARS = 300;
    static final Duration LEVEL_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(120);

    private TtsStreamsBench() {}

    /**
     * One engine to load.
     *
     * @param engine the engine the voice speaks with on that server (a report column)
     * @param voice  the API voice the streams ask for
     * @param server the server; not closed here
     */
    public record Lane(String engine, String voice, ApiServer server) {}

    /** What one stream saw. {@code error} is null for a stream read to its end. */
    record Stream(String error, double ttfaMs, boolean stalled, double stallMs, double audioSeconds) {}

    /**
     * Runs every lane at every count in {@code streams} and returns the report.
     *
     * @param setup one line about the server(s) for the report header (e.g. the limits they run with)
     */
    public static String run(SpeechSet speech, List<Lane> lanes, List<Integer> streams, String setup) throws Exception {
        String text = longText(speech);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "TTS concurrent REST streams: one text of %d characters, PCM16 %d Hz, "
                + "real-time player with a %d ms jitter buffer, %d cores%n", text.length(), SAMPLE_RATE,
                JITTER_BUFFER.toMillis(), Runtime.getRuntime().availableProcessors()));
        out.append(setup).append('\n');
        out.append(String.format(Locale.ROOT, "%-8s %-5s %4s %4s %6s %9s %9s %8s %10s %8s%n", "engine", "voice", "n",
                "ok", "failed", "ttfa-p50", "ttfa-p95", "stalled", "stall-p95", "audio-s"));
        List<String> figures = new ArrayList<>();
        for (Lane lane : lanes) {
            int best = 0;
            String skipped = null;
            Stream warmUp = level(lane, text, 1).getFirst(); // the server's first request of a voice pays for set-up
            if (warmUp.error() != null) {
                out.append(String.format(Locale.ROOT, "%-8s %-5s warm-up failed: %s%n", lane.engine(), lane.voice(),
                        warmUp.error()));
                skipped = "the warm-up failed";
            }
            for (int n : streams) {
                if (skipped != null) {
                    out.append(String.format(Locale.ROOT, "%-8s %-5s %4d skipped: %s%n", lane.engine(), lane.voice(), n,
                            skipped));
                    continue;
                }
                lane.server().awaitIdle(IDLE_WAIT);
                List<Stream> level = level(lane, text, n);
                out.append(row(lane, n, level)).append('\n');
                long ok = level.stream().filter(s -> s.error() == null).count();
                long stalled = level.stream().filter(Stream::stalled).count();
                if (ok == n && stalled == 0) best = Math.max(best, n);
                if (level.stream().allMatch(s -> s.error() != null || s.stalled())) {
                    skipped = "every stream stalled or failed at n=" + n;
                }
                for (Stream s : level) {
                    if (s.error() != null) {
                        out.append(String.format(Locale.ROOT, "%-8s %-5s %4d first failure: %s%n", lane.engine(),
                                lane.voice(), n, s.error()));
                        break;
                    }
                }
            }
            figures.add(lane.engine() + " " + (best == 0 ? "none of " + streams : best));
        }
        out.append("Concurrency figure (largest n with every stream read to its end and none stalled): ")
                .append(String.join(", ", figures)).append('\n');
        out.append("ttfa: request sent to the first body byte. stalled: streams whose player ran out of audio before the "
                + "stream ended; stall-p95: the p95 over streams of the total time stalled. audio-s: median audio per "
                + "stream.\n");
        return out.toString();
    }

    /**
     * The streams' text, about 15 s of speech: English transcripts ({@link TtsApiBench#texts}) in order, joined with
     * spaces until it has at least {@value #TEXT_CHARS} characters, leaving out those that would take it past
     * {@value #MAX_TEXT_CHARS}.
     */
    public static String longText(SpeechSet speech) {
        StringBuilder b = new StringBuilder();
        for (String t : TtsApiBench.texts(speech)) {
            if (b.length() + 1 + t.length() > MAX_TEXT_CHARS) continue;
            if (!b.isEmpty()) b.append(' ');
            b.append(t);
            if (b.length() >= TEXT_CHARS) break;
        }
        return b.toString();
    }

    /** Starts {@code n} streams together and waits for all of them (at most {@link #LEVEL_TIMEOUT}). */
    private static List<Stream> level(Lane lane, String text, int n) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        String body = Json.object().put("text", text).put("language", "en").put("voice_id", lane.voice())
                .set("output_format", Json.object().put("codec", "pcm").put("sample_rate", SAMPLE_RATE)).toString();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Stream>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) tasks.add(() -> {
            go.await();
            return stream(http, lane.server(), body);
        });
        List<Stream> out = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Stream>> futures = new ArrayList<>();
            for (Callable<Stream> t : tasks) futures.add(exec.submit(t));
            go.countDown();
            long deadline = System.nanoTime() + LEVEL_TIMEOUT.toNanos();
            for (Future<Stream> f : futures) {
                try {
                    out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.TimeoutException | CancellationException e) {
                    f.cancel(true);
                    out.add(failed("not done within " + LEVEL_TIMEOUT.toMinutes() + " min"));
                } catch (ExecutionException e) {
                    out.add(failed(String.valueOf(e.getCause())));
                }
            }
        } finally {
            http.close();
        }
        return out;
    }

    /** One stream: the request, then the body read as it comes into a player. */
    private static Stream stream(HttpClient http, ApiServer server, String body) throws InterruptedException {
        RealtimePlayer player = new RealtimePlayer(2.0 * SAMPLE_RATE, JITTER_BUFFER);
        long t0 = System.nanoTime();
        long first = 0;
        try {
            HttpResponse<InputStream> r = http.send(TtsApiBench.post(server, body), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    return failed("HTTP " + r.statusCode() + ": " + new String(in.readNBytes(300),
                            java.nio.charset.StandardCharsets.UTF_8).strip());
                }
                byte[] buf = new byte[8192];
                for (int k; (k = in.read(buf)) >= 0; ) {
                    long now = System.nanoTime();
                    if (k > 0 && first == 0) first = now;
                    player.received(now, k);
                }
            }
        } catch (IOException e) {
            return failed(e.toString());
        }
        if (first == 0) return failed("empty body");
        return new Stream(null, (first - t0) / 1e6, player.stalled(), player.stallMillis(), player.receivedSeconds());
    }

    private static Stream failed(String why) {
        return new Stream(why, Double.NaN, false, 0, 0);
    }

    private static String row(Lane lane, int n, List<Stream> level) {
        List<Stream> ok = level.stream().filter(s -> s.error() == null).toList();
        List<Double> ttfa = ok.stream().map(Stream::ttfaMs).toList();
        List<Double> stall = ok.stream().map(Stream::stallMs).toList();
        List<Double> audio = ok.stream().map(Stream::audioSeconds).toList();
        return String.format(Locale.ROOT, "%-8s %-5s %4d %4d %6d %7.0fms %7.0fms %8d %8.0fms %8.1f", lane.engine(),
                lane.voice(), n, ok.size(), level.size() - ok.size(), Percentiles.of(ttfa, 50), Percentiles.of(ttfa, 95),
                ok.stream().filter(Stream::stalled).count(), Percentiles.of(stall, 95), Percentiles.of(audio, 50));
    }
}
