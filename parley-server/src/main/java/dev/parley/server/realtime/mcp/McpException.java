package dev.parley.server.realtime.mcp;

/** An MCP server could not be reached, answered with an error, or broke the protocol. The message says which. */
public final class McpException extends Exception {
    public McpException(String message) {
        super(message);
    }

    public McpException(String message, Throwable cause) {
        super(message, cause);
    }
}
