package dev.parley.server.ops;

import dev.parley.server.http.ErrorBody;
import dev.parley.server.http.Router;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.runtime.EngineState;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (liveness: 200 while the process serves), {@code GET /ready} (200 when every readiness check
 * passes, else 503 naming the failing ones), {@code GET /metrics} (Prometheus text). None needs credentials.
 */
public final class OpsRoutes {
    private OpsRoutes() {}

    /** Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public static void install(Router router, Readiness readiness, PrometheusMeterRegistry registry,
            EngineRuntime engines) {
        router.get("/health", ex -> ex.json(200, Map.of("status", "ok")));
        router.get("/ready", ex -> {
            Readiness.Report report = readiness.evaluate();
            Map<String, Object> checks = new LinkedHashMap<>();
            report.checks().forEach((name, s) -> checks.put(name, s));
            Map<String, Object> body = new LinkedHashMap<>();
            if (report.ready()) {
                body.put("status", "ready");
            } else {
                body.put("code", ErrorBody.codeFor(503));
                body.put("error", "Not ready: " + report.failing());
                body.put("status", "not_ready");
            }
            body.put("checks", checks);
            Map<String, Object> states = new LinkedHashMap<>();
            for (EngineState e : engines.states()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("role", e.role());
                one.put("status", e.status().json());
                one.put("detail", e.detail());
                if (e.loadMillis() > 0) one.put("load_ms", e.loadMillis());
                if (e.warmUpMillis() > 0) one.put("warm_up_ms", e.warmUpMillis());
                states.put(e.id(), one);
            }
            body.put("engines", states);
            ex.json(report.ready() ? 200 : 503, body);
        });
        router.get("/metrics", ex -> ex.send(200, PROMETHEUS_CONTENT_TYPE,
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
    }
}
