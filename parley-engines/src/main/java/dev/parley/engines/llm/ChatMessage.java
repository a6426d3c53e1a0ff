package dev.parley.engines.llm;

import java.util.List;
import java.util.Objects;

/** One turn of the conversation given to a {@link ChatModel}. The system prompt is not a message: see {@link ChatRequest}. */
public sealed interface ChatMessage {

    /** What the user said (typed or transcribed). */
    record User(String text) implements ChatMessage {
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An earlier answer of the assistant: text, tool calls, or both. */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            if (text == null) text = "";
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public Assistant(String text) {
            this(text, List.of());
        }
    }

    /** The result of a tool call, answering the {@link ToolCall} with the same id. */
    record ToolResult(String callId, String output) implements ChatMessage {
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            if (output == null) output = "";
        }
    }
}
