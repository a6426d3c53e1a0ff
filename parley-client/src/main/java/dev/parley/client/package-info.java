/**
 * Java SDK for the xAI Voice API, served by Parley or by {@code api.x.ai}: REST and the three WebSocket protocols,
 * on {@code java.net.http} and Jackson only.
 *
 * <p>Entry point: {@link dev.parley.client.VoiceClient}.
 * <ul>
 * <li>Text to speech: {@link dev.parley.client.VoiceClient#speech(TtsRequest)} (whole body),
 *     {@link dev.parley.client.VoiceClient#speechStream(TtsRequest)} (an {@code InputStream} readable while the server
 *     synthesises), {@link dev.parley.client.VoiceClient#openTts} (WebSocket: {@link dev.parley.client.TtsSocket},
 *     {@link dev.parley.client.TtsEvent}).</li>
 * <li>Voices: {@link dev.parley.client.VoiceClient#voices()}, {@link dev.parley.client.VoiceClient#voice(String)}.</li>
 * <li>Speech to text: {@link dev.parley.client.VoiceClient#transcribe(SttRequest)} (multipart upload),
 *     {@link dev.parley.client.VoiceClient#openStt} (WebSocket: {@link dev.parley.client.SttSocket},
 *     {@link dev.parley.client.SttEvent}).</li>
 * <li>Voice agent: {@link dev.parley.client.VoiceClient#openRealtime} ({@link dev.parley.client.RealtimeSocket},
 *     {@link dev.parley.client.ClientEvent} out, {@link dev.parley.client.ServerEvent} in), and ephemeral secrets
 *     for browsers: {@link dev.parley.client.VoiceClient#createClientSecret}.</li>
 * </ul>
 *
 * <p><b>Threading.</b> {@code VoiceClient} is thread-safe; REST calls block the calling thread. Socket listeners are
 * never called concurrently for one socket ({@link dev.parley.client.SocketListener}). Socket sends are thread-safe
 * and keep call order.
 *
 * <p><b>Buffer ownership.</b> Byte arrays the SDK hands out (audio in events and responses) are fresh and belong to
 * the receiver. Arrays passed to {@code sendAudio} are copied; arrays inside a {@link dev.parley.client.ClientEvent}
 * or an {@link dev.parley.client.SttRequest} are read until the send (or the call) completes and must not change
 * before.
 *
 * <p><b>Backpressure.</b> Inbound: one message is requested from the transport ({@code WebSocket.request(1)}) only
 * after the listener returned from the previous one, so a slow listener slows the server through TCP flow control.
 * Outbound: each socket queues at most {@value dev.parley.client.VoiceClient#MAX_QUEUED_BYTES} bytes; a send beyond
 * that fails its future with {@code IllegalStateException} (reject-new), so wait on the futures of earlier sends.
 *
 * <p><b>Errors.</b> An error response (or refused WebSocket handshake) is an {@link dev.parley.client.ApiException}
 * with the HTTP status and the body's {@code code} and {@code error}; an error inside an open socket is an
 * {@code Error} event; unknown event types are {@code Unknown} events, never failures.
 */
package dev.parley.client;
