package dev.parley.server.voices;

import dev.parley.server.config.ParleyConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in voices from configuration ({@code voices:}), with the engine voice behind each. Ids are
 * case-insensitive (spec §2.2): {@link #find} lowercases. Immutable; thread-safe.
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

    private VoiceCatalog(Map<String, Entry> byId) {
        this.byId = byId;
    }

    /** The voices of {@code config}, in configuration order. */
    public static VoiceCatalog from(ParleyConfig config) {
        Map<String, Entry> m = new LinkedHashMap<>();
        config.voices().forEach((id, v) -> m.put(id, new Entry(
                new Voice(id, v.name(), v.language(), v.gender(), v.tone()), v.engine(), v.engineVoice())));
        return new VoiceCatalog(Collections.unmodifiableMap(m));
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
