package dev.parley.engines.llm;

/**
 * A chat-completion backend that streams its answer: the brain of the voice agent.
 *
 * <p>{@link #stream} starts one completion and returns at once; the answer arrives as {@link ChatEvent}s on the
 * {@link ChatListener}. Implementations: {@link OpenAiCompatibleChatModel} (any OpenAI-compatible
 * {@code /v1/chat/completions} endpoint) and {@link LlamaChatModel} (embedded llama.cpp).
 *
 * <p>Threading: {@code stream} may be called from any thread, including virtual threads; implementations that run
 * native code do so on their own bounded platform threads. For one completion the listener is called from one
 * thread at a time, in order, and receives exactly one terminal event ({@link ChatEvent.Done} or
 * {@link ChatEvent.Failed}), also after {@link ChatHandle#cancel()}. Several completions may run at the same time
 * (an implementation may queue them).
 */
public interface ChatModel extends AutoCloseable {

    /**
     * Starts a streamed completion.
     *
     * @param request what to complete; not modified
     * @param listener receives the events; must not block for long (it runs on the model's thread)
     * @return a handle to cancel or await the completion
     */
    ChatHandle stream(ChatRequest request, ChatListener listener);

    /**
     * Hints that requests starting like {@code request} (same instructions and tools) will follow, so a backend with a
     * prompt cache can evaluate that prefix now, off the critical path of the first turn. Returns at once; the work
     * (if any) runs in the background and never delays or fails a later {@link #stream} beyond queueing. The default
     * does nothing.
     */
    default void prefill(ChatRequest request) {}

    /** {@link #maxOutputTokens()} of a backend that cannot tell: OpenAI's realtime limit per response. */
    int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    /**
     * The largest {@link ChatRequest#maxTokens()} this model can honour: a caller that lets clients choose the limit
     * refuses a larger one rather than accept it and fail every completion. A completion whose prompt leaves less room
     * than asked for stops early ({@link FinishReason#LENGTH}). The default, {@value #DEFAULT_MAX_OUTPUT_TOKENS}, is
     * for backends whose limit is the remote model's; any thread, never blocks.
     */
    default int maxOutputTokens() {
        return DEFAULT_MAX_OUTPUT_TOKENS;
    }

    /** A short description for logs and metrics, e.g. {@code llama:gemma-3-270m} or {@code openai:grok-3}. */
    String name();

    /** Releases the model (native memory, HTTP client). Completions still running are cancelled. */
    @Override
    default void close() {}
}
