package dev.parley.client;

import java.util.List;
import java.util.Map;

/** An event the client sends on the realtime WebSocket ({@link RealtimeSocket#send}). Spec §4.3. */
public sealed interface ClientEvent {
    /** {@code session.update}: partial configuration change; answered by {@link ServerEvent.SessionUpdated}. */
    record SessionUpdate(SessionConfig session) implements ClientEvent {}

    /**
     * {@code input_audio_buffer.append}: audio in the session's input format (sent base64; the array is not copied:
     * leave it unchanged until the send's future completes). No reply.
     */
    record InputAudioAppend(byte[] audio) implements ClientEvent {}

    /** {@code input_audio_buffer.commit}: make the buffered audio a user message (manual turns). */
    record InputAudioCommit() implements ClientEvent {}

    /** {@code input_audio_buffer.clear}: drop uncommitted audio. */
    record InputAudioClear() implements ClientEvent {}

    /** {@code conversation.item.create}; {@code previousItemId} null appends. Does not start a response. */
    record ItemCreate(NewItem item, String previousItemId) implements ClientEvent {
        public ItemCreate(NewItem item) {
            this(item, null);
        }
    }

    /** {@code conversation.item.delete}. */
    record ItemDelete(String itemId) implements ClientEvent {}

    /** {@code conversation.item.truncate}: keep only what was played of an assistant audio item. */
    record ItemTruncate(String itemId, int contentIndex, int audioEndMs) implements ClientEvent {}

    /**
     * {@code response.create}: ask for an assistant turn. All fields optional (null).
     *
     * @param modalities   e.g. {@code ["text","audio"]}
     * @param instructions system prompt for this response only
     * @param metadata     echoed on {@code response.created}/{@code response.done}
     */
    record ResponseCreate(List<String> modalities, String instructions, Map<String, String> metadata)
            implements ClientEvent {
        /** With no parameters. */
        public ResponseCreate() {
            this(null, null, null);
        }
    }

    /** {@code response.cancel}; {@code responseId} null cancels the active one. */
    record ResponseCancel(String responseId) implements ClientEvent {
        public ResponseCancel() {
            this(null);
        }
    }

    /** Any event as a JSON object text, sent verbatim (for event types this SDK does not model). */
    record Raw(String json) implements ClientEvent {}
}
