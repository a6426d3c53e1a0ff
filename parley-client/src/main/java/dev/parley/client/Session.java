package dev.parley.client;

import java.util.List;

/**
 * The effective session configuration of {@code session.created} / {@code session.updated}.
 *
 * @param id                session id
 * @param model             model name
 * @param voice             voice id
 * @param instructions      system prompt
 * @param modalities        output modalities
 * @param turnDetection     the turn detection ({@link TurnDetection#manual()} when {@code type} is null)
 * @param inputFormat       input audio format, or null
 * @param outputFormat      output audio format, or null
 * @param json              the whole {@code session} object as JSON text, for fields not modelled here
 */
public record Session(String id, String model, String voice, String instructions, List<String> modalities,
        TurnDetection turnDetection, RealtimeAudioFormat inputFormat, RealtimeAudioFormat outputFormat, String json) {
    public Session {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }
}
