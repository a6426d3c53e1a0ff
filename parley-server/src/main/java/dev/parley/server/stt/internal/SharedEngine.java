package dev.parley.server.stt.internal;

import dev.parley.engines.stt.SttEngine;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process-wide default {@link SttEngine}, reference-counted: the first {@link #acquire} loads the models, the
 * last {@link #release} frees them. Several servers in one JVM (tests, the CLI's bench) share one set of models.
 * Thread-safe; {@link #acquire} blocks while loading.
 */
public final class SharedEngine {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static SttEngine engine;
    private static int users;

    private SharedEngine() {}

    /**
     * The shared engine, loading it when no one holds it.
     *
     * @throws dev.parley.models.ModelUnavailableException naming {@code ./parley models fetch} when a model is missing
     */
    public static SttEngine acquire() {
        LOCK.lock();
        try {
            if (engine == null) engine = SttEngine.loadDefault();
            users++;
            return engine;
        } finally {
            LOCK.unlock();
        }
    }

    /** Gives back one {@link #acquire}; the last one closes the engine. Ignores engines it did not hand out. */
    public static void release(SttEngine e) {
        LOCK.lock();
        try {
            if (e == null || e != engine) return;
            if (--users == 0) {
                engine.close();
                engine = null;
            }
        } finally {
            LOCK.unlock();
        }
    }
}
