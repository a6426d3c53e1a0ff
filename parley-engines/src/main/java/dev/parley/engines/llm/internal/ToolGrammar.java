package dev.parley.engines.llm.internal;

import dev.parley.engines.llm.ChatModelException;
import dev.parley.engines.llm.ToolChoice;
import dev.parley.engines.llm.ToolSpec;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the llama.cpp GBNF grammar that constrains a tool call to {@code {"name": <one of the tools>, "arguments":
 * <that tool's JSON Schema>}}. With {@link ToolChoice#AUTO} the grammar is {@code toolcall | answer}, where an answer is
 * any text that does not start with a brace: the model decides, and once it opens a brace it can only produce a valid
 * call. With {@link ToolChoice#REQUIRED} only the tool call is allowed.
 */
public final class ToolGrammar {
    private ToolGrammar() {}

    /** The JSON Schema of "one call of one of these tools". */
    public static String callSchema(List<ToolSpec> tools) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode oneOf = root.putArray("oneOf");
        for (ToolSpec t : tools) {
            JsonNode params;
            try {
                params = Json.MAPPER.readTree(t.parametersJson());
            } catch (JacksonException e) {
                throw new ChatModelException(0, "tool " + t.name() + " has an invalid JSON parameters schema: " + e.getOriginalMessage());
            }
            ObjectNode alt = oneOf.addObject().put("type", "object");
            ObjectNode props = alt.putObject("properties");
            props.putObject("name").put("const", t.name());
            props.set("arguments", params);
            alt.putArray("required").add("name").add("arguments");
        }
        return root.toString();
    }

    /**
     * The grammar for a tool choice.
     *
     * @param schemaToGrammar llama.cpp's JSON-Schema-to-GBNF converter (native; call it on the model thread)
     */
    public static String grammar(List<ToolSpec> tools, ToolChoice choice, UnaryOperator<String> schemaToGrammar) {
        String call = schemaToGrammar.apply(callSchema(tools));
        // the converter names its start rule "root"; rename it so the union below can reference it
        String renamed = call.replaceAll("(?m)^root ::=", "toolcall ::=");
        String root = choice == ToolChoice.REQUIRED ? "root ::= toolcall\n" : "root ::= toolcall | answer\n"
                + "answer ::= [^{ \\t\\n] [^\\x00]*\n";
        return root + renamed;
    }
}
