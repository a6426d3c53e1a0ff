package dev.parley.engines.llm;

/** Token counts of one completion; 0 where the backend did not report them. */
public record Usage(int inputTokens, int outputTokens) {
    public static final Usage NONE = new Usage(0, 0);

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
