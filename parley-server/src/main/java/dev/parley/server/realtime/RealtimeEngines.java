package dev.parley.server.realtime;

import dev.parley.engines.llm.ChatModel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The pipeline a session runs: VAD, STT, LLM and TTS. Shared by all sessions except the VAD, which is stateful and
 * created per session by {@code vadFactory}.
 */
public record RealtimeEngines(Supplier<VoiceActivityDetector> vadFactory, Transcriber transcriber, ChatModel chatModel,
        SpeechSynthesizer synthesizer) {
    public RealtimeEngines {
        Objects.requireNonNull(vadFactory, "vadFactory");
        Objects.requireNonNull(transcriber, "transcriber");
        Objects.requireNonNull(chatModel, "chatModel");
        Objects.requireNonNull(synthesizer, "synthesizer");
    }
}
