package dev.parley.server.realtime.mcp;

import java.util.Objects;

/**
 * A tool an MCP server offers ({@code tools/list}).
 *
 * @param name the tool's name on its server
 * @param description what it does; empty when the server gave none
 * @param inputSchemaJson the JSON Schema of its arguments, as JSON text
 */
public record McpTool(String name, String description, String inputSchemaJson) {
    public McpTool {
        Objects.requireNonNull(name, "name");
        if (description == null) description = "";
        if (inputSchemaJson == null || inputSchemaJson.isBlank()) inputSchemaJson = "{\"type\":\"object\",\"properties\":{}}";
    }
}
