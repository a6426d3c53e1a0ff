package dev.parley.engines.tts;

import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import java.util.List;

/**
 * A speech synthesiser for short stretches of normalised text (a sentence or a clause), the SPI every TTS engine
 * implements. Engines are named by id in the runtime's registry only; an engine does not know its own id.
 *
 * <p>Streaming: callers split text into chunks ({@link dev.parley.engines.text.TextFrontEnd}) and call
 * {@link #synthesize} once per chunk, in order, so the first audio is ready after the first chunk. Engines keep no
 * state between calls.
 *
 * <p>Threading: implementations are thread-safe and shared by every session; models are loaded once, by the runtime.
 * {@link #synthesize} blocks while the native inference runs on an inference thread (any thread may call; see
 * {@code dev.parley.engines.runtime.Inference}). Errors: {@link UnknownVoiceException} and
 * {@link dev.parley.engines.text.UnsupportedLanguageException} for the caller's mistakes, {@link TtsException} when
 * the engine fails.
 */
public interface TtsEngine extends AutoCloseable {
    /** Rate of every array {@link #synthesize} returns, in Hz. */
    int sampleRate();

    /** The engine's own voice names (e.g. {@code af_heart}, {@code en_US-joe-medium}, {@code f3}). */
    List<String> voices();

    /** Whether the engine can speak {@code language}. */
    boolean supports(Language language);

    /**
     * The engine voice that speaks {@code profile} in {@code language}: the profile's named voice when the engine has
     * it and it speaks the language, else the engine's closest voice for the language and gender.
     *
     * @throws dev.parley.engines.text.UnsupportedLanguageException when no voice of the engine speaks it
     */
    String voiceFor(VoiceProfile profile, Language language);

    /**
     * Synthesises one chunk.
     *
     * @param text     normalised text without speech tags, at most a few hundred characters
     * @param voice    one of {@link #voices()}
     * @param prosody  rate, pitch (ignored where the engine cannot shift pitch), volume, whisper
     * @param language the language to pronounce
     * @return mono samples in [-1, 1] at {@link #sampleRate()}; a new array the caller owns; empty when the text
     *         has nothing to say
     * @throws UnknownVoiceException                                 for a voice not in {@link #voices()}
     * @throws dev.parley.engines.text.UnsupportedLanguageException when {@link #supports} is false
     * @throws TtsException                                          when inference fails
     */
    float[] synthesize(String text, String voice, Prosody prosody, Language language);

    /**
     * The longest first chunk of an utterance this engine wants, in characters, or {@link Integer#MAX_VALUE} for no
     * preference (the default): an utterance cuts its first chunk at the smaller of this and the request's limit
     * ({@link dev.parley.engines.text.ChunkPolicy#firstAtMost}), so an engine slower than the request assumed still
     * delivers its first audio early. Constant for an engine; values below 8 count as 8.
     */
    default int firstChunkChars() {
        return Integer.MAX_VALUE;
    }

    /**
     * Silence to put after a chunk, in ms, that the engine does not produce itself: neural engines end a chunk
     * without a pause, so 120 ms after a sentence and 40 ms after a clause; an engine that pauses on its own returns 0.
     */
    default int gapAfterMs(boolean sentenceEnd) {
        return sentenceEnd ? 120 : 40;
    }

    /** Frees the engine's native resources; called once by the runtime at shutdown. */
    @Override
    default void close() {}
}
