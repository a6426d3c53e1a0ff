package dev.parley.bench.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A server of the xAI Voice API that a server-level benchmark measures over real connections: a Parley the CLI
 * started in-process (ready before it is handed over), or a running server named by URL and key.
 *
 * <p>Thread-safe. Closing stops an in-process server and does nothing to a remote one.
 */
public interface ApiServer extends AutoCloseable {
    /** {@code http(s)://host:port}, without a trailing slash. */
    URI baseUrl();

    /** The API key requests carry as {@code Authorization: Bearer}. */
    String apiKey();

    /** For report headers: e.g. "in-process server on loopback (ready in 4.2 s)" or the URL. */
    String describe();

    /**
     * Blocks until the server has no speech synthesis or inference in progress or queued, or {@code max} passed, so
     * that the next request meets an idle server.
     */
    void awaitIdle(Duration max) throws InterruptedException;

    @Override
    default void close() {}

    /**
     * A running server at {@code baseUrl}. Idle means that its {@code /metrics} show no TTS synthesis in progress
     * ({@code parley_tts_syntheses_active}) and no inference queued ({@code parley_inference_queue_depth}), polled
     * every 50 ms; a server without those metrics (not Parley) gets a fixed pause of 1 s instead.
     */
    static ApiServer remote(URI baseUrl, String apiKey) {
        URI base = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new ApiServer() {
            @Override
            public URI baseUrl() {
                return base;
            }

            @Override
            public String apiKey() {
                return apiKey;
            }

            @Override
            public String describe() {
                return base.toString();
            }

            @Override
            public void awaitIdle(Duration max) throws InterruptedException {
                long deadline = System.nanoTime() + max.toNanos();
                while (System.nanoTime() < deadline) {
                    String metrics;
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        metrics = r.statusCode() == 200 ? r.body() : "";
                    } catch (IOException e) {
                        metrics = "";
                    }
                    double active = gauge(metrics, "parley_tts_syntheses_active");
                    double queued = gauge(metrics, "parley_inference_queue_depth");
                    if (Double.isNaN(active) && Double.isNaN(queued)) {
                        Thread.sleep(1000);
                        return;
                    }
                    if (!(active > 0) && !(queued > 0)) return;
                    Thread.sleep(50);
                }
            }
        };
    }

    /** The value of an unlabelled Prometheus gauge in a {@code /metrics} text, NaN when absent. */
    private static double gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }
}
