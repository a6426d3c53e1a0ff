package dev.parley.engines;

/**
 * An engine cannot run on this host: its model files or its native library are missing, or it failed to load. The
 * message says how to fix it ({@code ./parley models fetch <id>}, {@code apt-get install espeak-ng}). The server
 * answers 503 and names the engine in {@code /ready}.
 */
public final class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
