package dev.parley.engines.runtime;

/**
 * Where one engine of the {@link EngineRuntime} stands, for {@code /ready} and logs. Immutable.
 *
 * @param id          the engine's id in the registry
 * @param role        what it does ({@code vad}, {@code stt}, {@code tts}, {@code llm})
 * @param status      see {@link Status}
 * @param detail      why it is unavailable (with the command that fixes it), or a short description
 * @param loadMillis  how long loading took (0 before it is loaded)
 * @param warmUpMillis how long the warm-up took (0 when it has not run)
 * @param loads       how many times the engine was loaded in this process (0 or 1: the runtime loads each once)
 */
public record EngineState(String id, String role, Status status, String detail, long loadMillis, long warmUpMillis,
        int loads) {

    /** The life of an engine. */
    public enum Status {
        /** Not needed yet: loaded on first use. */
        NOT_LOADED,
        /** Loading or warming up now. */
        LOADING,
        /** Loaded (and warmed up when that was asked for). */
        READY,
        /** Cannot run here: a model or library is missing, or loading failed; {@code detail} says why. */
        UNAVAILABLE;

        /** Lower-case name for JSON. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
