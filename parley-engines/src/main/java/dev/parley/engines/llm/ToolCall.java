package dev.parley.engines.llm;

import java.util.Objects;

/**
 * A function call made by the model.
 *
 * @param id call id ({@code call_...}); generated when the backend gives none
 * @param name function name
 * @param argumentsJson the arguments object as JSON text
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (argumentsJson == null || argumentsJson.isBlank()) argumentsJson = "{}";
    }
}
