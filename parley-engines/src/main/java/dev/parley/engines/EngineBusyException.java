package dev.parley.engines;

/**
 * An engine is speaking as many utterances as it may at once ({@code tts.kokoro_max_sessions}): the work is refused
 * at once instead of queued behind the others. Nothing of it has started; the same request may succeed a few seconds
 * later. The message names the engine and its limit and is meant for the client. The server answers 503 with
 * {@code Retry-After} (an {@code error} event on a socket).
 */
public final class EngineBusyException extends RuntimeException {
    public EngineBusyException(String message) {
        super(message, null, false, false);
    }
}
