package dev.parley.client;

import java.util.List;

/** An item the client adds to the conversation with {@link ClientEvent.ItemCreate}. */
public sealed interface NewItem {
    /**
     * A message. {@code role}: {@code user}, {@code assistant} or {@code system}.
     *
     * @param content parts: {@link ContentPart.InputText}, {@link ContentPart.InputAudio} (user) or
     *                {@link ContentPart.Text} (assistant)
     */
    record Message(String role, List<ContentPart> content) implements NewItem {
        public Message {
            content = List.copyOf(content);
        }

        /** A user message of one text part. */
        public static Message userText(String text) {
            return new Message("user", List.of(new ContentPart.InputText(text)));
        }
    }

    /** A function call seeded into history. */
    record FunctionCall(String callId, String name, String arguments) implements NewItem {}

    /** The result of a function call the model made ({@code output} is usually JSON text). */
    record FunctionCallOutput(String callId, String output) implements NewItem {}

    /** xAI {@code force_message}: the server speaks {@code text} verbatim as the assistant, without a {@code response.create}. */
    record ForceMessage(String text, boolean interruptible) implements NewItem {}

    /** A part of a {@link Message}. */
    sealed interface ContentPart {
        /** {@code input_text}. */
        record InputText(String text) implements ContentPart {}

        /** {@code input_audio}: audio in the session's input format (the array is not copied; do not change it). */
        record InputAudio(byte[] audio) implements ContentPart {}

        /** {@code text} (assistant history). */
        record Text(String text) implements ContentPart {}
    }
}
