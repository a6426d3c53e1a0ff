package dev.parley.server.http;

import dev.parley.server.ws.WsEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.util.URIUtil;

/**
 * Routes by path template and method. A template is a path with {@code {name}} segments
 * ({@code /v1/tts/voices/{voice_id}}); exact templates win over ones with variables. One template can carry HTTP
 * handlers (one per method) and a WebSocket endpoint at the same time: {@code POST /v1/tts} and
 * {@code GET /v1/tts} + {@code Upgrade: websocket} dispatch to different handlers (spec §1.1).
 *
 * <p>{@code HEAD} is answered by a template's {@code GET} handler, without the body (Jetty drops it).
 *
 * <p>Authentication: every route under {@code /v1/} requires a valid credential (checked by the server before the
 * handler runs); other routes ({@code /health}, {@code /ready}, {@code /metrics}) are public.
 *
 * <p>Routes are registered while features install, before the server starts; the router is frozen afterwards and
 * lookups are then lock-free. Registration is not thread-safe.
 */
public final class Router {
    private final PathMappings<Route> mappings = new PathMappings<>();
    private final Map<String, Route> byTemplate = new LinkedHashMap<>();
    private volatile boolean frozen;

    /** Registers {@code handler} for {@code GET template}. */
    public Router get(String template, HttpHandler handler) {
        return handle("GET", template, handler);
    }

    /** Registers {@code handler} for {@code POST template}. */
    public Router post(String template, HttpHandler handler) {
        return handle("POST", template, handler);
    }

    /** Registers {@code handler} for {@code DELETE template}. */
    public Router delete(String template, HttpHandler handler) {
        return handle("DELETE", template, handler);
    }

    /** Registers {@code handler} for {@code method template}. */
    public Router handle(String method, String template, HttpHandler handler) {
        Route r = route(template);
        String m = method.toUpperCase(Locale.ROOT);
        if (r.handlers.putIfAbsent(m, handler) != null)
            throw new IllegalStateException("duplicate route " + m + " " + template);
        return this;
    }

    /**
     * Registers a WebSocket endpoint on {@code GET template} + {@code Upgrade: websocket}.
     *
     * @param subprotocols extra subprotocol names this endpoint accepts and echoes when offered (for example
     *                     {@code "realtime"}); an offered {@code xai-client-secret.<token>} is always echoed
     */
    public Router websocket(String template, WsEndpoint endpoint, String... subprotocols) {
        Route r = route(template);
        if (r.ws != null) throw new IllegalStateException("duplicate WebSocket route " + template);
        r.ws = endpoint;
        r.subprotocols = Set.of(subprotocols);
        return this;
    }

    private Route route(String template) {
        if (frozen) throw new IllegalStateException("routes must be registered before the server starts");
        if (!template.startsWith("/")) throw new IllegalArgumentException("template must start with '/': " + template);
        return byTemplate.computeIfAbsent(template, t -> {
            Route r = new Route(t);
            mappings.put(new UriTemplatePathSpec(t), r);
            return r;
        });
    }

    /** Templates that have a WebSocket endpoint, in registration order. */
    public List<String> webSocketTemplates() {
        List<String> out = new ArrayList<>();
        for (Route r : byTemplate.values()) if (r.ws != null) out.add(r.template);
        return out;
    }

    /** Every template, in registration order. */
    public List<String> templates() {
        return List.copyOf(byTemplate.keySet());
    }

    /** The route template matching {@code path} (encoded, as on the wire), or null. */
    public String templateOf(String path) {
        Match m = match(path);
        return m == null ? null : m.route().template;
    }

    void freeze() {
        frozen = true;
    }

    Match match(String path) {
        MatchedResource<Route> m = mappings.getMatched(path);
        if (m == null) return null;
        Map<String, String> params = ((UriTemplatePathSpec) m.getPathSpec()).getPathParams(path);
        if (params == null || params.isEmpty()) return new Match(m.getResource(), Map.of());
        Map<String, String> decoded = new LinkedHashMap<>();
        params.forEach((k, v) -> decoded.put(k, URIUtil.decodePath(v)));
        return new Match(m.getResource(), Collections.unmodifiableMap(decoded));
    }

    /** Whether requests to {@code template} must carry a credential. */
    static boolean requiresAuth(String template) {
        return template.startsWith("/v1/") || template.equals("/v1");
    }

    record Match(Route route, Map<String, String> pathParams) {}

    static final class Route {
        final String template;
        final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        WsEndpoint ws;
        Set<String> subprotocols = Set.of();

        Route(String template) {
            this.template = template;
        }

        /** The methods of the {@code Allow} header: the registered ones, GET for a WebSocket, HEAD with any GET. */
        String allow() {
            List<String> methods = new ArrayList<>(handlers.keySet());
            if (ws != null && !methods.contains("GET")) methods.add("GET");
            if (handlers.containsKey("GET") && !methods.contains("HEAD")) methods.add("HEAD");
            return String.join(", ", methods);
        }
    }
}
