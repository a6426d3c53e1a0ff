package dev.parley.server.ops;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import dev.parley.server.voices.VoicesFeature;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpsRoutesTest {
    static final AtomicBoolean modelLoaded = new AtomicBoolean(true);
    static ParleyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        // voices (for route metrics) and this check only: the model features would add their own readiness checks
        server = ParleyServer.builder(TestServers.config()).standardFeatures(false).engines(TestRuntime.get()).feature(new VoicesFeature())
                .feature(ctx -> ctx.readiness().add("models.test", () -> modelLoaded.get()
                        ? ReadinessCheck.Status.ok("loaded") : ReadinessCheck.Status.notReady("model missing")))
                .start();
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIs200OkWithoutCredentials() throws Exception {
        HttpResponse<String> r = http.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void headOfHealthAndReadyIs200WithTheHeadOfGetAndNoBody() throws Exception {
        for (String path : new String[] {"/health", "/ready"}) {
            String request = " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            String get = RawHttp.exchangeWhole(server.port(), "GET" + request);
            String head = RawHttp.exchangeWhole(server.port(), "HEAD" + request);
            assertThat(head).as(path).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
            String length = get.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .findFirst().orElseThrow();
            assertThat(head).as(path).contains(length);
        }
    }

    @Test
    void readyIs200WhenEveryCheckPasses() throws Exception {
        modelLoaded.set(true);
        HttpResponse<String> r = http.get("/ready");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(r);
        assertThat(body.get("status").stringValue()).isEqualTo("ready");
        assertThat(body.get("checks").get("server").get("ready").booleanValue()).isTrue();
        assertThat(body.get("checks").get("models.test").get("detail").stringValue()).isEqualTo("loaded");
    }

    @Test
    void readyIs503NamingTheFailingCheck() throws Exception {
        modelLoaded.set(false);
        try {
            HttpResponse<String> r = http.get("/ready");
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode body = Http.json(r);
            assertThat(body.get("code").stringValue()).isEqualTo("The service is currently unavailable");
            assertThat(body.get("error").stringValue()).isEqualTo("Not ready: models.test (model missing)");
            assertThat(body.get("checks").get("server").get("ready").booleanValue()).isTrue();
        } finally {
            modelLoaded.set(true);
        }
    }

    @Test
    void awaitReadyReturnsOnceEveryCheckPassesAndOtherwiseNamesTheFailingCheck() throws Exception {
        modelLoaded.set(false);
        try {
            assertThatThrownBy(() -> server.awaitReady(Duration.ofMillis(300))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("models.test (model missing)");
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    // the flag is set either way
                }
                modelLoaded.set(true);
            });
            server.awaitReady(Duration.ofSeconds(30));
            assertThat(http.get("/ready").statusCode()).isEqualTo(200);
        } finally {
            modelLoaded.set(true);
        }
    }

    @Test
    void metricsNeedNoCredentialsAndAreInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void metricsReportResidentMemoryOpenFilesAndTheJvmsOwnShare() throws Exception {
        String metrics = http.get("/metrics").body();
        java.util.regex.Matcher rss = java.util.regex.Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$")
                .matcher(metrics);
        assertThat(rss.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(rss.group(1))).as("a JVM with models is more than 50 MB resident")
                .isGreaterThan(50e6);
        assertThat(metrics).containsPattern("(?m)^process_files_open_files [1-9]")
                .containsPattern("(?m)^parley_jvm_native_committed_bytes ")
                .containsPattern("(?m)^parley_native_outside_jvm_bytes ");
    }

    @Test
    void metricsCountRequestsByRouteTemplateNotRawPath() throws Exception {
        http.getWithKey("/v1/tts/voices/EVE");
        http.getWithKey("/v1/tts/voices/nobody");
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*route=\"/v1/tts/voices/\\{voice_id}\"[^}]*status=\"200\"");
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*route=\"/v1/tts/voices/\\{voice_id}\"[^}]*status=\"404\"");
        assertThat(metrics).doesNotContain("route=\"/v1/tts/voices/EVE\"").doesNotContain("nobody");
    }

    @Test
    void metricsLabelUnknownPathsAsUnmatched() throws Exception {
        http.get("/no/such/path/12345");
        String metrics = http.get("/metrics").body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"unmatched\"[^}]*status=\"404\"");
        assertThat(metrics).doesNotContain("12345");
    }

    @Test
    void metricsIncludeJvmProcessorAndInferenceQueueGauges() throws Exception {
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "system_cpu_count",
                "parley_inference_queue_depth");
    }
}
