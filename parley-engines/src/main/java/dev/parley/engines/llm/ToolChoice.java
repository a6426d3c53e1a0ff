package dev.parley.engines.llm;

/** Whether the model may, must or must not call a tool (OpenAI {@code tool_choice}). */
public enum ToolChoice {
    /** The model decides between answering and calling a tool (default). */
    AUTO,
    /** The model must call one of the tools. */
    REQUIRED,
    /** The model must answer in text; tools are not offered. */
    NONE;

    /** The OpenAI wire value. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
