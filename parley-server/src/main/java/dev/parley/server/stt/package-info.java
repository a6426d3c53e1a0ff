/**
 * Speech to text over HTTP: {@code POST /v1/stt} (multipart, spec §8) and {@code GET /v1/stt} upgraded to a
 * WebSocket (spec §9), installed by {@link dev.parley.server.stt.SttFeature} with the {@code stt} section of the
 * configuration; {@code ./parley bench stt} measures both. OpenAI's
 * {@code POST /v1/audio/transcriptions} is an alias of {@code POST /v1/stt} ({@code internal.OpenAiTranscriptions}:
 * json, text, verbose_json, srt and vtt answers built from the same transcript, OpenAI's error shape).
 *
 * <h2>Decisions on the spec's conflicts</h2>
 * <ul>
 *   <li>#11 {@code endpointing} defaults to 10 ms (April parity).</li>
 *   <li>#12 after {@code transcript.done} the socket stays open for a new turn (April text) unless
 *       {@code stt.close_after_done} ({@code PARLEY_STT_CLOSE_AFTER_DONE=true}) or the query {@code close_after_done=true}; then it closes with 1000.</li>
 *   <li>#13 the REST {@code language} echoes the requested language, or {@code ""}.</li>
 *   <li>#17 {@code url} input is supported (fetched through the server's outbound policy,
 *       {@code dev.parley.server.net}: public addresses only unless {@code outbound.allow} admits more; capped at
 *       the upload limit).</li>
 * </ul>
 *
 * <h2>Threading and buffers</h2>
 * REST requests run on their virtual thread; decoding runs on parley-audio's FFmpeg pool (a full queue is 503) and
 * transcription on the runtime's inference pool. Each WebSocket connection is a transport-free
 * {@code internal.StreamSession} (a {@code ProtocolSession} of the session kit): one virtual worker thread fed by a
 * bounded inbox (at most {@code max_pending_audio_seconds} of audio or 256 messages; beyond that the socket is not read
 * until the worker catches up: TCP backpressure, nothing dropped).
 */
package dev.parley.server.stt;
