package dev.parley.engines.tts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API voices ({@code eve}, {@code ara}, ... and any configured id) and how each sounds on every engine. The
 * server builds one from its configuration ({@code voices:}) and hands it to {@link SpeechSynthesizer}. Immutable and
 * thread-safe.
 *
 * @param voices API voice id (lower case) to its voice
 */
public record VoiceMapping(Map<String, Voice> voices) {

    /**
     * One API voice.
     *
     * @param description what the voice sounds like ({@code "female, energetic"})
     * @param female      whether to choose female voices where the configuration names none
     * @param engine      the engine that speaks it when it can (an engine id), or null for the default order
     * @param profiles    engine id to how the voice sounds on that engine; an engine not listed chooses by gender
     */
    public record Voice(String description, boolean female, String engine, Map<String, VoiceProfile> profiles) {
        public Voice {
            profiles = Map.copyOf(profiles);
        }

        /** How this voice sounds on engine {@code engineId}. */
        public VoiceProfile profile(String engineId) {
            VoiceProfile p = profiles.get(engineId);
            return p != null ? p : VoiceProfile.byGender(female);
        }
    }

    public VoiceMapping {
        Map<String, Voice> v = new LinkedHashMap<>();
        voices.forEach((k, val) -> v.put(k.toLowerCase(Locale.ROOT), val));
        voices = Collections.unmodifiableMap(v);
    }

    /** The API voice ids, in order. */
    public List<String> ids() {
        return List.copyOf(voices.keySet());
    }

    /** The entry of an API voice id (case-insensitive), or null. */
    public Voice get(String id) {
        return id == null ? null : voices.get(id.toLowerCase(Locale.ROOT));
    }
}
