package dev.parley.server.realtime;

import dev.parley.engines.tts.UnknownVoiceException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Adapters from the engines module to the realtime pipeline SPI, so the server builds {@link RealtimeEngines} from
 * the same engines the TTS endpoints use.
 */
public final class EngineAdapters {
    private EngineAdapters() {}

    /**
     * The voice agent's {@link SpeechSynthesizer} on the shared TTS front end and engines (Kokoro, Piper, espeak-ng):
     * speech tags, normalisation and voice mapping behave as on {@code /v1/tts}.
     *
     * @param tts the shared synthesizer (thread-safe; native inference runs on the inference pool)
     * @param language the language of the agent's speech ({@code en}, or {@code auto} to detect per clause)
     */
    public static SpeechSynthesizer speech(dev.parley.engines.tts.SpeechSynthesizer tts, String language) {
        return (text, voice, speed) -> {
            try {
                var audio = tts.synthesize(new dev.parley.engines.tts.SpeechSynthesizer.Request(text, voice, language,
                        speed, true, null, null));
                return new SpeechSynthesizer.Speech(audio.samples(), audio.sampleRate());
            } catch (UnknownVoiceException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    /** Which voice ids {@code session.update} accepts: the voice mapping's ids (case-insensitive). */
    public static Predicate<String> voices(dev.parley.engines.tts.SpeechSynthesizer tts) {
        return v -> tts.mapping().get(v.toLowerCase(Locale.ROOT)) != null;
    }
}
