package dev.parley.engines.tts;

/**
 * An engine cannot run on this host: its model files or its native library are missing. The message says how to
 * get them ({@code ./parley models fetch}, {@code apt-get install espeak-ng}). The server answers 503.
 */
public final class EngineUnavailableException extends TtsException {
    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
