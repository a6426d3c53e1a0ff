package dev.parley.server.realtime;

/**
 * Speech probability of 16 kHz mono audio frames (Silero VAD in production). One instance per session: it keeps
 * state between frames.
 *
 * <p>The session turns probabilities into {@code speech_started}/{@code speech_stopped} itself, honouring the
 * session's {@code threshold}, {@code prefix_padding_ms} and {@code silence_duration_ms}.
 *
 * <p>Threading: called from the session's reading thread (a virtual thread), never concurrently. An implementation
 * that runs native code must run it on a bounded platform pool ({@code InferencePool}). The frame array is owned by
 * the session and reused after the call returns.
 */
public interface VoiceActivityDetector {

    /** Samples per frame at 16 kHz (Silero: 512, i.e. 32 ms). */
    int frameSamples();

    /** The probability in [0, 1] that {@code frame} (exactly {@link #frameSamples()} samples) contains speech. */
    float speechProbability(float[] frame);

    /** Forgets state, e.g. after the input buffer is cleared. */
    void reset();
}
