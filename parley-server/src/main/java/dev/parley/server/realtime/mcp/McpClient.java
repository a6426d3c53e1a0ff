package dev.parley.server.realtime.mcp;

import dev.parley.server.net.OutboundException;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.net.OutboundPolicy;
import dev.parley.server.net.OutboundRequest;
import dev.parley.server.net.OutboundResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of one remote MCP server over the Streamable HTTP transport (MCP 2025-06-18): every JSON-RPC 2.0 message
 * is a {@code POST} to the server URL with {@code Accept: application/json, text/event-stream}; the server answers with
 * a JSON body or an SSE stream whose {@code message} events carry the response. The {@code Mcp-Session-Id} the server
 * returns from {@code initialize} is sent on every later request; when the server forgets it (404) the client
 * initializes once more and retries.
 *
 * <h2>Threading</h2>
 * Thread-safe: requests are serialized per client (one at a time). Calls block, so run them on a virtual thread,
 * never while holding a session lock.
 *
 * <h2>Outbound policy</h2>
 * Every request goes through the server's {@link OutboundHttp}: the URL's host must be a DNS name or a canonical IP
 * literal, only addresses the policy admits are connected to (public ones, unless {@code outbound.allow} lists
 * more), redirects are followed hop by hop under the same checks with the caller's headers (the authorization
 * included) dropped when the origin changes. A refusal names the kind of address; a non-2xx answer is reported by
 * its status code alone, never with the upstream's body.
 *
 * <h2>Bounds</h2>
 * Each request must complete within {@code timeout} (connect, headers and body together; the body is cut off at the
 * deadline); a response larger than {@value #MAX_RESPONSE_CHARS} characters is refused; {@code tools/list} follows at
 * most {@value #MAX_PAGES} pages.
 */
public final class McpClient implements AutoCloseable {
    public static final String PROTOCOL_VERSION = "2025-06-18";
    static final int MAX_RESPONSE_CHARS = 4 * 1024 * 1024;
    static final int MAX_PAGES = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LoggerFactory.getLogger(McpClient.class);
    /** Headers the transport sets itself; a tool's {@code headers} cannot replace them. */
    private static final Set<String> OWN_HEADERS = Set.of("content-type", "accept", "mcp-session-id",
            "mcp-protocol-version");

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final OutboundHttp http;
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;
    private volatile OutboundResponse inFlight;
    private String sessionId; // guarded by this
    private boolean initialized; // guarded by this

    /**
     * @param http the server's outbound client: its policy decides which addresses the server may be reached on
     *     and whether {@code headers} are sent ({@link OutboundPolicy#forwardsHeadersTo})
     * @param url the server's MCP endpoint ({@code http} or {@code https})
     * @param authorization a token sent as {@code Authorization: Bearer <token>} (as is when it already names a
     *     scheme); null for none. Never sent across a redirect to another origin.
     * @param headers extra request headers, sent only where the policy forwards headers; null for none. Restricted
     *     ones ({@link OutboundHttp#isRestricted}) and the transport's own ({@code Content-Type}, {@code Accept},
     *     {@code Mcp-Session-Id}, {@code MCP-Protocol-Version}) are never taken from here.
     * @param timeout the most one request may take
     */
    public McpClient(OutboundHttp http, URI url, String authorization, Map<String, String> headers, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.url = Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("MCP server_url must be http or https: " + url);
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null && !headers.isEmpty()) {
            if (http.policy().forwardsHeadersTo(url.getHost() == null ? "" : url.getHost())) {
                headers.forEach((k, v) -> {
                    if (!OWN_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !OutboundHttp.isRestricted(k)) h.put(k, v);
                });
            } else {
                LOG.info("MCP server {}: its headers are not sent (the host is not on outbound.allow and"
                        + " outbound.forward_headers is off)", url.getHost());
            }
        }
        if (authorization != null && !authorization.isBlank()) {
            String a = authorization.strip();
            h.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization"));
            h.put("Authorization", a.regionMatches(true, 0, "Bearer ", 0, 7) || a.regionMatches(true, 0, "Basic ", 0, 6)
                    ? a : "Bearer " + a);
        }
        this.headers = Collections.unmodifiableMap(h);
    }

    /** Performs the {@code initialize} handshake (and {@code notifications/initialized}) unless done already. */
    public synchronized void initialize() throws McpException {
        if (initialized) return;
        sessionId = null;
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "parley").put("version", "1");
        JsonNode result = request("initialize", params, false);
        if (!result.isObject()) throw new McpException("MCP server " + url + " sent an invalid initialize result");
        notify("notifications/initialized");
        initialized = true;
    }

    /** The server's tools ({@code tools/list}, all pages). */
    public synchronized List<McpTool> listTools() throws McpException {
        initialize();
        List<McpTool> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode params = JSON.createObjectNode();
            if (cursor != null) params.put("cursor", cursor);
            JsonNode result = request("tools/list", params, true);
            JsonNode list = result.get("tools");
            if (list == null || !list.isArray()) throw new McpException("MCP server " + url + " sent no tools array");
            for (JsonNode t : list) {
                JsonNode name = t.get("name");
                if (name == null || !name.isString() || name.stringValue().isEmpty()) continue;
                JsonNode d = t.get("description");
                JsonNode schema = t.get("inputSchema");
                tools.add(new McpTool(name.stringValue(), d != null && d.isString() ? d.stringValue() : "",
                        schema != null && schema.isObject() ? schema.toString() : null));
            }
            JsonNode next = result.get("nextCursor");
            if (next == null || !next.isString() || next.stringValue().isEmpty()) return tools;
            cursor = next.stringValue();
        }
        return tools;
    }

    /**
     * Calls a tool ({@code tools/call}) and returns its text content (text parts joined by newlines; other parts are
     * described in brackets).
     *
     * @param argumentsJson the arguments object as JSON text; empty or null for none
     * @throws McpException when the call fails, including a result with {@code isError: true} (message = its text)
     */
    public synchronized String callTool(String name, String argumentsJson) throws McpException {
        initialize();
        ObjectNode params = JSON.createObjectNode().put("name", name);
        JsonNode args;
        try {
            args = argumentsJson == null || argumentsJson.isBlank() ? JSON.createObjectNode() : JSON.readTree(argumentsJson);
        } catch (JacksonException e) {
            throw new McpException("Tool arguments are not valid JSON");
        }
        if (!args.isObject()) throw new McpException("Tool arguments must be a JSON object");
        params.set("arguments", args);
        JsonNode result = request("tools/call", params, true);
        String text = text(result);
        JsonNode isError = result.get("isError");
        if (isError != null && isError.asBoolean()) {
            throw new McpException(text.isEmpty() ? "Tool " + name + " failed" : text);
        }
        return text;
    }

    static String text(JsonNode result) {
        StringBuilder sb = new StringBuilder();
        JsonNode content = result.get("content");
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asString("");
                String piece = type.equals("text") ? part.path("text").asString("") : "[" + type + " content]";
                if (!sb.isEmpty()) sb.append('\n');
                sb.append(piece);
            }
        }
        if (sb.isEmpty() && result.has("structuredContent")) sb.append(result.get("structuredContent").toString());
        return sb.toString();
    }

    /**
     * Stops this client: later calls fail at once, and an answer being read is cut off (a request still waiting for
     * its answer ends within its time limit). The shared outbound client stays open. Idempotent; callable from any
     * thread.
     */
    @Override
    public void close() {
        closed = true;
        OutboundResponse r = inFlight;
        if (r != null) r.close();
    }

    // ------------------------------------------------------------------------------------------------ transport

    private JsonNode request(String method, ObjectNode params, boolean retryOnExpiredSession) throws McpException {
        long id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        msg.set("params", params);
        Exchange ex = post(msg.toString(), method);
        if (ex.status == 404 && sessionId != null && retryOnExpiredSession) { // session expired: start a new one
            initialized = false;
            initialize();
            return request(method, params, false);
        }
        if (ex.status < 200 || ex.status >= 300) { // the status only: the body is the upstream's
            throw new McpException("MCP server " + url + " answered " + method + " with HTTP " + ex.status);
        }
        if (method.equals("initialize") && ex.sessionId != null) sessionId = ex.sessionId;
        JsonNode response = ex.eventStream ? fromEventStream(ex.body, id, method) : parse(ex.body, method);
        if (response.isArray()) { // a batch: find ours
            for (JsonNode r : response) if (r.path("id").asLong(-1) == id) return result(r, method);
            throw new McpException("MCP server " + url + " sent no response to " + method);
        }
        return result(response, method);
    }

    private void notify(String method) throws McpException {
        ObjectNode msg = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        Exchange ex = post(msg.toString(), method);
        if (ex.status < 200 || ex.status >= 300) {
            throw new McpException("MCP server " + url + " answered " + method + " with HTTP " + ex.status);
        }
    }

    private JsonNode result(JsonNode response, String method) throws McpException {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw new McpException("MCP server " + url + " returned an error for " + method + ": "
                    + abbreviate(error.path("message").asString("no message")) + " (code "
                    + error.path("code").asString("?") + ")");
        }
        JsonNode result = response.get("result");
        if (result == null || !result.isObject()) {
            throw new McpException("MCP server " + url + " sent a response to " + method + " without a result");
        }
        return result;
    }

    private record Exchange(int status, String body, boolean eventStream, String sessionId) {}

    private Exchange post(String body, String method) throws McpException {
        if (closed) throw new McpException("The client of MCP server " + url + " is closed");
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        if (!method.equals("initialize")) h.put("MCP-Protocol-Version", PROTOCOL_VERSION);
        if (sessionId != null) h.put("Mcp-Session-Id", sessionId);
        long deadline = System.nanoTime() + timeout.toNanos();
        OutboundResponse response;
        try {
            response = http.send(new OutboundRequest("POST", url, h, body.getBytes(StandardCharsets.UTF_8), timeout));
        } catch (OutboundException e) {
            throw failure(e, method);
        }
        inFlight = response;
        String contentType = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String sid = response.header("Mcp-Session-Id").orElse(null);
        // cut the body off at the deadline: an SSE stream may stay open
        InputStream in = response.body();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) Thread.sleep(Duration.ofNanos(left));
                in.close();
            } catch (InterruptedException | IOException ignored) {
                // finished in time
            }
        });
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean sse = contentType.startsWith("text/event-stream");
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) >= 0) {
                sb.append(buf, 0, n);
                if (sb.length() > MAX_RESPONSE_CHARS) {
                    throw new McpException("MCP server " + url + " sent more than " + MAX_RESPONSE_CHARS
                            + " characters for " + method);
                }
                if (sse && hasResponseEvent(sb)) break; // the server may keep the stream open after our response
            }
            return new Exchange(response.status(), sb.toString(), sse, sid);
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw new McpException("MCP server " + url + " did not answer " + method + " within " + timeout.toMillis() + " ms", e);
            }
            if (closed) throw new McpException("The client of MCP server " + url + " is closed", e);
            throw new McpException("MCP server " + url + " broke off the answer to " + method, e);
        } finally {
            inFlight = null;
            watchdog.interrupt();
            response.close();
        }
    }

    /** The outbound refusal or failure as an MCP failure; the message names the reason, never resolved addresses. */
    private McpException failure(OutboundException e, String method) {
        String m = switch (e.reason()) {
            case INVALID_URL -> "MCP server URL " + url + " is not usable: " + e.getMessage();
            case REFUSED_ADDRESS -> "MCP server " + url + " " + e.getMessage() + " (the server's outbound.allow lists"
                    + " what it may reach besides public addresses)";
            case UNRESOLVED, UNREACHABLE -> "MCP server " + url + " is unreachable (" + method + "): " + e.getMessage();
            case TIMEOUT -> "MCP server " + url + " did not answer " + method + " within " + timeout.toMillis() + " ms";
            case CANCELLED -> "Interrupted while calling MCP server " + url;
            default -> "MCP server " + url + " could not be called (" + method + "): " + e.getMessage();
        };
        return new McpException(m, e);
    }

    /** True once the SSE text holds a complete event with a JSON-RPC response (has a result or an error). */
    private static boolean hasResponseEvent(StringBuilder sb) {
        int end = Math.max(sb.lastIndexOf("\n\n"), sb.lastIndexOf("\r\n\r\n"));
        if (end < 0) return false;
        for (String data : events(sb.substring(0, end + 2))) {
            if (data.contains("\"result\"") || data.contains("\"error\"")) return true;
        }
        return false;
    }

    /** The data of each complete event of an SSE text ({@code data:} lines joined by newlines). */
    static List<String> events(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder data = null;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) out.add(data.toString());
                data = null;
            } else if (line.startsWith("data:")) {
                String v = line.substring(5);
                if (v.startsWith(" ")) v = v.substring(1);
                if (data == null) data = new StringBuilder(v);
                else data.append('\n').append(v);
            }
            // event:, id:, retry: and comments are not needed
        }
        if (data != null) out.add(data.toString()); // stream ended without a final blank line
        return out;
    }

    private JsonNode fromEventStream(String body, long id, String method) throws McpException {
        for (String data : events(body)) {
            if (data.isBlank()) continue;
            JsonNode msg;
            try {
                msg = JSON.readTree(data);
            } catch (JacksonException e) {
                continue; // not JSON-RPC: ignore
            }
            if (msg.isObject() && msg.path("id").asLong(-1) == id && (msg.has("result") || msg.has("error"))) return msg;
            if (msg.isArray()) {
                for (JsonNode m : msg) if (m.path("id").asLong(-1) == id) return m;
            }
            // server requests and notifications on the stream are ignored
        }
        throw new McpException("MCP server " + url + " closed the event stream without answering " + method);
    }

    private JsonNode parse(String body, String method) throws McpException {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !(n.isObject() || n.isArray())) throw new McpException("MCP server " + url
                    + " sent no JSON-RPC response to " + method);
            return n;
        } catch (JacksonException e) {
            throw new McpException("MCP server " + url + " sent invalid JSON for " + method); // no excerpt of its body
        }
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
