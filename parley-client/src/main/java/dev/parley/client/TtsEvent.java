package dev.parley.client;

import java.util.List;

/** A server message of the TTS WebSocket ({@code GET /v1/tts}). */
public sealed interface TtsEvent {
    /**
     * {@code audio.delta}: the next bytes of audio in the socket's codec. For {@code mp3} and {@code wav} the
     * concatenation of one utterance's deltas is a playable file.
     *
     * @param audio      decoded bytes (owned by the receiver; may be empty when only timestamps are carried)
     * @param timestamps character times (with {@code with_timestamps}); empty otherwise
     */
    record AudioDelta(byte[] audio, List<TimedSpeech.CharTime> timestamps) implements TtsEvent {}

    /** {@code audio.done}: the utterance is complete; the socket stays open for the next one. */
    record AudioDone(String traceId) implements TtsEvent {}

    /** {@code audio.clear}: acknowledges {@link TtsSocket#clear()}. */
    record AudioClear() implements TtsEvent {}

    /** {@code error}: a flat error message; the server may close the socket after it. */
    record Error(String message) implements TtsEvent {}

    /** A message of a type this SDK does not know, kept as JSON text. */
    record Unknown(String type, String json) implements TtsEvent {}
}
