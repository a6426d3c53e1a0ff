package dev.parley.server;

/**
 * A server feature (voices, TTS, STT, realtime, ...): registers its routes, readiness checks, meters and
 * credential verifiers when the server is built. A feature gets its section of the configuration through its
 * constructor and everything shared (the engine runtime, the router, ...) through the {@link ServerContext}.
 *
 * <p>The standard features are listed in {@link Features#standard}; tests may install others with
 * {@link ParleyServer.Builder#feature}.
 *
 * <p>Lifecycle: {@link #install} once, on the thread that builds the server, before it starts listening (load the
 * engines the feature needs here, through {@link ServerContext#engines()}, so requests never pay for it);
 * {@link #close} once, after the server has stopped. Engines belong to the runtime, not to the feature: never close
 * them here.
 */
public interface Feature {
    /** A short name for logs. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Registers routes etc. A thrown exception aborts server start. */
    void install(ServerContext context) throws Exception;

    /** Releases what {@link #install} acquired. Must not throw for an already-closed feature. */
    default void close() {}
}
