package dev.parley.engines.llm;

/** What a streamed completion reports, in order. {@link Done} and {@link Failed} are terminal. */
public sealed interface ChatEvent {

    /** A piece of the answer text. */
    record TextDelta(String text) implements ChatEvent {}

    /**
     * A piece of a tool call as it streams: {@code index} identifies the call within this completion; {@code id}
     * and {@code name} are set on the first delta of a call (null afterwards); {@code argumentsDelta} is the next
     * piece of the arguments JSON text (may be empty).
     */
    record ToolCallDelta(int index, String id, String name, String argumentsDelta) implements ChatEvent {}

    /** A complete tool call (sent once per call, after its deltas, before {@link Done}). */
    record ToolCallDone(int index, ToolCall call) implements ChatEvent {}

    /** The completion ended. */
    record Done(FinishReason reason, Usage usage) implements ChatEvent {}

    /** The completion failed; {@code error} says why (a {@link ChatModelException} for backend errors). */
    record Failed(Exception error) implements ChatEvent {}
}
