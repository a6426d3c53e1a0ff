package dev.parley.bench.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a server's {@code /metrics} (Prometheus text): every sample's value, labelled series of one name
 * summed. The reliability benchmarks read memory, threads, file descriptors and open sessions through it, so they
 * measure a remote server the same way as one in this process.
 *
 * <p>Immutable; thread-safe.
 */
public final class ServerMetrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Double> sums;

    private ServerMetrics(Map<String, Double> sums) {
        this.sums = sums;
    }

    /** Scrapes {@code server}'s {@code /metrics}. Blocks for the request (at most 30 s). */
    public static ServerMetrics scrape(ApiServer server) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("/metrics answered " + r.statusCode());
        return parse(r.body());
    }

    /** Parses Prometheus text: {@code name{labels} value} lines; comments and NaN samples are skipped. */
    public static ServerMetrics parse(String text) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
            double v;
            try {
                v = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (Double.isNaN(v)) continue;
            sums.merge(name, v, Double::sum);
        }
        return new ServerMetrics(Map.copyOf(sums));
    }

    /** The sum of every series named {@code name}, or NaN when there is none. */
    public double get(String name) {
        Double v = sums.get(name);
        return v == null ? Double.NaN : v;
    }
}
