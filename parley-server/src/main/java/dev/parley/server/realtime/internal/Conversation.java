package dev.parley.server.realtime.internal;

import dev.parley.engines.llm.ChatMessage;
import dev.parley.engines.llm.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered conversation items of a session ({@code previous_item_id} chains). Bounded: at most {@link #MAX_ITEMS}
 * items; when full, the oldest item is dropped (the model's context is bounded anyway). Not thread-safe: owned by
 * the session under its lock.
 */
public final class Conversation {
    public static final int MAX_ITEMS = 2000;
    private final List<Item> items = new ArrayList<>();
    private final Map<String, Item> byId = new HashMap<>();

    /**
     * Inserts {@code item} after {@code previousItemId} ({@code null}: append; {@code "root"}: at the start).
     *
     * @return the id of the item now before it, or null when it is first
     * @throws RealtimeError {@code item_not_found} for an unknown previous id, {@code invalid_value} for a duplicate id
     */
    public String insert(Item item, String previousItemId) {
        if (byId.containsKey(item.id)) {
            throw RealtimeError.invalid("invalid_value", "Item with id '" + item.id + "' already exists", "item.id");
        }
        int at;
        if (previousItemId == null) {
            at = items.size();
        } else if (previousItemId.equals("root")) {
            at = 0;
        } else {
            Item prev = byId.get(previousItemId);
            if (prev == null) {
                throw RealtimeError.invalid("item_not_found", "Item with id '" + previousItemId + "' not found",
                        "previous_item_id");
            }
            at = items.indexOf(prev) + 1;
        }
        items.add(at, item);
        byId.put(item.id, item);
        if (items.size() > MAX_ITEMS) byId.remove(items.removeFirst().id);
        int idx = items.indexOf(item);
        return idx <= 0 ? null : items.get(idx - 1).id;
    }

    /** The id of the last item, or null. */
    public String lastId() {
        return items.isEmpty() ? null : items.getLast().id;
    }

    public Item find(String id) {
        return id == null ? null : byId.get(id);
    }

    /** @throws RealtimeError {@code item_not_found} */
    public Item require(String id, String param) {
        Item item = find(id);
        if (item == null) throw RealtimeError.invalid("item_not_found", "Item with id '" + id + "' not found", param);
        return item;
    }

    public void delete(String id) {
        Item item = require(id, "item_id");
        items.remove(item);
        byId.remove(id);
    }

    public int size() {
        return items.size();
    }

    /**
     * The conversation as model messages: user texts and transcripts, assistant texts with the function calls that
     * follow them, and function outputs. System messages are returned in {@code systemOut} (appended to the
     * instructions). Items without text (an audio item not yet transcribed) are skipped.
     */
    public List<ChatMessage> toMessages(StringBuilder systemOut) {
        List<ChatMessage> out = new ArrayList<>();
        String pendingText = null;
        List<ToolCall> pendingCalls = new ArrayList<>();
        List<ChatMessage> pendingResults = new ArrayList<>(); // outputs of server-run (MCP) calls
        for (Item it : items) {
            boolean assistantish = (it.type.equals(Item.MESSAGE) && "assistant".equals(it.role))
                    || it.type.equals(Item.FUNCTION_CALL) || it.type.equals(Item.MCP_CALL);
            if (!assistantish && (pendingText != null || !pendingCalls.isEmpty())) {
                out.add(new ChatMessage.Assistant(pendingText == null ? "" : pendingText, pendingCalls));
                out.addAll(pendingResults);
                pendingResults.clear();
                pendingText = null;
                pendingCalls = new ArrayList<>();
            }
            switch (it.type) {
                case Item.MESSAGE -> {
                    String text = it.text();
                    switch (it.role) {
                        case "system" -> {
                            if (!text.isEmpty()) systemOut.append(systemOut.isEmpty() ? "" : "\n").append(text);
                        }
                        case "assistant" -> {
                            if (!pendingCalls.isEmpty()) { // a message after calls starts a new assistant turn
                                out.add(new ChatMessage.Assistant(pendingText == null ? "" : pendingText, pendingCalls));
                                out.addAll(pendingResults);
                                pendingResults.clear();
                                pendingCalls = new ArrayList<>();
                                pendingText = null;
                            }
                            pendingText = pendingText == null ? text : pendingText + " " + text;
                        }
                        default -> {
                            if (!text.isEmpty()) out.add(new ChatMessage.User(text));
                        }
                    }
                }
                case Item.FUNCTION_CALL -> pendingCalls.add(new ToolCall(it.callId, it.name, it.arguments));
                case Item.FUNCTION_CALL_OUTPUT -> out.add(new ChatMessage.ToolResult(it.callId, it.output));
                case Item.MCP_CALL -> {
                    if (!"completed".equals(it.status) && !"failed".equals(it.status)) break; // never ran: leave out
                    pendingCalls.add(new ToolCall(it.callId, it.name, it.arguments));
                    pendingResults.add(new ChatMessage.ToolResult(it.callId,
                            it.error != null ? "Error: " + it.error : it.output));
                }
                default -> { }
            }
        }
        if (pendingText != null || !pendingCalls.isEmpty()) {
            out.add(new ChatMessage.Assistant(pendingText == null ? "" : pendingText, pendingCalls));
            out.addAll(pendingResults);
        }
        return out;
    }
}
