package dev.parley.engines.llm;

import java.util.List;
import java.util.Objects;

/**
 * One completion request.
 *
 * @param instructions system prompt; may be empty
 * @param messages the conversation so far, oldest first
 * @param tools functions the model may call; empty for none
 * @param temperature sampling temperature, or null for the backend's default
 * @param maxTokens the most tokens to generate, or null for the backend's default
 * @param toolChoice whether the model may, must or must not call a tool; ignored when {@code tools} is empty
 */
public record ChatRequest(String instructions, List<ChatMessage> messages, List<ToolSpec> tools, Double temperature,
        Integer maxTokens, ToolChoice toolChoice) {
    public ChatRequest {
        if (toolChoice == null) toolChoice = ToolChoice.AUTO;
        if (instructions == null) instructions = "";
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxTokens != null && maxTokens <= 0) throw new IllegalArgumentException("maxTokens must be > 0: " + maxTokens);
    }

    /** A request with automatic tool choice. */
    public ChatRequest(String instructions, List<ChatMessage> messages, List<ToolSpec> tools, Double temperature,
            Integer maxTokens) {
        this(instructions, messages, tools, temperature, maxTokens, ToolChoice.AUTO);
    }

    /** A request with only instructions and messages. */
    public static ChatRequest of(String instructions, List<ChatMessage> messages) {
        return new ChatRequest(instructions, messages, List.of(), null, null);
    }
}
