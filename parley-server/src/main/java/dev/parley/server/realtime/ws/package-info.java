/**
 * The Jetty adapter of {@code /v1/realtime}: {@link dev.parley.server.realtime.ws.RealtimeSocket} forwards WebSocket
 * frames to a transport-free {@link dev.parley.server.realtime.RealtimeSession} and writes its events, with a bounded
 * outbound queue (8 Mi characters; a client that stops reading is closed with 1008). Registered by
 * {@link dev.parley.server.realtime.RealtimeFeature}, which also validates the handshake (model, availability).
 */
package dev.parley.server.realtime.ws;
