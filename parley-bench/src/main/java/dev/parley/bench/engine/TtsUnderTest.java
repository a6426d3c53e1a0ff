package dev.parley.bench.engine;

/**
 * Text to speech as the engine-level benchmarks drive it, implemented over the project's engines by the CLI: one
 * English utterance at a time, synthesised to the end.
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
     * The engine that speaks the API voice {@code voice} in English when no engine is asked for: its configured engine
     * when that loads here, else the one it falls back to.
     *
     * @throws RuntimeException for an unknown voice, or when no engine loads
     */
    String engineOf(String voice);

    /**
     * Synthesises {@code text} in English with the API voice {@code voice} (default speed, normalisation on) through
     * the pipeline the API serves (text front end, chunks, the voice's rate and pitch on that engine).
     *
     * @param engine the engine to speak with, or null for the voice's own ({@link #engineOf})
     * @throws RuntimeException when the engine fails
     */
    Speech synthesize(String engine, String voice, String text);

    /**
     * Synthesises {@code text} with {@code engine} alone, its default voice at its own pace: one call of the engine on
     * the whole text (its phonemes, model and vocoder), on one inference thread, without the text front end. For
     * comparing the engine with another implementation of the same model.
     *
     * @return mono samples in [-1, 1] at the engine's rate; the caller's array
     * @throws RuntimeException when the engine cannot run or fails
     */
    Audio engineAlone(String engine, String text);

    /**
     * One synthesised utterance.
     *
     * @param engine          the engine that spoke
     * @param engineVoice     the engine's own voice that spoke (e.g. Kokoro {@code af_bella})
     * @param rate            the voice's rate factor on that engine
     * @param pitch           the voice's pitch factor on that engine (1 where the engine cannot shift pitch)
     * @param samples         mono samples in [-1, 1]; the caller's array
     * @param sampleRate      their rate, Hz
     * @param firstAudioNanos {@link System#nanoTime()} when the first piece of speech (not a pause) was ready
     */
    record Speech(String engine, String engineVoice, double rate, double pitch, float[] samples, int sampleRate,
                  long firstAudioNanos) {}

    /**
     * Audio and its rate.
     *
     * @param samples    mono samples in [-1, 1]
     * @param sampleRate Hz
     */
    record Audio(float[] samples, int sampleRate) {
        /** Its length in seconds. */
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }
}
