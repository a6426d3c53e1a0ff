package dev.parley.engines.tts;

import dev.parley.engines.text.Language;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.text.Languages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The TTS engines of this process, loaded lazily once each and shared. An engine whose model or library is
 * missing is reported by {@link #get} as an {@link EngineUnavailableException} (and skipped by {@link #select}).
 * Thread-safe.
 */
public final class TtsEngines implements AutoCloseable {
    /** Engine ids in the default order of preference: quality first, then speed, then the always-there one. */
    public static final List<String> DEFAULT_ORDER = List.of("kokoro", "piper", "espeak");

    private final Map<String, Supplier<TtsEngine>> factories = new LinkedHashMap<>();
    private final Map<String, Object> loaded = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> order;

    /** The three local engines, preferred in {@code order} (ids from {@link #DEFAULT_ORDER}). */
    public TtsEngines(List<String> order) {
        factories.put("kokoro", KokoroEngine::new);
        factories.put("piper", PiperEngine::new);
        factories.put("espeak", EspeakEngine::new);
        for (String id : order) {
            if (!factories.containsKey(id)) throw new IllegalArgumentException("unknown TTS engine '" + id
                    + "'; known: " + String.join(", ", factories.keySet()));
        }
        this.order = List.copyOf(order);
    }

    public TtsEngines() {
        this(DEFAULT_ORDER);
    }

    /** The engine {@code id}, loading it on first use. @throws EngineUnavailableException when it cannot run here */
    public TtsEngine get(String id) {
        lock.lock();
        try {
            Object o = loaded.get(id);
            if (o instanceof TtsEngine e) return e;
            if (o instanceof EngineUnavailableException ex) throw ex;
            Supplier<TtsEngine> f = factories.get(id);
            if (f == null) throw new IllegalArgumentException("unknown TTS engine '" + id + "'");
            try {
                TtsEngine e = f.get();
                loaded.put(id, e);
                return e;
            } catch (EngineUnavailableException ex) {
                loaded.put(id, ex);
                throw ex;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The engines that load, in preference order. */
    public List<TtsEngine> available() {
        List<TtsEngine> l = new ArrayList<>();
        for (String id : order) {
            try {
                l.add(get(id));
            } catch (EngineUnavailableException ignored) {
                // reported by get(); here we only list what runs
            }
        }
        return l;
    }

    /**
     * The first engine in preference order (or {@code preferred} first, when given) that loads and speaks
     * {@code language}.
     *
     * @throws UnsupportedLanguageException when none does
     * @throws EngineUnavailableException   when no engine loads at all
     */
    public TtsEngine select(Language language, String preferred) {
        List<String> ids = new ArrayList<>();
        if (preferred != null) ids.add(preferred);
        ids.addAll(order);
        EngineUnavailableException last = null;
        boolean any = false;
        for (String id : ids) {
            try {
                TtsEngine e = get(id);
                any = true;
                if (e.supports(language)) return e;
            } catch (EngineUnavailableException ex) {
                last = ex;
            }
        }
        if (!any && last != null) throw last;
        throw new UnsupportedLanguageException(language.code(), Languages.supported());
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (Object o : loaded.values()) {
                if (o instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing at shutdown: nothing useful to do
                    }
                }
            }
            loaded.clear();
        } finally {
            lock.unlock();
        }
    }
}
