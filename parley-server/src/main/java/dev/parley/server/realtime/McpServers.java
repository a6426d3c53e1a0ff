package dev.parley.server.realtime;

import static dev.parley.server.realtime.SessionContext.LOG;

import dev.parley.engines.llm.ToolSpec;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.realtime.internal.SessionSettings;
import dev.parley.server.realtime.mcp.McpClient;
import dev.parley.server.realtime.mcp.McpException;
import dev.parley.server.realtime.mcp.McpTool;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The remote MCP servers of one session by label (spec §4.6 {@code mcp}, flow F): each one's client and, once listed,
 * the tools it offers the model. Every server is reached through the outbound client of the session's config
 * ({@link RealtimeConfig#outbound()}): a refused address fails the listing with {@code mcp_list_tools.failed}
 * naming the kind of address, before any byte is sent.
 *
 * <h2>Threading</h2>
 * Every method runs under the session lock. Listing a server's tools runs on a virtual thread of its own, outside the
 * lock, and reports {@code mcp_list_tools.completed} or {@code .failed} under it; calls run on the worker
 * ({@link ResponseRunner}), also outside the lock, through {@link Server#call}.
 */
final class McpServers {
    /** The most time one MCP request (list or call) may take. */
    static final Duration MCP_TIMEOUT = Duration.ofSeconds(30);

    private final SessionContext ctx;
    private final Map<String, Server> servers = new LinkedHashMap<>();

    /** One configured MCP server: its client and, once listed, the tools offered to the model. */
    static final class Server {
        final SessionSettings.McpServer config;
        private final McpClient client;
        private List<McpTool> tools; // null until listed; guarded by the session lock

        private Server(SessionSettings.McpServer config, OutboundHttp outbound) {
            this.config = config;
            this.client = new McpClient(outbound, URI.create(config.url()), config.authorization(), config.headers(),
                    MCP_TIMEOUT);
        }

        /** Calls tool {@code name}; blocks for up to {@link McpServers#MCP_TIMEOUT}. Call it outside the session lock. */
        String call(String name, String argumentsJson) throws McpException {
            return client.callTool(name, argumentsJson);
        }
    }

    McpServers(SessionContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Follows the session's settings: starts listing the tools of new or changed servers ({@code
     * mcp_list_tools.in_progress} now, the outcome later), forgets removed ones. Under the lock.
     */
    void sync() {
        assert ctx.lock.isHeldByCurrentThread();
        Set<String> labels = new HashSet<>();
        for (SessionSettings.McpServer config : ctx.settings.mcpServers) {
            labels.add(config.label());
            Server old = servers.get(config.label());
            if (old != null && old.config.equals(config)) continue;
            if (old != null) old.client.close();
            Server server = new Server(config, ctx.config.outbound());
            servers.put(config.label(), server);
            String itemId = ServerEvents.newId("mcp_list");
            ObjectNode started = ctx.events.event("mcp_list_tools.in_progress");
            started.put("item_id", itemId);
            ctx.events.emit(started);
            Thread.ofVirtual().name("mcp-list-" + config.label()).start(() -> list(server, itemId));
        }
        servers.entrySet().removeIf(en -> {
            if (labels.contains(en.getKey())) return false;
            en.getValue().client.close();
            return true;
        });
    }

    /** Its own thread: lists the tools of {@code server} (outside the lock), then reports under it. */
    private void list(Server server, String itemId) {
        List<McpTool> tools = null;
        String failure = null;
        try {
            tools = new ArrayList<>();
            List<String> allowed = server.config.allowedTools();
            for (McpTool t : server.client.listTools()) {
                if (allowed != null && !allowed.contains(t.name())) continue;
                if (!t.name().matches("[a-zA-Z0-9_-]{1,64}")) { // not a valid function name for the model
                    LOG.info("realtime {}: MCP tool '{}' of {} skipped: name unusable as a function name", ctx.id,
                            t.name(), server.config.label());
                    continue;
                }
                tools.add(t);
            }
        } catch (McpException e) { // its message names the reason, never the upstream's body
            failure = "Could not list the tools of MCP server '" + server.config.label() + "': " + e.getMessage();
            LOG.info("realtime {}: {}", ctx.id, failure);
        } catch (RuntimeException e) {
            failure = "Could not list the tools of MCP server '" + server.config.label() + "'";
            LOG.warn("realtime {}: listing the tools of MCP server {} failed", ctx.id, server.config.label(), e);
        }
        ctx.lock.lock();
        try {
            if (ctx.closed || servers.get(server.config.label()) != server) return; // replaced or removed meanwhile
            ObjectNode e;
            if (failure == null) {
                server.tools = List.copyOf(tools);
                e = ctx.events.event("mcp_list_tools.completed");
                e.put("item_id", itemId);
            } else {
                e = ctx.events.event("mcp_list_tools.failed");
                e.put("item_id", itemId);
                e.putObject("error").put("type", "mcp_list_tools_error").put("message", failure);
            }
            ctx.events.emit(e);
        } finally {
            ctx.lock.unlock();
        }
    }

    /**
     * Adds the listed tools of every server to {@code tools} (the session's function tools), skipping a name that
     * is already there (a function tool or an earlier server has it). Under the lock.
     *
     * @return the server of each added tool, by name
     */
    Map<String, Server> offer(List<ToolSpec> tools) {
        assert ctx.lock.isHeldByCurrentThread();
        Map<String, Server> routes = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (ToolSpec t : tools) names.add(t.name());
        for (Server m : servers.values()) {
            if (m.tools == null) continue;
            for (McpTool t : m.tools) {
                if (!names.add(t.name())) continue;
                tools.add(new ToolSpec(t.name(), t.description(), t.inputSchemaJson()));
                routes.put(t.name(), m);
            }
        }
        return routes;
    }

    /** Closes every client (the session closed). Under the lock. */
    void closeAll() {
        assert ctx.lock.isHeldByCurrentThread();
        servers.values().forEach(m -> m.client.close());
        servers.clear();
    }
}
