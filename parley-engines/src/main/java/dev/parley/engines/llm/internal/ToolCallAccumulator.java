package dev.parley.engines.llm.internal;

import dev.parley.engines.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Joins streamed OpenAI {@code delta.tool_calls[]} pieces by {@code index}. Single-threaded. */
public final class ToolCallAccumulator {
    private static final class Builder {
        String id;
        String name;
        final StringBuilder args = new StringBuilder();
    }

    private final Map<Integer, Builder> calls = new TreeMap<>();

    /** Adds one piece; returns true if this was the first piece of the call at {@code index}. */
    public boolean add(int index, String id, String name, String argsDelta) {
        boolean first = !calls.containsKey(index);
        Builder b = calls.computeIfAbsent(index, i -> new Builder());
        if (id != null && !id.isEmpty() && b.id == null) b.id = id;
        if (name != null && !name.isEmpty()) b.name = b.name == null ? name : b.name;
        if (argsDelta != null) b.args.append(argsDelta);
        return first;
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The calls in index order; ids are generated where the backend gave none. */
    public List<Map.Entry<Integer, ToolCall>> calls() {
        List<Map.Entry<Integer, ToolCall>> out = new ArrayList<>();
        for (var e : calls.entrySet()) {
            Builder b = e.getValue();
            String id = b.id != null ? b.id : "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            out.add(Map.entry(e.getKey(), new ToolCall(id, b.name == null ? "" : b.name, b.args.toString())));
        }
        return out;
    }
}
