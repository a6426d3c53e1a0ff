package dev.parley.engines.llm;

import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name function name ({@code [a-zA-Z0-9_-]+})
 * @param description what it does, for the model; may be empty
 * @param parametersJson the JSON Schema of its arguments object, as JSON text; {@code {"type":"object"}} when absent
 */
public record ToolSpec(String name, String description, String parametersJson) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        if (description == null) description = "";
        if (parametersJson == null || parametersJson.isBlank()) parametersJson = "{\"type\":\"object\",\"properties\":{}}";
    }
}
