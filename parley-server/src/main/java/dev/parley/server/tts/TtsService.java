package dev.parley.server.tts;

import dev.parley.engines.text.ChunkPolicy;
import dev.parley.engines.text.Replacements;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.Utterance;
import dev.parley.server.http.ApiException;
import dev.parley.server.voices.VoiceCatalog;

/**
 * The synthesis core shared by {@code POST /v1/tts}, {@code POST /v1/audio/speech} and the TTS WebSocket: resolves API
 * voices through the {@link VoiceCatalog} (configuration) and opens {@link Utterance}s of the one speech pipeline
 * ({@link SpeechSynthesizer}), with the chunk policy of the request's {@code optimize_streaming_latency}.
 *
 * <p>Threading: thread-safe, shared by all requests; an utterance belongs to its request or session.
 */
final class TtsService {
    final VoiceCatalog catalog;
    final SpeechSynthesizer synthesizer;
    final TtsMetrics metrics;
    final TtsSettings settings;

    TtsService(VoiceCatalog catalog, SpeechSynthesizer synthesizer, TtsMetrics metrics, TtsSettings settings) {
        this.catalog = catalog;
        this.synthesizer = synthesizer;
        this.metrics = metrics;
        this.settings = settings;
    }

    /**
     * The configured voice {@code id} (any case).
     *
     * @throws ApiException with {@code status} naming the voice and the known ones
     */
    VoiceCatalog.Entry voice(String id, int status) {
        return catalog.find(id).orElseThrow(() -> new ApiException(status, "Unknown voice '" + id
                + "'; available voices: " + String.join(", ", catalog.all().stream()
                        .map(e -> e.voice().voiceId()).toList())));
    }

    /**
     * Opens an utterance with {@code voice} (its own engine first).
     *
     * @param language API language code, {@code auto} to detect from the first text
     * @param replace  the request's substitutions ({@link TtsRequest#replace}: bounded by the settings)
     * @param latency  {@code optimize_streaming_latency} 0..2: the first chunk's length ({@link ChunkPolicy#forLatency})
     * @throws dev.parley.engines.text.UnsupportedLanguageException 400
     * @throws dev.parley.engines.EngineUnavailableException         503
     * @throws dev.parley.engines.EngineBusyException                503 with {@code Retry-After}: the voice's engine
     *                                                               speaks its limit of utterances (with {@code auto},
     *                                                               from the first {@link Utterance#add})
     */
    Utterance open(VoiceCatalog.Entry voice, String language, double speed, boolean normalize,
            Replacements replace, int latency) {
        return synthesizer.open(new SpeechSynthesizer.Request(voice.voice().voiceId(), language, speed, normalize,
                replace, voice.engine(), ChunkPolicy.forLatency(latency)));
    }

    /** Records the engine time of one chunk ({@code parley_tts_synthesis_seconds}). */
    void synthesized(Utterance u, Utterance.Chunk c) {
        if (c.piece() instanceof SpeechPiece.Speech) metrics.chunk(u.voice().engineId(), c.synthNanos());
    }
}
