package dev.parley.engines.tts;

/** A synthesis failure that is not the caller's fault (engine or model problem); the server answers 500/503. */
public class TtsException extends RuntimeException {
    public TtsException(String message) {
        super(message);
    }

    public TtsException(String message, Throwable cause) {
        super(message, cause);
    }
}
