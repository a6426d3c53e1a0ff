package dev.parley.engines.tts;

import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;

import java.util.List;

/**
 * A speech synthesiser for short stretches of normalised text (a sentence or a clause).
 *
 * <p>Streaming: callers split text into chunks ({@link dev.parley.engines.text.TextFrontEnd}) and call
 * {@link #synthesize} once per chunk, in order, so the first audio is ready after the first chunk. Engines keep no
 * state between calls.
 *
 * <p>Threading: implementations are thread-safe and shared by all sessions; model sessions are loaded once. A call
 * blocks while the native inference runs; from a virtual thread the native work is handed to
 * {@link dev.parley.engines.InferencePool#shared()} (native code pins virtual threads), from a platform thread it
 * runs on the calling thread.
 */
public interface TtsEngine {
    /** Stable id: {@code kokoro}, {@code piper}, {@code espeak}. */
    String id();

    /** Rate of every array {@link #synthesize} returns, in Hz. */
    int sampleRate();

    /** The engine's own voice names (e.g. {@code af_heart}, {@code en_US-joe-medium}, {@code f3}). */
    List<String> voices();

    /** Whether the engine can speak {@code language}. */
    boolean supports(Language language);

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
}
