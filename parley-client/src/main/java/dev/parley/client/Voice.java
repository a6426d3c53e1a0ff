package dev.parley.client;

/**
 * A voice of {@code GET /v1/tts/voices}. Fields the server does not send are null.
 *
 * @param voiceId  lowercase id, usable as {@code voice_id} in TTS and {@code voice} in realtime
 * @param name     display name, e.g. {@code Eve}
 * @param language language code, or null
 * @param gender   {@code female}, {@code male}, {@code neutral}, or null (Parley extension)
 * @param tone     e.g. {@code warm}, or null (Parley extension)
 */
public record Voice(String voiceId, String name, String language, String gender, String tone) {}
