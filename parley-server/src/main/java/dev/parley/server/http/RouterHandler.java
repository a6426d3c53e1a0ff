package dev.parley.server.http;

import dev.parley.server.auth.BearerTokens;
import dev.parley.server.auth.CredentialVerifier;
import dev.parley.server.auth.Principal;
import dev.parley.server.auth.Scope;
import dev.parley.server.ws.WsHandshake;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.WsConnection;
import dev.parley.server.ws.WsLimits;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty handler that dispatches to the {@link Router}: route match, authentication, HTTP handler or WebSocket
 * upgrade, JSON errors, and the {@code http.server.requests} timer (tags {@code method}, {@code route} = the
 * template, {@code status}, {@code outcome}). Wiring for {@code ParleyServer}; features use {@link Router}.
 *
 * <p>A client's mistake never becomes a 5xx: a body that ends early or breaks its chunked encoding is a 400
 * ({@link Exchange#body}), so is any other request Jetty itself refuses as malformed and an upgrade that is not an
 * RFC 6455 opening handshake; they are logged at DEBUG. A request carrying two credentials (two {@code Authorization}
 * headers, two credential subprotocols) is a 401 whichever comes first: its credentials are ambiguous. {@code HEAD} is
 * served by the {@code GET} handler.
 *
 * <p>Blocking handler: Jetty calls it on a virtual thread.
 */
public final class RouterHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RouterHandler.class);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    static final String UNMATCHED = "unmatched";

    private final Router router;
    private final CredentialVerifier credentials;
    private final ServerWebSocketContainer webSockets;
    private final BooleanSupplier draining;
    private final MeterRegistry meters;
    private final WsLimits wsLimits;
    private final Admission admission;

    /**
     * @param wsLimits  the limits of every WebSocket connection ({@code websocket} in the configuration)
     * @param admission the caps on concurrent sessions and requests ({@code limits} in the configuration)
     */
    public RouterHandler(Router router, CredentialVerifier credentials, ServerWebSocketContainer webSockets,
            BooleanSupplier draining, MeterRegistry meters, WsLimits wsLimits, Admission admission) {
        this.wsLimits = wsLimits;
        this.admission = admission;
        this.router = router;
        this.credentials = credentials;
        this.webSockets = webSockets;
        this.draining = draining;
        this.meters = meters;
        router.freeze();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = RequestIdHandler.ensure(request, response);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = Request.getPathInContext(request);
        Router.Match match = router.match(path);
        path = request.getHttpURI().getDecodedPath();
        String label = match == null ? UNMATCHED : match.route().template;
        Callback done = timed(callback, method, label, response, start);
        try {
            if (match == null) {
                sendError(request, response, done, 404, "No route for " + method + " " + path, Map.of());
            } else if (match.route().ws != null && isWebSocketUpgrade(request, method)) {
                upgrade(request, response, done, match, path, requestId);
            } else {
                serve(request, response, done, match, method, requestId);
            }
        } catch (ApiException e) {
            // RFC 9110 §15.5.2: a 401 names the scheme that would be accepted
            Map<String, String> headers = e.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : e.headers();
            sendError(request, response, done, e.status(), e.getMessage(), headers, e.param());
        } catch (Throwable t) {
            int clientError = clientErrorStatus(t);
            if (clientError == 0 && clientGone(t)) {
                // the connection closed under the request (the client left, or the server is stopping): no one to answer
                LOG.debug("request {} {} {}: connection closed: {}", requestId, method, path, t.toString());
                done.failed(t);
            } else if (clientError != 0) {
                LOG.debug("request {} {} {}: malformed request: {}", requestId, method, path, t.toString());
                sendError(request, response, done, clientError, "Malformed request (request id " + requestId + ")",
                        Map.of());
            } else {
                LOG.error("request {} {} {} failed", requestId, method, path, t);
                sendError(request, response, done, 500, "Internal server error (request id " + requestId + ")",
                        Map.of());
            }
        }
        return true;
    }

    /**
     * The 4xx status of a failure Jetty raised for a malformed request (its {@link HttpException}s: a broken body
     * framing, a bad upgrade request), found anywhere in the cause chain; 0 for anything else, which is a server
     * error. Its text is Jetty's and is never sent: the client gets a plain message in the route's error shape.
     */
    /** Whether {@code t} says the connection closed under the request. */
    static boolean clientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EofException) return true;
        }
        return false;
    }

    static int clientErrorStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) return h.getCode();
        }
        return 0;
    }

    private void serve(Request request, Response response, Callback done, Router.Match match, String method,
            String requestId) throws Exception {
        Router.Route route = match.route();
        HttpHandler handler = route.handlers.get(method);
        // HEAD is GET without the body: Jetty writes the head of the response and drops whatever body follows
        if (handler == null && method.equals("HEAD")) handler = route.handlers.get("GET");
        if (handler == null) {
            if (route.ws != null && (method.equals("GET") || method.equals("HEAD"))) {
                sendError(request, response, done, 426, route.template + " requires a WebSocket upgrade",
                        Map.of("Upgrade", "websocket"));
            } else {
                sendError(request, response, done, 405, "Method " + method + " is not allowed on " + route.template,
                        Map.of("Allow", route.allow()));
            }
            return;
        }
        Principal principal = null;
        if (Router.requiresAuth(route.template)) {
            String token = BearerTokens.fromAuthorization(authorization(request));
            principal = authenticate(token, Scope.rest(route.template));
            if (principal == null) {
                unauthorized(request, response, done, token);
                return;
            }
        }
        // The connection idle timeout applies to reads and writes only, not to a handler computing its answer
        // (speech synthesis or batch transcription may run longer than the idle timeout before the first byte).
        request.addIdleTimeoutListener(timeout -> false);
        Exchange exchange = new Exchange(request, response, route.template, match.pathParams(), principal, requestId);
        try (Admission.Permit permit = principal == null ? null : admission.request(principal.account())) {
            handler.handle(exchange);
            exchange.finish();
        }
        done.succeeded();
    }

    private void upgrade(Request request, Response response, Callback done, Router.Match match, String path,
            String requestId) {
        Router.Route route = match.route();
        if (draining.getAsBoolean()) {
            sendError(request, response, done, 503, "The server is shutting down; reconnect to another instance",
                    Map.of("Retry-After", "5"));
            return;
        }
        String malformed = malformedUpgrade(request);
        if (malformed != null) {
            sendError(request, response, done, 400, malformed, Map.of(HttpHeader.SEC_WEBSOCKET_VERSION.asString(),
                    WEBSOCKET_VERSION));
            return;
        }
        List<String> offered = BearerTokens.subprotocols(request.getHeaders().getValuesList("Sec-WebSocket-Protocol"));
        if (BearerTokens.credentialSubprotocols(offered).size() > 1) {
            throw ApiException.unauthorized("Ambiguous credentials: offer at most one credential in "
                    + "Sec-WebSocket-Protocol (one xai-client-secret.<token> or openai-insecure-api-key.<key>)");
        }
        String credentialProtocol = BearerTokens.credentialSubprotocol(offered);
        String token = BearerTokens.fromAuthorization(authorization(request));
        if (token == null && credentialProtocol != null)
            token = credentialProtocol.substring(BearerTokens.SUBPROTOCOL_PREFIX.length());
        if (token == null) token = BearerTokens.openAiKey(offered); // OpenAI browser clients; echo their "realtime"
        Principal principal = authenticate(token, Scope.websocket(route.template));
        if (principal == null) {
            unauthorized(request, response, done, token);
            return;
        }
        String selected = credentialProtocol;
        if (selected == null) {
            for (String p : offered) {
                if (route.subprotocols.contains(p)) {
                    selected = p;
                    break;
                }
            }
        }
        WsHandshake handshake = new WsHandshake(route.template, path, match.pathParams(), query(request),
                headers(request), principal, requestId, List.copyOf(offered), selected);
        Admission.Permit permit = admission.socket(route.template, principal.account());
        boolean upgraded = false;
        try {
            ProtocolSession session = route.ws.accept(handshake);
            if (session == null) throw new IllegalStateException("WsEndpoint for " + route.template + " returned null");
            WsConnection endpoint = new WsConnection(session, wsLimits, permit);
            String accepted = selected;
            upgraded = webSockets.upgrade((rq, rs, cb) -> {
                if (accepted != null) rs.setAcceptedSubProtocol(accepted);
                return endpoint;
            }, request, response, done);
        } finally {
            if (!upgraded) permit.close();
        }
        if (!upgraded) sendError(request, response, done, 400, "Invalid WebSocket upgrade request", Map.of());
    }

    /** The WebSocket protocol version this server speaks (RFC 6455), named in the answer to any other. */
    static final String WEBSOCKET_VERSION = "13";

    /**
     * Why an upgrade request is not a valid RFC 6455 opening handshake (§4.2.1: a {@code Sec-WebSocket-Key} of 16
     * base64 bytes, {@code Sec-WebSocket-Version: 13}), or null when it is. Checked before Jetty sees the request, so
     * the client gets a 400 naming the header in the xAI shape rather than Jetty's own refusal.
     */
    static String malformedUpgrade(Request request) {
        List<String> keys = request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_KEY);
        if (keys.size() != 1 || !isWebSocketKey(keys.getFirst())) {
            return "Invalid WebSocket upgrade: send one Sec-WebSocket-Key header, the base64 of 16 random bytes";
        }
        List<String> versions = request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_VERSION);
        if (versions.size() != 1 || !versions.getFirst().strip().equals(WEBSOCKET_VERSION)) {
            return "Invalid WebSocket upgrade: this server speaks Sec-WebSocket-Version " + WEBSOCKET_VERSION;
        }
        return null;
    }

    private static boolean isWebSocketKey(String key) {
        try {
            return Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The request's one {@code Authorization} header, or null when there is none.
     *
     * @throws ApiException 401 when the request has more than one, whatever they carry: which of them counts would be
     *                      a guess, and letting either win lets a valid key pass alongside anything else
     */
    private static String authorization(Request request) {
        List<String> values = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
        if (values.size() > 1) {
            throw ApiException.unauthorized("Ambiguous credentials: send one Authorization header, not " + values.size());
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    private Principal authenticate(String token, Scope scope) {
        if (token == null) return null;
        return credentials.verify(token, scope).orElse(null);
    }

    private void unauthorized(Request request, Response response, Callback done, String token) {
        String message = token == null
                ? "Missing credentials: send 'Authorization: Bearer <API key>'"
                : "Incorrect API key provided";
        sendError(request, response, done, 401, message, Map.of("WWW-Authenticate", "Bearer"));
    }

    static boolean isWebSocketUpgrade(Request request, String method) {
        if (!method.equals("GET")) return false;
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Malformed query string");
        }
        for (Fields.Field f : fields) out.put(f.getName(), List.copyOf(f.getValues()));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    /** Sends the JSON error body, or aborts the response when it is already committed. */
    static void sendError(Request request, Response response, Callback callback, int status, String message,
            Map<String, String> headers) {
        sendError(request, response, callback, status, message, headers, null);
    }

    /**
     * Sends the JSON error body for the request's path ({@link #errorBody}), or aborts the response when it is
     * already committed.
     *
     * @param param the request field at fault, or null (OpenAI shape only)
     */
    static void sendError(Request request, Response response, Callback callback, int status, String message,
            Map<String, String> headers, String param) {
        if (response.isCommitted()) {
            callback.failed(new ApiException(status, message));
            return;
        }
        String requestId = (String) request.getAttribute(RequestIds.ATTRIBUTE);
        response.reset();
        if (requestId != null) response.getHeaders().put(RequestIds.HEADER, requestId);
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        closeIfBodyUnread(request, response);
        byte[] body = Json.bytes(errorBody(Request.getPathInContext(request), status, message, param));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Drains what of the request body has already arrived; when more is still to come, the connection cannot carry
     * another request, so the response says {@code Connection: close} rather than leaving a keep-alive client to
     * send its next request on a connection the server is about to close.
     */
    static void closeIfBodyUnread(Request request, Response response) {
        if (!request.consumeAvailable()) response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    /**
     * The error body for a request path: OpenAI's {@code {"error":{"message","type","param","code"}}} on the
     * OpenAI-compatible aliases ({@link OpenAiErrorBody#appliesTo}: those paths are OpenAI's contract and the OpenAI
     * clients parse that shape), the xAI {@code {"code","error"}} everywhere else (spec §1.4).
     */
    static Object errorBody(String path, int status, String message, String param) {
        return OpenAiErrorBody.appliesTo(path) ? OpenAiErrorBody.of(status, message, param)
                : ErrorBody.of(status, message);
    }

    private Callback timed(Callback callback, String method, String route, Response response, long start) {
        String m = METHODS.contains(method) ? method : "OTHER";
        return new Callback() {
            @Override
            public void succeeded() {
                record(true);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(false);
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }

            private void record(boolean ok) {
                int status = response.getStatus();
                Timer.builder("http.server.requests")
                        .description("HTTP requests by route template and status")
                        .tags("method", m, "route", route, "status", Integer.toString(status),
                                "outcome", ok ? outcome(status) : "FAILED")
                        .register(meters)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private static String outcome(int status) {
        if (status < 200) return "INFORMATIONAL";
        if (status < 300) return "SUCCESS";
        if (status < 400) return "REDIRECTION";
        if (status < 500) return "CLIENT_ERROR";
        return "SERVER_ERROR";
    }
}
