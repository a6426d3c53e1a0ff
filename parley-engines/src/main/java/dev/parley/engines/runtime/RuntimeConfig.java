package dev.parley.engines.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link EngineRuntime} is built from: the engine-facing part of the server configuration (the server maps
 * its {@code models}, {@code inference}, {@code tts} and {@code llm} sections onto this). Immutable.
 *
 * @param modelsDir        the model cache root ({@code models.dir})
 * @param inferenceThreads platform threads of the inference pool ({@code inference.threads})
 * @param onnxThreads      intra-op threads of each ONNX session ({@code inference.onnx_threads})
 * @param ttsOrder         TTS engine ids in order of preference ({@code tts.engines}); ids from
 *                         {@link EngineRuntime#TTS_ENGINES}
 * @param kokoroMaxSessions Kokoro utterances open at once, at least 1 ({@code tts.kokoro_max_sessions}); one more is
 *                         refused ({@link dev.parley.engines.tts.UtteranceSlots})
 * @param espeakLibrary    libespeak-ng to try first ({@code tts.espeak_library}), or null for the usual places
 * @param chat             the language model ({@code llm})
 */
public record RuntimeConfig(Path modelsDir, int inferenceThreads, int onnxThreads, List<String> ttsOrder,
        int kokoroMaxSessions, String espeakLibrary, Chat chat) {
    /** Kokoro utterances at once by default: two, one per core of a small host. */
    public static final int KOKORO_MAX_SESSIONS = 2;


    /**
     * The language model.
     *
     * @param backend {@code embedded} (llama.cpp in process) or {@code openai} (an OpenAI-compatible endpoint)
     * @param baseUrl for {@code openai}: the API base including the version
     * @param apiKey  for {@code openai}: the bearer token, or null
     * @param model   for {@code openai}: the model name
     */
    public record Chat(String backend, String baseUrl, String apiKey, String model) {
        /** The embedded model. */
        public static final Chat EMBEDDED = new Chat("embedded", null, null, null);
    }

    public RuntimeConfig {
        Objects.requireNonNull(modelsDir, "modelsDir");
        if (inferenceThreads < 1) throw new IllegalArgumentException("inferenceThreads must be at least 1");
        if (onnxThreads < 1) throw new IllegalArgumentException("onnxThreads must be at least 1");
        if (kokoroMaxSessions < 1) throw new IllegalArgumentException("kokoroMaxSessions must be at least 1");
        ttsOrder = List.copyOf(ttsOrder);
        for (String id : ttsOrder) {
            if (!EngineRuntime.TTS_ENGINES.contains(id)) {
                throw new IllegalArgumentException("unknown TTS engine '" + id + "'; known: " + EngineRuntime.TTS_ENGINES);
            }
        }
        Objects.requireNonNull(chat, "chat");
    }

    /**
     * Defaults over a model directory: one inference thread per core, one ONNX thread per session, every TTS engine
     * in the default order, {@value #KOKORO_MAX_SESSIONS} Kokoro utterances at once, the embedded language model.
     */
    public static RuntimeConfig defaults(Path modelsDir) {
        return new RuntimeConfig(modelsDir, Runtime.getRuntime().availableProcessors(), 1, EngineRuntime.TTS_ENGINES,
                KOKORO_MAX_SESSIONS, null, Chat.EMBEDDED);
    }
}
