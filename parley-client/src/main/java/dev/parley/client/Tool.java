package dev.parley.client;

/** A tool in {@code session.tools}. */
public sealed interface Tool {
    /**
     * A client-executed function ({@code type: "function"}); the model calls it with
     * {@link ServerEvent.FunctionCallArgumentsDone}, the client answers with a
     * {@link ClientEvent.ItemCreate} of a {@link NewItem.FunctionCallOutput} and a {@link ClientEvent.ResponseCreate}.
     *
     * @param name           function name
     * @param description    what it does, for the model
     * @param parametersJson JSON Schema of the arguments, as JSON text (e.g. {@code {"type":"object","properties":{}}})
     */
    record Function(String name, String description, String parametersJson) implements Tool {}

    /** Any other tool ({@code web_search}, {@code mcp}, ...), as a JSON object text sent verbatim. */
    record Raw(String json) implements Tool {}
}
