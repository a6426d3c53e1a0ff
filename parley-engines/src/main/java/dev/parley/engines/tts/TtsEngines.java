package dev.parley.engines.tts;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.UnsupportedLanguageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TTS engines a {@link SpeechSynthesizer} may use, by id, in order of preference. The runtime's implementation
 * loads each engine once, on first use; {@link #of} wraps engines a test made. Thread-safe.
 */
public interface TtsEngines {
    /** Engine ids in order of preference (quality first, then speed, then the always-there one). */
    List<String> order();

    /**
     * The engine {@code id}, loading it on first use.
     *
     * @throws EngineUnavailableException when it cannot run here (model or library missing)
     * @throws IllegalArgumentException   for an id that is not a TTS engine
     */
    TtsEngine get(String id);

    /**
     * How many utterances each engine may speak at once, shared by every {@link SpeechSynthesizer} over these engines
     * (the runtime's: {@code tts.kokoro_max_sessions} for {@code kokoro}); none capped by default.
     */
    default UtteranceSlots slots() {
        return UtteranceSlots.NONE;
    }

    /** An engine with its id. */
    record Named(String id, TtsEngine engine) {}

    /** The engines that load, in preference order. */
    default List<Named> available() {
        List<Named> l = new ArrayList<>();
        for (String id : order()) {
            try {
                l.add(new Named(id, get(id)));
            } catch (EngineUnavailableException ignored) {
                // get() says why; here we only list what runs
            }
        }
        return l;
    }

    /**
     * The first engine in preference order ({@code preferred} first, when given) that loads and speaks
     * {@code language}.
     *
     * @throws UnsupportedLanguageException when none does
     * @throws EngineUnavailableException   when no engine loads at all
     */
    default Named select(Language language, String preferred) {
        List<String> ids = new ArrayList<>();
        if (preferred != null) ids.add(preferred);
        for (String id : order()) if (!ids.contains(id)) ids.add(id);
        EngineUnavailableException last = null;
        boolean any = false;
        for (String id : ids) {
            try {
                TtsEngine e = get(id);
                any = true;
                if (e.supports(language)) return new Named(id, e);
            } catch (EngineUnavailableException ex) {
                last = ex;
            }
        }
        if (!any && last != null) throw last;
        throw new UnsupportedLanguageException(language.code(), Languages.supported());
    }

    /**
     * Fixed engines, preferred in the map's order (tests, tools); any other id is an engine that is not installed here
     * ({@link EngineUnavailableException}).
     */
    static TtsEngines of(Map<String, TtsEngine> engines) {
        return of(engines, UtteranceSlots.NONE);
    }

    /** {@link #of(Map)} with caps on the utterances each engine may speak at once. */
    static TtsEngines of(Map<String, TtsEngine> engines, UtteranceSlots slots) {
        Map<String, TtsEngine> copy = new LinkedHashMap<>(engines);
        List<String> order = List.copyOf(copy.keySet());
        return new TtsEngines() {
            @Override
            public List<String> order() {
                return order;
            }

            @Override
            public TtsEngine get(String id) {
                TtsEngine e = copy.get(id);
                if (e == null) throw new EngineUnavailableException("TTS engine '" + id + "' is not here; here: " + order);
                return e;
            }

            @Override
            public UtteranceSlots slots() {
                return slots;
            }
        };
    }
}
