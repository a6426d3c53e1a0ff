package dev.parley.server.realtime.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One conversation item (spec §4.3 item variants): a message (user, assistant, system), a function call, or a
 * function call output. Assistant audio items also remember which text was spoken over which span of audio, so
 * they can be truncated to what the client actually played. Not thread-safe: owned by the session under its lock.
 */
public final class Item {
    public static final String MESSAGE = "message";
    public static final String FUNCTION_CALL = "function_call";
    public static final String FUNCTION_CALL_OUTPUT = "function_call_output";
    /** A call of a remote MCP tool that the server ran itself (spec §4.5 F): call and output in one item. */
    public static final String MCP_CALL = "mcp_call";

    /** A content part; {@code text} for text parts, {@code transcript} for audio parts. */
    public static final class Part {
        public final String type;
        public String text;
        public String transcript;

        public Part(String type, String text, String transcript) {
            this.type = type;
            this.text = text;
            this.transcript = transcript;
        }

        boolean isAudio() {
            return type.equals("audio") || type.equals("input_audio") || type.equals("output_audio");
        }

        /** What this part says, as text (null when an audio part has no transcript yet). */
        String spoken() {
            return isAudio() ? transcript : text;
        }

        ObjectNode toJson() {
            ObjectNode o = SessionSettings.JSON.createObjectNode().put("type", type);
            if (isAudio()) o.put("transcript", transcript);
            else o.put("text", text);
            return o;
        }
    }

    /** A clause of assistant speech and where its audio lies in the item (output milliseconds). */
    public record Clause(String text, double startMs, double endMs) {}

    public final String id;
    public final String type;
    public final String role;
    public String status = "completed";
    public final List<Part> content = new ArrayList<>();
    public String callId;
    public String name;
    public String arguments;
    public String output;
    /** {@link #MCP_CALL}: the server's label, and the error message when the call failed (else null). */
    public String serverLabel;
    public String error;
    /** Spoken clauses of an assistant audio item, in order. */
    public final List<Clause> clauses = new ArrayList<>();
    /** Audio sent for this item so far, in ms. */
    public double audioMs;

    public Item(String id, String type, String role) {
        this.id = id;
        this.type = type;
        this.role = role;
    }

    /** The text this item contributes to the model's context (message text or transcripts), never null. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Part p : content) {
            String s = p.spoken();
            if (s == null || s.isEmpty()) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(s);
        }
        return sb.toString();
    }

    /**
     * Keeps the assistant speech up to {@code audioEndMs}: whole clauses that ended by then, plus the share of words
     * of a clause cut in the middle. Returns the kept transcript.
     */
    public String truncateAudio(double audioEndMs) {
        StringBuilder kept = new StringBuilder();
        List<Clause> keptClauses = new ArrayList<>();
        for (Clause c : clauses) {
            if (c.endMs() <= audioEndMs) {
                keptClauses.add(c);
                append(kept, c.text());
            } else if (c.startMs() < audioEndMs) {
                String[] words = c.text().split("\\s+");
                double share = (audioEndMs - c.startMs()) / (c.endMs() - c.startMs());
                int n = (int) Math.floor(words.length * share);
                if (n > 0) {
                    String partial = String.join(" ", java.util.Arrays.copyOf(words, n));
                    keptClauses.add(new Clause(partial, c.startMs(), audioEndMs));
                    append(kept, partial);
                }
            }
        }
        clauses.clear();
        clauses.addAll(keptClauses);
        audioMs = Math.min(audioMs, audioEndMs);
        for (Part p : content) if (p.isAudio()) p.transcript = kept.toString();
        return kept.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (!sb.isEmpty()) sb.append(' ');
        sb.append(s);
    }

    public ObjectNode toJson() {
        ObjectNode o = SessionSettings.JSON.createObjectNode();
        o.put("id", id).put("object", "realtime.item").put("type", type).put("status", status);
        switch (type) {
            case MESSAGE -> {
                o.put("role", role);
                ArrayNode parts = o.putArray("content");
                for (Part p : content) parts.add(p.toJson());
            }
            case FUNCTION_CALL -> o.put("call_id", callId).put("name", name).put("arguments", arguments);
            case FUNCTION_CALL_OUTPUT -> o.put("call_id", callId).put("output", output);
            case MCP_CALL -> {
                o.put("server_label", serverLabel).put("name", name).put("arguments", arguments);
                if (output != null) o.put("output", output);
                else o.putNull("output");
                if (error != null) o.putObject("error").put("type", "mcp_tool_error").put("message", error);
                else o.putNull("error");
            }
            default -> throw new IllegalStateException(type);
        }
        return o;
    }
}
