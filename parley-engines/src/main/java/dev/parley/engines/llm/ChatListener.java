package dev.parley.engines.llm;

/**
 * Receives the events of one streamed completion. Called from one thread at a time, in order; exactly one
 * terminal event ({@link ChatEvent.Done} or {@link ChatEvent.Failed}) ends the stream. An exception thrown by the
 * listener cancels the completion and is reported as {@link ChatEvent.Failed} (if no terminal event was sent yet).
 */
@FunctionalInterface
public interface ChatListener {
    void onEvent(ChatEvent event);
}
