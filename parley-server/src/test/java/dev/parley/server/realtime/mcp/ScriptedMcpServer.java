package dev.parley.server.realtime.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test double of a remote MCP server (no real one is reachable from the tests): Streamable HTTP on {@code /mcp}
 * with {@code initialize}, {@code notifications/initialized}, {@code tools/list} (tools {@code add} and
 * {@code delete_everything}) and {@code tools/call} ({@code add} sums {@code a} and {@code b}). Answers as JSON, or as
 * an SSE stream (preceded by an unrelated notification) when {@code sse} is set. Records every request with its headers.
 */
public final class ScriptedMcpServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String SESSION_ID = "mcp-session-7";

    /** One request the server received. */
    public record Received(String method, JsonNode params, String sessionId, String authorization,
            Map<String, List<String>> headers) {}

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile boolean sse;
    /** When set, the next request of a session is answered 404 (the server forgot the session), then this resets. */
    public volatile boolean expireOnce;
    private final HttpServer server;

    public ScriptedMcpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    /** The received requests with this method. */
    public List<Received> calls(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        JsonNode msg = JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String method = msg.path("method").asString("");
        received.add(new Received(method, msg.get("params"), ex.getRequestHeaders().getFirst("Mcp-Session-Id"),
                ex.getRequestHeaders().getFirst("Authorization"), Map.copyOf(ex.getRequestHeaders())));
        if (!msg.has("id")) { // a notification
            ex.sendResponseHeaders(202, -1);
            ex.close();
            return;
        }
        if (!method.equals("initialize") && expireOnce) {
            expireOnce = false;
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (!method.equals("initialize") && !SESSION_ID.equals(ex.getRequestHeaders().getFirst("Mcp-Session-Id"))) {
            ex.sendResponseHeaders(400, -1);
            ex.close();
            return;
        }
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", msg.get("id"));
        ObjectNode result = response.putObject("result");
        switch (method) {
            case "initialize" -> {
                result.put("protocolVersion", "2025-06-18");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "scripted-calculator").put("version", "1");
                ex.getResponseHeaders().add("Mcp-Session-Id", SESSION_ID);
            }
            case "tools/list" -> {
                var tools = result.putArray("tools");
                ObjectNode add = tools.addObject().put("name", "add").put("description", "Adds two numbers");
                ObjectNode schema = add.putObject("inputSchema").put("type", "object");
                schema.putObject("properties").set("a", JSON.createObjectNode().put("type", "number"));
                ((ObjectNode) schema.get("properties")).set("b", JSON.createObjectNode().put("type", "number"));
                schema.putArray("required").add("a").add("b");
                tools.addObject().put("name", "delete_everything").put("description", "Dangerous")
                        .putObject("inputSchema").put("type", "object");
            }
            case "tools/call" -> {
                JsonNode p = msg.get("params");
                if (!p.path("name").asString("").equals("add")) {
                    result.putArray("content").addObject().put("type", "text").put("text", "unknown tool");
                    result.put("isError", true);
                } else {
                    double sum = p.at("/arguments/a").asDouble() + p.at("/arguments/b").asDouble();
                    String text = sum == Math.rint(sum) ? Long.toString((long) sum) : Double.toString(sum);
                    result.putArray("content").addObject().put("type", "text").put("text", text);
                    result.put("isError", false);
                }
            }
            default -> {
                response.remove("result");
                response.putObject("error").put("code", -32601).put("message", "Method not found: " + method);
            }
        }
        byte[] body;
        if (sse) {
            String note = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"working\"}}";
            body = ("event: message\ndata: " + note + "\n\n: keep-alive\n\nevent: message\nid: 1\ndata: " + response + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        } else {
            body = response.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
