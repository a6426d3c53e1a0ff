package dev.parley.client;

import java.util.List;
import java.util.Map;

/**
 * A realtime response ({@code response.created}, {@code response.done}).
 *
 * @param id       response id
 * @param status   {@code in_progress}, {@code completed}, {@code cancelled}, {@code incomplete}, {@code failed}
 * @param output   output items (complete in {@code response.done})
 * @param usage    token usage, or null
 * @param metadata the metadata of {@code response.create}, or empty
 */
public record Response(String id, String status, List<ConversationItem> output, Usage usage,
        Map<String, String> metadata) {
    public Response {
        output = output == null ? List.of() : List.copyOf(output);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The text of all output items (the assistant's transcript or text), joined. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ConversationItem i : output) sb.append(i.text());
        return sb.toString();
    }

    /** Token counts. */
    public record Usage(int inputTokens, int outputTokens, int totalTokens) {}
}
