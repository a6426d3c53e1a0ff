package dev.parley.audio;

/**
 * Thrown when audio input cannot be understood: not an audio file, an unsupported encoding, a truncated
 * header, a missing audio stream. The message names the problem in words a client can act on, so the
 * server can return it as a 400 body unchanged.
 *
 * <p>Unchecked: bad input from a peer is an expected outcome, not a programming error, but callers decide
 * where to turn it into a protocol error.
 */
public final class AudioFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AudioFormatException(String message) {
        super(message);
    }

    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
