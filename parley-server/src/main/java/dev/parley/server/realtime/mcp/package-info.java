/**
 * Remote MCP tools (spec §4.6 {@code mcp}): {@link dev.parley.server.realtime.mcp.McpClient} speaks the MCP
 * Streamable HTTP transport (JSON-RPC 2.0 over POST, answers as JSON or as an SSE stream) to list and call the tools
 * of one server. The realtime session offers the listed tools to the language model and runs the calls itself,
 * inside the response (flow F).
 */
package dev.parley.server.realtime.mcp;
