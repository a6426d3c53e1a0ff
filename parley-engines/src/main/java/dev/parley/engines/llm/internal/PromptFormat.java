package dev.parley.engines.llm.internal;

import dev.parley.engines.llm.ChatMessage;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.engines.llm.ToolCall;
import dev.parley.engines.llm.ToolChoice;
import dev.parley.engines.llm.ToolSpec;
import java.util.Locale;

/**
 * Renders a {@link ChatRequest} into a model's chat template. The rendering is deterministic and append-only: the
 * prompt of turn N+1 starts with the exact text of the prompt of turn N plus its answer, so llama.cpp's prompt cache
 * reuses the KV cache of everything before the new user turn.
 *
 * <p>Tool calls are rendered in the same JSON form the model is asked to produce:
 * {@code {"name": "...", "arguments": {...}}}; tool results become user turns that say which function returned what
 * (small models know no tool role).
 */
public enum PromptFormat {
    /** {@code <|im_start|>role\n...<|im_end|>} (SmolLM2, Qwen, many others). Has a system role. */
    CHATML("<|im_end|>"),
    /** Gemma: {@code <start_of_turn>user|model\n...<end_of_turn>}; no system role (the system text opens the first user turn). */
    GEMMA("<end_of_turn>");

    private final String endOfTurn;

    PromptFormat(String endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    /** The end-of-turn marker, used as a stop string. */
    public String endOfTurn() {
        return endOfTurn;
    }

    /** Picks the format from a GGUF file name: Gemma files use {@link #GEMMA}, everything else {@link #CHATML}. */
    public static PromptFormat guess(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).contains("gemma") ? GEMMA : CHATML;
    }

    /** The system text: instructions plus, when tools are offered, their descriptions and the calling convention. */
    public static String systemText(ChatRequest request) {
        StringBuilder sb = new StringBuilder(request.instructions());
        if (offersTools(request)) {
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append("You can call these functions:\n");
            for (ToolSpec t : request.tools()) {
                sb.append("{\"name\": ").append(Json.MAPPER.writeValueAsString(t.name()))
                        .append(", \"description\": ").append(Json.MAPPER.writeValueAsString(t.description()))
                        .append(", \"parameters\": ").append(t.parametersJson().strip()).append("}\n");
            }
            sb.append("To call a function, reply with only a JSON object {\"name\": <function name>, \"arguments\": "
                    + "<arguments object>} and nothing else. Otherwise reply to the user in plain text.");
        }
        return sb.toString();
    }

    /** Whether the request offers tools to the model. */
    public static boolean offersTools(ChatRequest request) {
        return !request.tools().isEmpty() && request.toolChoice() != ToolChoice.NONE;
    }

    /** The system block alone (the stable head of every prompt of a conversation). */
    public String systemBlock(ChatRequest request) {
        String sys = systemText(request);
        return switch (this) {
            case CHATML -> sys.isEmpty() ? "" : turn("system", sys);
            case GEMMA -> sys.isEmpty() ? "" : "<start_of_turn>user\n" + sys + "\n\n";
        };
    }

    /** The whole prompt, ending with the opening of the assistant's turn. */
    public String render(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        String sys = systemText(request);
        boolean gemmaSystemPending = this == GEMMA && !sys.isEmpty();
        if (this == CHATML && !sys.isEmpty()) sb.append(turn("system", sys));
        for (ChatMessage m : request.messages()) {
            String role;
            String text;
            switch (m) {
                case ChatMessage.User u -> {
                    role = "user";
                    text = u.text();
                }
                case ChatMessage.Assistant a -> {
                    role = this == GEMMA ? "model" : "assistant";
                    StringBuilder t = new StringBuilder(a.text());
                    for (ToolCall c : a.toolCalls()) {
                        if (!t.isEmpty()) t.append('\n');
                        t.append("{\"name\": ").append(Json.MAPPER.writeValueAsString(c.name()))
                                .append(", \"arguments\": ").append(c.argumentsJson().strip()).append('}');
                    }
                    text = t.toString();
                }
                case ChatMessage.ToolResult r -> {
                    role = "user";
                    text = "Function result for call " + r.callId() + ": " + r.output();
                }
            }
            if (gemmaSystemPending) {
                if (role.equals("user")) {
                    sb.append("<start_of_turn>user\n").append(sys).append("\n\n").append(text).append(endOfTurn).append('\n');
                    gemmaSystemPending = false;
                    continue;
                }
                sb.append("<start_of_turn>user\n").append(sys).append(endOfTurn).append('\n');
                gemmaSystemPending = false;
            }
            sb.append(turn(role, text));
        }
        if (gemmaSystemPending) sb.append("<start_of_turn>user\n").append(sys).append(endOfTurn).append('\n');
        sb.append(this == GEMMA ? "<start_of_turn>model\n" : "<|im_start|>assistant\n");
        return sb.toString();
    }

    private String turn(String role, String text) {
        return switch (this) {
            case CHATML -> "<|im_start|>" + role + "\n" + text + endOfTurn + "\n";
            case GEMMA -> "<start_of_turn>" + role + "\n" + text + endOfTurn + "\n";
        };
    }
}
