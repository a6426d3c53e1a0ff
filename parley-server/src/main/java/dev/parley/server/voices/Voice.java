package dev.parley.server.voices;

/**
 * A voice as {@code GET /v1/tts/voices} returns it (spec §7): {@code voice_id} (lowercase canonical) and
 * {@code name}, plus {@code language} (null = any supported language) and the descriptive {@code gender} and
 * {@code tone}.
 */
public record Voice(String voiceId, String name, String language, String gender, String tone) {}
