package dev.parley.server.realtime;

/**
 * Text to speech for the assistant's answer, one clause at a time (Kokoro or Piper in production): the session
 * splits the model's token stream at clause boundaries and synthesizes each clause as soon as it is complete, so the
 * first audio leaves before the model has finished.
 *
 * <p>Threading: called from the session's response worker (a virtual thread), one call at a time per session, but
 * concurrently for different sessions: thread-safe; native code on a bounded platform pool. Blocks until the
 * clause's audio is ready (a clause is short, so cancellation waits at most one clause).
 */
public interface SpeechSynthesizer {

    /** Synthesized audio: mono float samples in [-1, 1] at {@code sampleRate}; the array belongs to the caller. */
    record Speech(float[] samples, int sampleRate) {}

    /**
     * @param text one clause of plain text
     * @param voice the session's voice id (lowercase)
     * @param speed playback speed, 1.0 normal (0.7..1.5)
     * @throws IllegalArgumentException for an unknown voice
     */
    Speech synthesize(String text, String voice, float speed);
}
