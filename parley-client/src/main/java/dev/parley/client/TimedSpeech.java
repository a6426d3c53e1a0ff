package dev.parley.client;

import java.util.List;

/**
 * The JSON answer of {@code POST /v1/tts} with {@code with_timestamps: true}: the whole encoded audio and
 * per-character times.
 *
 * @param audio       the encoded audio (owned by the caller)
 * @param contentType e.g. {@code audio/mpeg}
 * @param duration    seconds of audio
 * @param characters  one entry per character of the text, with its start and end in seconds
 */
public record TimedSpeech(byte[] audio, String contentType, double duration, List<CharTime> characters) {
    public TimedSpeech {
        characters = List.copyOf(characters);
    }

    /** One character ({@code graph_chars[i]}) and its {@code [start, end]} ({@code graph_times[i]}) in seconds. */
    public record CharTime(String character, double start, double end) {}
}
