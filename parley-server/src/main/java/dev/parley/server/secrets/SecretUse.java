package dev.parley.server.secrets;

/** Where a client secret is presented. Client secrets open WebSocket sessions only, never REST calls. */
public enum SecretUse {
    /** {@code GET /v1/realtime} handshake. */
    REALTIME_WEBSOCKET,
    /** {@code GET /v1/tts} WebSocket handshake. */
    TTS_WEBSOCKET,
    /** {@code GET /v1/stt} WebSocket handshake. */
    STT_WEBSOCKET,
    /** Any REST endpoint: always refused for client secrets. */
    REST;

    public boolean isWebSocket() {
        return this != REST;
    }
}
