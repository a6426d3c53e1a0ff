package dev.parley.client;

import java.util.List;

/** A server message of the streaming STT WebSocket ({@code GET /v1/stt}). */
public sealed interface SttEvent {
    /** {@code transcript.created}: the session is ready (sent before any audio is accepted). */
    record Created(String id) implements SttEvent {}

    /**
     * {@code transcript.partial}. {@code isFinal=false}: interim text that may still change; {@code isFinal=true,
     * speechFinal=false}: a locked chunk; both true: the complete utterance (the speaker stopped).
     *
     * @param channelIndex         channel of a multichannel stream, or null
     * @param endOfTurnConfidence  with {@code smart_turn}, or null
     */
    record Partial(String text, List<Word> words, boolean isFinal, boolean speechFinal, double start, double duration,
            Integer channelIndex, Double endOfTurnConfidence) implements SttEvent {
        public Partial {
            words = List.copyOf(words);
        }
    }

    /**
     * {@code transcript.done} (after {@link SttSocket#audioDone()}): the text not already covered by a
     * {@code speechFinal} partial, and the total duration; one per channel when multichannel.
     */
    record Done(String text, List<Word> words, double duration, Integer channelIndex) implements SttEvent {
        public Done {
            words = List.copyOf(words);
        }
    }

    /** {@code error}: a flat message. Parse errors keep the socket open; pipeline failures close it. */
    record Error(String message) implements SttEvent {}

    /** A message of a type this SDK does not know, kept as JSON text. */
    record Unknown(String type, String json) implements SttEvent {}
}
