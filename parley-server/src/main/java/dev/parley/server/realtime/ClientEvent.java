package dev.parley.server.realtime;

import dev.parley.server.http.Json;
import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.JsonFields;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SessionSettings;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client event of {@code /v1/realtime} (spec §4.4), decoded from its JSON text frame by {@link #parse}: the client
 * side of the realtime event codec ({@link ServerEvents} is the server side). Every variant carries the client's
 * {@code event_id} (null when the client sent none), which the session names in the {@code error} event of a refusal.
 *
 * <p>{@link #parse} does all the decoding and the validation that needs no session state; a frame it refuses becomes
 * an {@link Invalid} carrying the error. Where the protocol reports a state error before a field error (truncating an
 * unknown item before a bad {@code audio_end_ms}; creating a response while one is active before bad response
 * parameters), the record keeps that field as JSON and validates it in an accessor the session calls after its state
 * check, so each refusal keeps its code. Records are immutable except {@link ItemCreate#item}, which the receiver
 * takes over. Stateless and thread-safe.
 *
 * <p>Every number is read by {@link JsonFields} (type and range, refused with {@code invalid_value} naming the field),
 * and nothing a client sends can make the server echo more than a bounded amount of it: ids ({@code event_id},
 * {@code item.id}, {@code call_id}, ...) are at most {@value #MAX_ID_CHARS} characters, the text of one item (its
 * text parts, a function call's {@code arguments} or {@code output}, a {@code force_message}) and
 * {@code instructions} at most {@link RealtimeConfig#maxItemTextChars()}, and error messages quote at most 64
 * characters of a client's string.
 */
sealed interface ClientEvent {
    /** A text frame over this many characters is refused unparsed with {@code event_too_large}. */
    int MAX_EVENT_CHARS = 32 * 1024 * 1024;
    /** Jackson's default string limit (20 M chars) is below a 15 MiB base64 append: raise it to the event bound. */
    JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_EVENT_CHARS).build()).build()).build();

    /** The longest id a client may send: {@code event_id}, {@code item.id}, {@code call_id}, {@code name}, .... */
    int MAX_ID_CHARS = 256;

    /** The client's {@code event_id}, or null. */
    String eventId();

    /** {@code session.update}: {@code session} as sent (validated by {@code SessionSettings.apply}), or null. */
    record SessionUpdate(String eventId, JsonNode session) implements ClientEvent {}

    /** {@code input_audio_buffer.append}: the decoded bytes, in the session's input format. */
    record AudioAppend(String eventId, byte[] audio) implements ClientEvent {}

    /** {@code input_audio_buffer.commit}. */
    record AudioCommit(String eventId) implements ClientEvent {}

    /** {@code input_audio_buffer.clear}. */
    record AudioClear(String eventId) implements ClientEvent {}

    /**
     * {@code conversation.item.create} of a message, function call or function call output.
     *
     * @param item the new item (its id generated when the client sent none), not yet in any conversation
     * @param previousItemId where to insert it ({@code null}: at the end, {@code "root"}: first)
     * @param audio the bytes of the first audio part that has audio but no transcript, to transcribe; or null
     */
    record ItemCreate(String eventId, Item item, String previousItemId, byte[] audio) implements ClientEvent {}

    /** {@code conversation.item.create} of type {@code force_message}: {@code text} is spoken as a response. */
    record ForceMessage(String eventId, String text) implements ClientEvent {}

    /** {@code conversation.item.delete}. */
    record ItemDelete(String eventId, String itemId) implements ClientEvent {}

    /**
     * {@code conversation.item.truncate}. The session looks the item up before it reads the other fields.
     *
     * @param contentIndex the field as sent, or null; read by {@link #contentIndexOrZero()}
     * @param audioEndMs the field as sent, or null; read by {@link #requireAudioEndMs()}
     */
    record ItemTruncate(String eventId, String itemId, JsonNode contentIndex, JsonNode audioEndMs) implements ClientEvent {
        /**
         * {@code content_index}: 0 when absent or null.
         *
         * @throws RealtimeError {@code invalid_value} unless it is a non-negative integer
         */
        int contentIndexOrZero() {
            Integer i = JsonFields.optInt(contentIndex, "content_index", 0, Integer.MAX_VALUE);
            return i == null ? 0 : i;
        }

        /** @throws RealtimeError {@code invalid_value} unless {@code audio_end_ms} is a non-negative integer */
        long requireAudioEndMs() {
            Long end = JsonFields.optLong(audioEndMs, "audio_end_ms", 0, Long.MAX_VALUE);
            if (end == null) {
                throw RealtimeError.invalid("missing_required_parameter", "Missing required parameter: 'audio_end_ms'",
                        "audio_end_ms");
            }
            return end;
        }
    }

    /**
     * {@code response.create}. The session checks for an active response before it reads the parameters.
     *
     * @param response the {@code response} object as sent, or null when absent or not an object; read by {@link #params}
     */
    record ResponseCreate(String eventId, JsonNode response) implements ClientEvent {
        /**
         * The parameters of a response; null fields take the session's values.
         *
         * @param temperature     sampling temperature of this response
         * @param maxOutputTokens the most tokens of this response's answer
         */
        record Params(List<String> modalities, String instructions, JsonNode metadata, Double temperature,
                Integer maxOutputTokens) {}

        /** The parameters of a response created without a {@code response.create} (server VAD, force message). */
        static final Params DEFAULTS = new Params(null, null, null, null, null);

        /**
         * @param limits what this server accepts ({@code instructions} length, {@code max_output_tokens})
         * @throws RealtimeError {@code invalid_value} naming the field for bad modalities, instructions, metadata,
         *                       temperature or max_output_tokens
         */
        Params params(SessionSettings current, SessionSettings.Limits limits) {
            if (response == null) return DEFAULTS;
            checkSessionFields(current, limits);
            JsonNode conversation = response.get("conversation");
            if (conversation != null && !conversation.isNull() && !(conversation.isString()
                    && (conversation.stringValue().equals("auto") || conversation.stringValue().equals("none")))) {
                throw RealtimeError.invalid("invalid_value", "conversation must be \"auto\" or \"none\"",
                        "response.conversation");
            }
            JsonNode input = response.get("input");
            if (input != null && !input.isNull() && !input.isArray()) {
                throw RealtimeError.invalid("invalid_value", "input must be an array of items", "response.input");
            }
            List<String> modalities = null;
            JsonNode m = response.has("modalities") ? response.get("modalities") : response.get("output_modalities");
            if (m != null && !m.isNull()) {
                try {
                    modalities = validModalities(m);
                } catch (RealtimeError e) {
                    throw RealtimeError.invalid(e.code(), e.getMessage(), "response.modalities");
                }
            }
            String instructions = JsonFields.optString(response.get("instructions"), "response.instructions",
                    limits.maxTextChars());
            JsonNode metadata = null;
            JsonNode md = response.get("metadata");
            if (md != null && !md.isNull()) {
                if (!md.isObject() || md.size() > 16) {
                    throw RealtimeError.invalid("invalid_value", "metadata must be an object of at most 16 pairs", "response.metadata");
                }
                for (var e : md.properties()) {
                    if (e.getKey().length() > 64 || !e.getValue().isString() || e.getValue().stringValue().length() > 512) {
                        throw RealtimeError.invalid("invalid_value",
                                "metadata keys are at most 64 characters and values strings of at most 512", "response.metadata");
                    }
                }
                metadata = md;
            }
            Double temperature = SessionSettings.temperature(response.get("temperature"), "response.temperature");
            Integer maxTokens = response.has("max_output_tokens") || response.has("max_response_output_tokens")
                    ? SessionSettings.maxOutputTokens(response, "response.", limits) : null;
            return new Params(modalities, instructions, metadata, temperature, maxTokens);
        }

        /**
         * The fields a response shares with the session ({@code voice}, {@code audio}, {@code tools},
         * {@code tool_choice}) are checked as {@code session.update} checks them, so a mistake is an error naming
         * {@code response.<field>} instead of being ignored; the session is not changed.
         */
        private void checkSessionFields(SessionSettings current, SessionSettings.Limits limits) {
            ObjectNode shared = JSON.createObjectNode();
            for (String f : List.of("voice", "audio", "tools", "tool_choice")) {
                if (response.has(f)) shared.set(f, response.get(f));
            }
            if (shared.isEmpty()) return;
            try {
                current.apply(shared, limits);
            } catch (RealtimeError e) {
                String param = e.param() == null ? null : e.param().replaceFirst("^session\\.", "response.");
                throw RealtimeError.invalid(e.code(), e.getMessage(), param);
            }
        }

        private static List<String> validModalities(JsonNode m) {
            List<String> out = new ArrayList<>();
            if (!m.isArray() || m.isEmpty()) throw RealtimeError.invalid("invalid_value", "modalities must be a non-empty array", null);
            for (JsonNode e : m) {
                String v = e.isString() ? e.stringValue() : "";
                if (!v.equals("text") && !v.equals("audio")) {
                    throw RealtimeError.invalid("invalid_value", "modalities may contain only \"text\" and \"audio\"", null);
                }
                if (!out.contains(v)) out.add(v);
            }
            return out;
        }
    }

    /** {@code response.cancel}: {@code responseId} as sent, or null for the active response. */
    record ResponseCancel(String eventId, String responseId) implements ClientEvent {}

    /** {@code pong}: nothing to do. */
    record Pong(String eventId) implements ClientEvent {}

    /** A frame refused while decoding: answered with {@code error}, naming {@code eventId} when it could be read. */
    record Invalid(String eventId, RealtimeError error) implements ClientEvent {}

    /**
     * Decodes one text frame.
     *
     * @param maxAppendBytes the most decoded audio one {@code input_audio_buffer.append} may carry
     * @param maxTextChars   the most text one conversation item may carry ({@link RealtimeConfig#maxItemTextChars()})
     * @return the event, or {@link Invalid} for a frame that is too large, not a JSON object, of an unknown type, or
     *     missing or malforming a field
     */
    static ClientEvent parse(String json, int maxAppendBytes, int maxTextChars) {
        if (json.length() > MAX_EVENT_CHARS) {
            return new Invalid(null, RealtimeError.invalid("event_too_large", "Event of " + json.length()
                    + " characters exceeds the " + MAX_EVENT_CHARS + "-character limit", null));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return new Invalid(null, RealtimeError.invalid("invalid_json", Json.malformed("The event is not valid JSON", e),
                    null));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(null, RealtimeError.invalid("invalid_json", "An event must be a JSON object", null));
        }
        String eventId = str(root, "event_id");
        if (eventId != null && eventId.length() > MAX_ID_CHARS) {
            return new Invalid(null, RealtimeError.invalid("invalid_value", "event_id is longer than " + MAX_ID_CHARS
                    + " characters", "event_id"));
        }
        String type = str(root, "type");
        try {
            if (type == null) {
                throw new RealtimeError("invalid_event", "invalid_event", "Missing event type", "type");
            }
            return switch (type) {
                case "session.update" -> new SessionUpdate(eventId, root.get("session"));
                case "input_audio_buffer.append" -> new AudioAppend(eventId, appendAudio(root, maxAppendBytes));
                case "input_audio_buffer.commit" -> new AudioCommit(eventId);
                case "input_audio_buffer.clear" -> new AudioClear(eventId);
                case "conversation.item.create" -> itemCreate(eventId, root, maxTextChars);
                case "conversation.item.delete" -> new ItemDelete(eventId, require(root, "item_id", "item_id"));
                case "conversation.item.truncate" -> new ItemTruncate(eventId, require(root, "item_id", "item_id"),
                        root.get("content_index"), root.get("audio_end_ms"));
                case "response.create" -> {
                    JsonNode params = root.get("response");
                    if (params != null && !params.isNull() && !params.isObject()) {
                        throw RealtimeError.invalid("invalid_value", "response must be an object", "response");
                    }
                    yield new ResponseCreate(eventId, params != null && params.isObject() ? params : null);
                }
                case "response.cancel" -> new ResponseCancel(eventId, id(root, "response_id", "response_id"));
                case "pong" -> new Pong(eventId);
                default -> throw new RealtimeError("invalid_event", "invalid_event",
                        "Unsupported event type: " + JsonFields.quote(type), "type");
            };
        } catch (RealtimeError e) {
            return new Invalid(eventId, e);
        }
    }

    private static byte[] appendAudio(JsonNode root, int maxAppendBytes) {
        JsonNode audio = root.get("audio");
        if (audio == null || !audio.isString()) {
            throw RealtimeError.invalid("invalid_value", "audio must be a base64 string", "audio");
        }
        String b64 = audio.stringValue();
        long decoded = b64.length() / 4L * 3L;
        if (decoded > maxAppendBytes) {
            throw RealtimeError.invalid("input_audio_buffer_append_too_large", "Audio chunk of about " + decoded
                    + " bytes exceeds the limit of " + maxAppendBytes + " bytes per input_audio_buffer.append",
                    "audio");
        }
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw RealtimeError.invalid("invalid_value", "audio is not valid base64", "audio");
        }
    }

    private static ClientEvent itemCreate(String eventId, JsonNode root, int maxTextChars) {
        JsonNode it = root.get("item");
        if (it == null || !it.isObject()) throw RealtimeError.invalid("invalid_value", "item must be an object", "item");
        String type = str(it, "type");
        if (type == null) type = Item.MESSAGE;
        String id = id(it, "id", "item.id");
        if (id == null || id.isBlank()) id = ServerEvents.newId("item");
        String previous = id(root, "previous_item_id", "previous_item_id");
        TextBudget text = new TextBudget(maxTextChars);
        byte[] audio = null;
        Item item;
        switch (type) {
            case Item.MESSAGE -> {
                String role = str(it, "role");
                if (role == null || !(role.equals("user") || role.equals("assistant") || role.equals("system"))) {
                    throw RealtimeError.invalid("invalid_value", "role must be user, assistant or system", "item.role");
                }
                item = new Item(id, Item.MESSAGE, role);
                JsonNode content = it.get("content");
                if (content == null || !content.isArray()) {
                    throw RealtimeError.invalid("invalid_value", "content must be an array", "item.content");
                }
                int i = 0;
                for (JsonNode p : content) {
                    String param = "item.content[" + i++ + "]";
                    String pt = str(p, "type");
                    if (pt == null) throw RealtimeError.invalid("invalid_value", "content part needs a type", param + ".type");
                    switch (pt) {
                        case "input_text", "text", "output_text" ->
                                item.content.add(new Item.Part(pt, text.take(textOr(p, "text", param + ".text", ""), param + ".text"), null));
                        case "input_audio", "audio", "output_audio" -> {
                            String transcript = text.take(text(p, "transcript", param + ".transcript"), param + ".transcript");
                            item.content.add(new Item.Part(pt, null, transcript));
                            String b64 = str(p, "audio");
                            if (transcript == null && b64 != null && !b64.isEmpty()) {
                                try {
                                    byte[] bytes = Base64.getDecoder().decode(b64);
                                    if (audio == null) audio = bytes;
                                } catch (IllegalArgumentException e) {
                                    throw RealtimeError.invalid("invalid_value", "audio is not valid base64", param + ".audio");
                                }
                            }
                        }
                        default -> throw RealtimeError.invalid("invalid_value", "Unsupported content type "
                                + JsonFields.quote(pt), param + ".type");
                    }
                }
            }
            case Item.FUNCTION_CALL -> {
                item = new Item(id, Item.FUNCTION_CALL, null);
                item.callId = require(it, "call_id", "item.call_id");
                item.name = require(it, "name", "item.name");
                item.arguments = text.take(textOr(it, "arguments", "item.arguments", "{}"), "item.arguments");
            }
            case Item.FUNCTION_CALL_OUTPUT -> {
                item = new Item(id, Item.FUNCTION_CALL_OUTPUT, null);
                item.callId = require(it, "call_id", "item.call_id");
                item.output = text.take(textOr(it, "output", "item.output", ""), "item.output");
            }
            case "force_message" -> {
                StringBuilder spoken = new StringBuilder();
                JsonNode content = it.get("content");
                if (content != null && content.isArray()) {
                    int i = 0;
                    for (JsonNode p : content) {
                        String t = text.take(str(p, "text"), "item.content[" + i++ + "].text");
                        if (t != null) spoken.append(spoken.isEmpty() ? "" : " ").append(t);
                    }
                }
                if (spoken.isEmpty()) throw RealtimeError.invalid("invalid_value", "force_message needs text content", "item.content");
                return new ForceMessage(eventId, spoken.toString());
            }
            default -> throw RealtimeError.invalid("invalid_value", "Unsupported item type " + JsonFields.quote(type),
                    "item.type");
        }
        return new ItemCreate(eventId, item, previous, audio);
    }

    private static String str(JsonNode n, String field) {
        if (n == null) return null;
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    /** A string field: null when absent or null, {@code invalid_value} naming {@code param} when not a string. */
    private static String text(JsonNode n, String field, String param) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw RealtimeError.invalid("invalid_value", field + " must be a string", param);
        return v.stringValue();
    }

    private static String textOr(JsonNode n, String field, String param, String dflt) {
        String s = text(n, field, param);
        return s == null ? dflt : s;
    }

    /** A required id (see {@link #id}). */
    private static String require(JsonNode n, String field, String param) {
        String s = id(n, field, param);
        if (s == null || s.isEmpty()) throw RealtimeError.invalid("missing_required_parameter", "Missing required parameter: '" + param + "'", param);
        return s;
    }

    /**
     * An id or name the server may echo: a string of at most {@value #MAX_ID_CHARS} characters, or null when absent
     * or not a string.
     */
    private static String id(JsonNode n, String field, String param) {
        String s = text(n, field, param);
        if (s != null && s.length() > MAX_ID_CHARS) {
            throw RealtimeError.invalid("invalid_value", field + " is longer than " + MAX_ID_CHARS + " characters", param);
        }
        return s;
    }

    /**
     * The text one item may carry, {@code max} characters in all: every text part, transcript, function call argument
     * and output takes from it, and the one that overdraws it is refused naming its field.
     */
    final class TextBudget {
        private final int max;
        private long used;

        TextBudget(int max) {
            this.max = max;
        }

        String take(String text, String param) {
            if (text == null) return null;
            used += text.length();
            if (used > max) {
                throw RealtimeError.invalid("invalid_value", "The text of one item is at most " + max + " characters ("
                        + "realtime.max_item_text_chars); this one has more at " + param, param);
            }
            return text;
        }
    }
}
