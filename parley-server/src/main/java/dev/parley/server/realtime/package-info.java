/**
 * The voice agent ({@code GET /v1/realtime}, spec §4) as a transport-free state machine.
 *
 * <p>{@link dev.parley.server.realtime.RealtimeSession} is a {@code dev.parley.server.ws.ProtocolSession}: it
 * consumes client events and emits server events through a {@code SessionSink}; the one WebSocket adapter of the
 * server ({@code dev.parley.server.ws.WsConnection}) only forwards frames. Its engines are the runtime's, through the
 * engine SPIs ({@link dev.parley.server.realtime.RealtimeEngines}: {@code Vad}, {@code FileTranscriber},
 * {@code ChatModel}, {@code SpeechSynthesizer}). Everything protocol-shaped (event order, ids, errors, leniency,
 * the session limits) lives here and is tested with scripted conversations and fake engines; nothing here knows about
 * sockets. {@link dev.parley.server.realtime.RealtimeFeature} registers the route; {@code ./parley bench realtime}
 * measures latency and concurrency over a real socket. Remote MCP tools ({@code type: "mcp"}) are listed and called
 * by the session itself through
 * {@code dev.parley.server.realtime.mcp.McpClient} (flow F: {@code mcp_list_tools.*}, {@code response.mcp_call*}).
 */
package dev.parley.server.realtime;
