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
 *
 * <p>Open {@code RealtimeSession} first: it is the lifecycle, the session limits and the dispatcher, and its javadoc
 * states the threading and the bounds. Behind it, package-private:
 * <ul>
 *   <li>{@code ClientEvent} (client events as sealed records, decoded by one {@code parse}) and {@code ServerEvents}
 *       (event ids, the emitter): the event codec;</li>
 *   <li>{@code InputAudio}: the input audio buffer, server VAD and turns, commit and clear;</li>
 *   <li>{@code ConversationItems}: item create, delete and truncate, and the transcription of user audio;</li>
 *   <li>{@code ResponseRunner} with {@code Response}, {@code AnswerOutput} (the assistant message: text deltas, or
 *       speech and audio deltas) and {@code McpServers} (remote tools): the responses;</li>
 *   <li>{@code SessionContext}: what these share (the lock, settings, conversation, emitter, worker queue).</li>
 * </ul>
 * The {@code internal} package holds the session's data types and helpers (conversation, items, settings, formats,
 * errors, the input sample buffer, the turn detector, the meters).
 */
package dev.parley.server.realtime;
