package dev.parley.engines.tts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which engine voice speaks each API voice ({@code eve}, {@code ara}, {@code rex}, {@code sal}, {@code leo}, and
 * any configured extra ids). The server builds one from its config ({@link #defaults()} overridden entry by entry)
 * and hands it to {@link SpeechSynthesizer}. Immutable and thread-safe.
 *
 * @param voices       API voice id (lower case) to its engine voices
 * @param kokoroByLang for languages other than American English: Kokoro voice-name prefix letter to the
 *                     {female, male} voice of that language; a voice's {@link Voice#female()} picks one
 */
public record VoiceMapping(Map<String, Voice> voices, Map<Character, List<String>> kokoroByLang) {

    /**
     * The engine voices of one API voice.
     *
     * @param description   what the voice sounds like (for {@code GET /v1/tts/voices})
     * @param female        which voice to use in languages where only a female/male pair exists
     * @param kokoro        Kokoro voice for American English ({@code af_heart}, ...)
     * @param piperRate     rate factor on the single Piper voice (Piper has one speaker; this is all it can vary)
     * @param espeakVariant espeak-ng variant ({@code f3}, {@code m3}, ...)
     */
    public record Voice(String description, boolean female, String kokoro, double piperRate, String espeakVariant) {}

    public VoiceMapping {
        Map<String, Voice> v = new LinkedHashMap<>();
        voices.forEach((k, val) -> v.put(k.toLowerCase(Locale.ROOT), val));
        voices = java.util.Collections.unmodifiableMap(v);
        kokoroByLang = Map.copyOf(kokoroByLang);
    }

    /** The built-in mapping: five audibly distinct voices. */
    public static VoiceMapping defaults() {
        Map<String, Voice> v = new LinkedHashMap<>();
        v.put("eve", new Voice("female, energetic, bright (US)", true, "af_bella", 1.05, "f3"));
        v.put("ara", new Voice("female, warm", true, "af_heart", 0.97, "f2"));
        v.put("rex", new Voice("male, confident (US)", false, "am_michael", 1.0, "m3"));
        v.put("sal", new Voice("neutral, smooth", false, "am_puck", 1.0, "m1"));
        v.put("leo", new Voice("male, authoritative", false, "bm_george", 0.94, "m7"));
        Map<Character, List<String>> byLang = Map.of(
                'a', List.of("af_heart", "am_michael"),
                'b', List.of("bf_emma", "bm_george"),
                'e', List.of("ef_dora", "em_alex"),
                'f', List.of("ff_siwis", "ff_siwis"),
                'h', List.of("hf_alpha", "hm_omega"),
                'i', List.of("if_sara", "im_nicola"),
                'j', List.of("jf_alpha", "jm_kumo"),
                'p', List.of("pf_dora", "pm_alex"),
                'z', List.of("zf_xiaoxiao", "zm_yunxi"));
        return new VoiceMapping(v, byLang);
    }

    /** This mapping with {@code id} (re)defined; for config overrides and custom voices. */
    public VoiceMapping with(String id, Voice voice) {
        Map<String, Voice> v = new LinkedHashMap<>(voices);
        v.put(id.toLowerCase(Locale.ROOT), voice);
        return new VoiceMapping(v, kokoroByLang);
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
