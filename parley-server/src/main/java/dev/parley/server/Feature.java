package dev.parley.server;

/**
 * A server feature (voices, TTS, STT, realtime, ...): registers its routes, readiness checks, meters and
 * credential verifiers when the server is built.
 *
 * <p>Features in this module are discovered with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.parley.server.Feature} (it needs a public no-argument constructor). Tests may add
 * features explicitly with {@link ParleyServer.Builder#feature}.
 *
 * <p>Lifecycle: {@link #install} once, on the thread that builds the server, before it starts listening;
 * {@link #close} once, after the server has stopped (release engines and threads there).
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
