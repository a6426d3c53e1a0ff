package dev.parley.engines.llm;

/** Why a completion ended. */
public enum FinishReason {
    /** The model ended its answer. */
    STOP,
    /** The token limit was reached. */
    LENGTH,
    /** The model called one or more tools; their results are expected in the next request. */
    TOOL_CALLS,
    /** {@link ChatHandle#cancel()} stopped it. */
    CANCELLED;

    /** Maps an OpenAI {@code finish_reason} string; unknown or null values map to {@link #STOP}. */
    public static FinishReason fromOpenAi(String s) {
        if (s == null) return STOP;
        return switch (s) {
            case "length" -> LENGTH;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            default -> STOP;
        };
    }
}
