/**
 * The voice agent ({@code GET /v1/realtime}, spec §4) as a transport-free state machine.
 *
 * <p>{@link dev.parley.server.realtime.RealtimeSession} consumes client events and emits server events through an
 * {@link dev.parley.server.realtime.EventSink}; the pipeline engines are injected through
 * {@link dev.parley.server.realtime.RealtimeEngines} ({@link dev.parley.server.realtime.VoiceActivityDetector},
 * {@link dev.parley.server.realtime.Transcriber}, {@code dev.parley.engines.llm.ChatModel},
 * {@link dev.parley.server.realtime.SpeechSynthesizer}). A WebSocket adapter only forwards frames:
 * <pre>{@code
 * // onWebSocketOpen:
 * session = new RealtimeSession(config.withModel(requestedModel), engines, json -> ws.sendText(json, callback));
 * session.start();
 * // onWebSocketText:   session.onText(text);
 * // onWebSocketBinary: session.onBinary(bytes);
 * // onWebSocketClose / onWebSocketError: session.close();
 * }</pre>
 * Everything protocol-shaped (event order, ids, errors, leniency) lives here and is tested with scripted
 * conversations; nothing here knows about sockets. {@link dev.parley.server.realtime.RealtimeFeature} builds the
 * shared engines and registers the route; the Jetty adapter is {@code dev.parley.server.realtime.ws.RealtimeSocket};
 * {@code ./parley bench realtime} measures latency and concurrency over a real socket.
 * Remote MCP tools ({@code type: "mcp"}) are listed and called by the session itself through
 * {@code dev.parley.server.realtime.mcp.McpClient} (flow F: {@code mcp_list_tools.*}, {@code response.mcp_call*}).
 */
package dev.parley.server.realtime;
