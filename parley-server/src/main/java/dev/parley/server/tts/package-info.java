/**
 * Text to speech over HTTP and WebSocket (spec §5, §6): {@link dev.parley.server.tts.TtsFeature} registers
 * {@code POST /v1/tts} and {@code GET /v1/tts} + {@code Upgrade: websocket}, and OpenAI's {@code POST /v1/audio/speech}
 * as an alias of {@code POST /v1/tts} ({@code OpenAiSpeech}: OpenAI body and voice names in, the same streamed audio
 * out, OpenAI's error shape).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@code TtsService}: the shared synthesis core: API voice to engine voice (from configuration), text to
 *       chunks, one chunk at a time.</li>
 *   <li>{@code OutputFormat}: the codec, rate and bit rate asked for; its {@code encoder()} is a
 *       {@code WireEncoder} per utterance (streaming resampler to the requested rate, then the codec).</li>
 *   <li>{@code TtsRest}: the REST handler; streams chunk by chunk (chunked transfer), or JSON with timestamps.</li>
 *   <li>{@code TtsStream}: one WebSocket session's state machine, a transport-free {@code ProtocolSession} of the
 *       session kit, run by one virtual thread per socket.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * REST: the request's virtual thread synthesises and writes, chunk by chunk; native inference is handed to the
 * bounded inference pool by the engines, MP3 encoding to parley-audio's FFmpeg pool. WebSocket: the connection's
 * reader only parses messages into a bounded inbox; one virtual worker per socket handles them in order, synthesises and sends.
 * Nothing is ever interrupted: cancellation is a flag checked between chunks (native contexts must not be freed while a
 * pool thread uses them), so a cancelled synthesis ends within one chunk.
 *
 * <h2>Queues and their bounds</h2>
 * <ul>
 *   <li>REST output: none beyond one chunk; writes block until the network takes the bytes (TCP backpressure); a
 *       client that disconnects fails the next write and synthesis stops.</li>
 *   <li>WebSocket inbox: {@code wsInboxMessages} (64) messages; when full the reader blocks and the socket is not
 *       read (TCP backpressure on the client).</li>
 *   <li>WebSocket text waiting for synthesis: {@code wsMaxPendingChars} (60,000); past it the worker stops reading the
 *       inbox, which then fills.</li>
 *   <li>WebSocket outbound: the session kit's bound, {@code websocket.max_outbound_bytes} (8 MiB) of JSON handed to
 *       the network and not yet written; past it the client counts as not reading: synthesis is cancelled and the
 *       socket closed with 1008.</li>
 * </ul>
 */
package dev.parley.server.tts;
