package dev.parley.server.realtime;

/**
 * Speech to text for committed user audio (Moonshine or Vosk in production).
 *
 * <p>Threading: called from the session's response worker (a virtual thread), one call at a time per session, but
 * concurrently for different sessions: the implementation must be thread-safe and run native code on a bounded
 * platform pool. Blocks until the transcript is ready. The array is owned by the caller and not modified.
 */
@FunctionalInterface
public interface Transcriber {

    /**
     * @param audio16k mono float samples at 16 kHz in [-1, 1]
     * @return the transcript, possibly empty; never null
     */
    String transcribe(float[] audio16k);
}
