package dev.parley.bench.engine;

/**
 * Text to speech as the engine-level benchmarks drive it, implemented over the project's engines by the CLI: one
 * English utterance at a time, text front end included, synthesised to the end.
 *
 * <p>Threading: called from one thread at a time; each call blocks until it is done.
 */
public interface TtsUnderTest {
    /**
     * Why {@code engine} cannot speak here (its model is not installed, its library is missing), or null when it can.
     * May load the engine.
     */
    String unavailable(String engine);

    /**
     * Synthesises {@code text} in English with the API voice {@code voice} on {@code engine} (default speed,
     * normalisation on).
     *
     * @throws RuntimeException when the engine fails
     */
    Speech synthesize(String engine, String voice, String text);

    /**
     * One synthesised utterance.
     *
     * @param engineVoice     the engine's own voice that spoke (e.g. Kokoro {@code af_bella})
     * @param samples         mono samples in [-1, 1]; the caller's array
     * @param sampleRate      their rate, Hz
     * @param firstAudioNanos {@link System#nanoTime()} when the first piece of speech (not a pause) was ready
     */
    record Speech(String engineVoice, float[] samples, int sampleRate, long firstAudioNanos) {}
}
