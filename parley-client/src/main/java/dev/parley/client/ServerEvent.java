package dev.parley.client;

/**
 * An event the server sends on the realtime WebSocket (spec §4.4). Every event has an {@link #eventId()}; response
 * events carry the OpenAI-GA ids ({@code responseId}, {@code itemId}, {@code outputIndex}, {@code contentIndex}).
 * Types this SDK does not model arrive as {@link Unknown}, never as an error.
 */
public sealed interface ServerEvent {
    /** The server's {@code event_id} (null for audio received as a binary frame). */
    String eventId();

    /** {@code session.created}: first event after the handshake. */
    record SessionCreated(String eventId, Session session) implements ServerEvent {}

    /** {@code session.updated}: the effective configuration after a {@code session.update}. */
    record SessionUpdated(String eventId, Session session) implements ServerEvent {}

    /** {@code conversation.created}. */
    record ConversationCreated(String eventId, String conversationId) implements ServerEvent {}

    /** {@code conversation.item.added}. */
    record ItemAdded(String eventId, String previousItemId, ConversationItem item) implements ServerEvent {}

    /** {@code conversation.item.created} (replayed items on resumption). */
    record ItemCreated(String eventId, String previousItemId, ConversationItem item) implements ServerEvent {}

    /** {@code conversation.item.deleted}. */
    record ItemDeleted(String eventId, String itemId) implements ServerEvent {}

    /** {@code conversation.item.truncated}; {@code transcript} is the kept text (xAI). */
    record ItemTruncated(String eventId, String itemId, int contentIndex, int audioEndMs, String transcript)
            implements ServerEvent {}

    /** {@code conversation.item.input_audio_transcription.updated}: cumulative transcript so far. */
    record InputTranscriptionUpdated(String eventId, String itemId, String transcript) implements ServerEvent {}

    /** {@code conversation.item.input_audio_transcription.completed}: the user's words. */
    record InputTranscriptionCompleted(String eventId, String itemId, String transcript) implements ServerEvent {}

    /** {@code input_audio_buffer.speech_started} (server VAD; stop playback on it). */
    record SpeechStarted(String eventId, String itemId, int audioStartMs) implements ServerEvent {}

    /** {@code input_audio_buffer.speech_stopped}. */
    record SpeechStopped(String eventId, String itemId, int audioEndMs) implements ServerEvent {}

    /** {@code input_audio_buffer.committed}. */
    record AudioCommitted(String eventId, String previousItemId, String itemId) implements ServerEvent {}

    /** {@code input_audio_buffer.cleared}. */
    record AudioCleared(String eventId) implements ServerEvent {}

    /** {@code input_audio_buffer.timeout_triggered} (idle timeout). */
    record TimeoutTriggered(String eventId, String itemId, int audioStartMs, int audioEndMs) implements ServerEvent {}

    /** {@code response.created}. */
    record ResponseCreated(String eventId, Response response) implements ServerEvent {}

    /** {@code response.done}: the response ended ({@link Response#status()} says how). */
    record ResponseDone(String eventId, Response response) implements ServerEvent {}

    /** {@code response.output_item.added}. */
    record OutputItemAdded(String eventId, String responseId, int outputIndex, ConversationItem item)
            implements ServerEvent {}

    /** {@code response.output_item.done}. */
    record OutputItemDone(String eventId, String responseId, int outputIndex, ConversationItem item)
            implements ServerEvent {}

    /** {@code response.content_part.added}; {@code partType} {@code audio} or {@code text}. */
    record ContentPartAdded(String eventId, String responseId, String itemId, int outputIndex, int contentIndex,
            String partType) implements ServerEvent {}

    /** {@code response.content_part.done}; {@code text} is the part's final text or transcript. */
    record ContentPartDone(String eventId, String responseId, String itemId, int outputIndex, int contentIndex,
            String partType, String text) implements ServerEvent {}

    /**
     * {@code response.output_audio.delta} (also the legacy {@code response.audio.delta}, and binary frames with
     * {@code transport: "binary"}, whose ids are null): audio in the session's output format, decoded from base64.
     * The array belongs to the receiver.
     */
    record OutputAudioDelta(String eventId, String responseId, String itemId, int outputIndex, int contentIndex,
            byte[] audio) implements ServerEvent {}

    /** {@code response.output_audio.done}. */
    record OutputAudioDone(String eventId, String responseId, String itemId, int outputIndex, int contentIndex)
            implements ServerEvent {}

    /** {@code response.output_audio_transcript.delta}: the next text of what the assistant says. */
    record OutputAudioTranscriptDelta(String eventId, String responseId, String itemId, int outputIndex,
            int contentIndex, String delta) implements ServerEvent {}

    /** {@code response.output_audio_transcript.done}: the full transcript of the spoken answer. */
    record OutputAudioTranscriptDone(String eventId, String responseId, String itemId, int outputIndex,
            int contentIndex, String transcript) implements ServerEvent {}

    /** {@code response.output_text.delta} or {@code response.text.delta} (text modality). */
    record OutputTextDelta(String eventId, String responseId, String itemId, int outputIndex, int contentIndex,
            String delta) implements ServerEvent {}

    /** {@code response.output_text.done} or {@code response.text.done}. */
    record OutputTextDone(String eventId, String responseId, String itemId, int outputIndex, int contentIndex,
            String text) implements ServerEvent {}

    /** {@code response.function_call_arguments.delta}. */
    record FunctionCallArgumentsDelta(String eventId, String responseId, String itemId, int outputIndex,
            String callId, String delta) implements ServerEvent {}

    /** {@code response.function_call_arguments.done}: call the function and answer with its output. */
    record FunctionCallArgumentsDone(String eventId, String responseId, String itemId, int outputIndex,
            String callId, String name, String arguments) implements ServerEvent {}

    /**
     * {@code error}: most are recoverable and the session stays open.
     *
     * @param type          {@code invalid_request_error}, {@code invalid_event}, {@code internal_error}, {@code timeout}, ...
     * @param code          a more specific code, or null
     * @param message       human-readable message
     * @param param         the offending parameter, or null
     * @param clientEventId the {@code event_id} of the client event that failed, or null
     */
    record Error(String eventId, String type, String code, String message, String param, String clientEventId)
            implements ServerEvent {}

    /** {@code ping} keep-alive; {@code timestamp} in ms (0 when absent). */
    record Ping(String eventId, long timestamp) implements ServerEvent {}

    /** Any other event, kept as JSON text. */
    record Unknown(String eventId, String type, String json) implements ServerEvent {}
}
