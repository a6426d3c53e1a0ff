package dev.parley.engines.text;

/**
 * Text the front end refuses to speak, the caller's mistake: nothing in it can be pronounced, it is written in a script
 * the language's voices cannot speak, or the {@code replace} substitutions make it longer than allowed. The message
 * says which, in words a client can act on; the server answers 400 (an {@code error} event on a socket).
 */
public final class UnspeakableTextException extends IllegalArgumentException {
    public UnspeakableTextException(String message) {
        super(message);
    }
}
