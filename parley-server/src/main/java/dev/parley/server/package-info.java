/**
 * The Parley server: {@link dev.parley.server.ParleyServer} (Jetty 12 core on virtual threads) and the
 * {@link dev.parley.server.Feature} SPI through which every feature package plugs in.
 *
 * <h2>Adding a feature</h2>
 * Implement {@link dev.parley.server.Feature} in your feature package, construct it with its section of the
 * configuration in {@link dev.parley.server.Features#standard}, and register routes in {@code install}:
 *
 * <pre>{@code
 * public final class TtsFeature implements Feature {
 *     public void install(ServerContext ctx) {
 *         VoiceCatalog voices = ctx.voices();
 *         TtsEngines engines = ctx.engines().tts();                 // the runtime: every model loaded once
 *         ctx.router()
 *            .post("/v1/tts", exchange -> {                     // virtual thread; blocking I/O is fine
 *                byte[] body = exchange.body(1 << 20);          // 413 when larger
 *                ...                                            // bad input: throw ApiException.badRequest("...")
 *                try (OutputStream out = exchange.stream(200, "audio/mpeg")) { ... }
 *            })
 *            .websocket("/v1/tts", handshake -> {                // runs BEFORE the upgrade, caller already authenticated
 *                String voice = handshake.query("voice");
 *                if (voices.find(voice).isEmpty()) throw ApiException.notFound("Voice '" + voice + "' not found");
 *                return new TtsStream(...);                     // a ProtocolSession: no Jetty types
 *            });
 *         ctx.readiness().add("tts.kokoro", () -> ...);        // /ready
 *     }
 * }
 * }</pre>
 *
 * Every route under {@code /v1/} is authenticated by the server before the handler runs ({@code Authorization: Bearer}
 * or, for WebSocket upgrades, the {@code xai-client-secret.<token>} subprotocol, which is then echoed in the 101).
 * Errors become {@code {"code","error"}} JSON with an {@code x-request-id}; other exceptions become a 500 that reveals
 * nothing. Requests are timed in {@code http_server_requests_seconds} by route template, and open WebSocket sessions
 * per endpoint are exported as {@code parley_websocket_sessions_active}.
 */
package dev.parley.server;
