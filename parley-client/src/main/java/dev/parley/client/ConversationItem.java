package dev.parley.client;

import java.util.List;

/**
 * A conversation item as the server reports it (in {@code conversation.item.added}, {@code response.output_item.*},
 * {@code response.done}). Fields that do not apply to the item's {@code type} are null.
 *
 * @param id        item id
 * @param type      {@code message}, {@code function_call} or {@code function_call_output}
 * @param role      {@code user}, {@code assistant}, {@code system} (messages)
 * @param status    {@code in_progress}, {@code completed}, {@code incomplete}, or null
 * @param content   message parts; empty for other types
 * @param callId    function call id (function items)
 * @param name      function name ({@code function_call})
 * @param arguments JSON arguments ({@code function_call})
 * @param output    function result ({@code function_call_output})
 */
public record ConversationItem(String id, String type, String role, String status, List<Content> content,
        String callId, String name, String arguments, String output) {
    public ConversationItem {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** The text of the item: its parts' {@code text} or {@code transcript}, joined; empty when none. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Content c : content) {
            String t = c.text() != null ? c.text() : c.transcript();
            if (t != null) sb.append(t);
        }
        return sb.toString();
    }

    /**
     * A content part.
     *
     * @param type       {@code input_text}, {@code input_audio}, {@code text}, {@code audio}, ...
     * @param text       text of a text part, or null
     * @param transcript transcript of an audio part, or null
     */
    public record Content(String type, String text, String transcript) {}
}
