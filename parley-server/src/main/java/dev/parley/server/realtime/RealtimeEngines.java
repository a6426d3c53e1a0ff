package dev.parley.server.realtime;

import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.vad.Vad;
import dev.parley.server.realtime.internal.PipelineMeters;
import java.util.Objects;

/**
 * The engines a voice-agent session runs on, all shared by every session (each session opens its own VAD stream):
 * the runtime's engines in production, test doubles of the same engine SPIs in scripted tests.
 *
 * @param vad         speech probability of 32 ms frames (the runtime's live VAD: frames on its own pool)
 * @param transcriber the text of a committed turn ({@link FileTranscriber#transcribeUtterance})
 * @param chatModel   the language model
 * @param speech      text to speech, with the configured voices: each voice speaks with its own engine
 * @param meters      where the session counts its work in flight
 */
public record RealtimeEngines(Vad vad, FileTranscriber transcriber, ChatModel chatModel, SpeechSynthesizer speech,
        PipelineMeters meters) {
    public RealtimeEngines {
        Objects.requireNonNull(vad, "vad");
        Objects.requireNonNull(transcriber, "transcriber");
        Objects.requireNonNull(chatModel, "chatModel");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(meters, "meters");
    }
}
