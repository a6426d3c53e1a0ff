package dev.parley.client;

import java.util.List;

/**
 * The {@code session} of a {@code session.update}: a partial update, so null fields are not sent and keep their
 * current value. Start from {@link #empty()} and use the {@code with*} methods.
 *
 * @param instructions       system prompt, or null
 * @param voice              voice id, or null
 * @param turnDetection      {@link TurnDetection#manual()} (sent as {@code null}) or server VAD, or null (unchanged)
 * @param inputFormat        format of the audio you append, or null
 * @param outputFormat       format of the audio you receive, or null
 * @param modalities         e.g. {@code ["text","audio"]}, or null
 * @param tools              tools (an empty list clears them), or null
 * @param transcriptionModel {@code audio.input.transcription.model}, or null
 * @param temperature        sampling temperature, or null
 */
public record SessionConfig(String instructions, String voice, TurnDetection turnDetection,
        RealtimeAudioFormat inputFormat, RealtimeAudioFormat outputFormat, List<String> modalities, List<Tool> tools,
        String transcriptionModel, Double temperature) {
    public SessionConfig {
        modalities = modalities == null ? null : List.copyOf(modalities);
        tools = tools == null ? null : List.copyOf(tools);
    }

    /** Changes nothing. */
    public static SessionConfig empty() {
        return new SessionConfig(null, null, null, null, null, null, null, null, null);
    }

    public SessionConfig withInstructions(String s) {
        return new SessionConfig(s, voice, turnDetection, inputFormat, outputFormat, modalities, tools, transcriptionModel, temperature);
    }

    public SessionConfig withVoice(String v) {
        return new SessionConfig(instructions, v, turnDetection, inputFormat, outputFormat, modalities, tools, transcriptionModel, temperature);
    }

    public SessionConfig withTurnDetection(TurnDetection t) {
        return new SessionConfig(instructions, voice, t, inputFormat, outputFormat, modalities, tools, transcriptionModel, temperature);
    }

    public SessionConfig withFormats(RealtimeAudioFormat in, RealtimeAudioFormat out) {
        return new SessionConfig(instructions, voice, turnDetection, in, out, modalities, tools, transcriptionModel, temperature);
    }

    public SessionConfig withModalities(List<String> m) {
        return new SessionConfig(instructions, voice, turnDetection, inputFormat, outputFormat, m, tools, transcriptionModel, temperature);
    }

    public SessionConfig withTools(List<Tool> t) {
        return new SessionConfig(instructions, voice, turnDetection, inputFormat, outputFormat, modalities, t, transcriptionModel, temperature);
    }

    public SessionConfig withTranscriptionModel(String m) {
        return new SessionConfig(instructions, voice, turnDetection, inputFormat, outputFormat, modalities, tools, m, temperature);
    }

    public SessionConfig withTemperature(double t) {
        return new SessionConfig(instructions, voice, turnDetection, inputFormat, outputFormat, modalities, tools, transcriptionModel, t);
    }
}
