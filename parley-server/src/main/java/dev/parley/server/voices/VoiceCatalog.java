package dev.parley.server.voices;

import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.tts.VoiceProfile;
import dev.parley.server.config.ParleyConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in voices from configuration ({@code voices:}), with the engine voices behind each ({@link #mapping()}).
 * Ids are case-insensitive (spec §2.2): {@link #find} lowercases. Built once per server; immutable; thread-safe.
 */
public final class VoiceCatalog {
    /**
     * A configured voice.
     *
     * @param voice       the API view
     * @param engine      TTS engine id ({@code kokoro})
     * @param engineVoice the engine's voice name ({@code af_bella})
     */
    public record Entry(Voice voice, String engine, String engineVoice) {}

    private final Map<String, Entry> byId;
    private final VoiceMapping mapping;

    private VoiceCatalog(Map<String, Entry> byId, VoiceMapping mapping) {
        this.byId = byId;
        this.mapping = mapping;
    }

    /** The voices of {@code config}, in configuration order. */
    public static VoiceCatalog from(ParleyConfig config) {
        Map<String, Entry> m = new LinkedHashMap<>();
        Map<String, VoiceMapping.Voice> engineVoices = new LinkedHashMap<>();
        config.voices().forEach((id, v) -> {
            m.put(id, new Entry(new Voice(id, v.name(), v.language(), v.gender(), v.tone()), v.engine(),
                    v.engineVoice()));
            engineVoices.put(id, engineVoice(v));
        });
        return new VoiceCatalog(Collections.unmodifiableMap(m), new VoiceMapping(engineVoices));
    }

    /**
     * How a configured voice sounds on every engine: its own engine speaks {@code engine_voice}; every engine under
     * {@code engines:} its voice, rate and pitch there (the own engine keeps those too); any other engine chooses by
     * gender.
     */
    private static VoiceMapping.Voice engineVoice(ParleyConfig.Voice v) {
        boolean female = v.gender() != null && v.gender().toLowerCase(Locale.ROOT).equals("female");
        Map<String, VoiceProfile> profiles = new LinkedHashMap<>();
        v.engines().forEach((engine, ev) -> profiles.put(engine, new VoiceProfile(ev.voice(), female,
                ev.rate() == null ? 1.0 : ev.rate(), ev.pitch() == null ? 1.0 : ev.pitch())));
        VoiceProfile own = profiles.getOrDefault(v.engine(), VoiceProfile.byGender(female));
        profiles.put(v.engine(), new VoiceProfile(v.engineVoice(), female, own.rate(), own.pitch()));
        String description = String.join(", ", java.util.stream.Stream.of(v.gender(), v.tone())
                .filter(x -> x != null && !x.isBlank()).toList());
        return new VoiceMapping.Voice(description, female, v.engine(), profiles);
    }

    /** How every voice sounds on every engine, for the speech synthesizer. */
    public VoiceMapping mapping() {
        return mapping;
    }

    /** The voice with this id, any case. */
    public Optional<Entry> find(String id) {
        if (id == null) return Optional.empty();
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    /** Every voice, in configuration order. */
    public List<Entry> all() {
        return List.copyOf(byId.values());
    }

    /** Every voice's API view, in configuration order. */
    public List<Voice> voices() {
        List<Voice> out = new ArrayList<>();
        for (Entry e : byId.values()) out.add(e.voice());
        return out;
    }
}
