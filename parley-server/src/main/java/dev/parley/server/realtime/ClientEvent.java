package dev.parley.server.realtime;

import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 */
sealed interface ClientEvent {
    /** A text frame over this many characters is refused unparsed with {@code event_too_large}. */
    int MAX_EVENT_CHARS = 32 * 1024 * 1024;
    /** Jackson's default string limit (20 M chars) is below a 15 MiB base64 append: raise it to the event bound. */
    JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_EVENT_CHARS).build()).build()).build();

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
        /** {@code content_index}: 0 unless an integer was sent; an integer beyond {@code int} is refused. */
        int contentIndexOrZero() {
            if (contentIndex == null || !contentIndex.isIntegralNumber()) return 0;
            if (!contentIndex.canConvertToInt()) {
                throw RealtimeError.invalid("invalid_value", "content_index is out of range", "content_index");
            }
            return contentIndex.asInt();
        }

        /**
         * @throws RealtimeError {@code invalid_value} unless {@code audio_end_ms} is a non-negative integer that fits
         *                       a {@code long}
         */
        long requireAudioEndMs() {
            if (audioEndMs == null || !audioEndMs.isIntegralNumber() || !audioEndMs.canConvertToLong()
                    || audioEndMs.asLong() < 0) {
                throw RealtimeError.invalid("invalid_value", "audio_end_ms must be a non-negative integer", "audio_end_ms");
            }
            return audioEndMs.asLong();
        }
    }

    /**
     * {@code response.create}. The session checks for an active response before it reads the parameters.
     *
     * @param response the {@code response} object as sent, or null when absent or not an object; read by {@link #params}
     */
    record ResponseCreate(String eventId, JsonNode response) implements ClientEvent {
        /** The parameters of a response; null fields take the session's values. */
        record Params(List<String> modalities, String instructions, JsonNode metadata) {}

        /** The parameters of a response created without a {@code response.create} (server VAD, force message). */
        static final Params DEFAULTS = new Params(null, null, null);

        /** @throws RealtimeError {@code invalid_value} for bad modalities or metadata */
        Params params() {
            if (response == null) return DEFAULTS;
            List<String> modalities = null;
            JsonNode m = response.has("modalities") ? response.get("modalities") : response.get("output_modalities");
            if (m != null && !m.isNull()) {
                try {
                    modalities = validModalities(m);
                } catch (RealtimeError e) {
                    throw RealtimeError.invalid(e.code(), e.getMessage(), "response.modalities");
                }
            }
            JsonNode ins = response.get("instructions");
            String instructions = ins != null && ins.isString() ? ins.stringValue() : null;
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
            return new Params(modalities, instructions, metadata);
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
     * @return the event, or {@link Invalid} for a frame that is too large, not a JSON object, of an unknown type, or
     *     missing or malforming a field
     */
    static ClientEvent parse(String json, int maxAppendBytes) {
        if (json.length() > MAX_EVENT_CHARS) {
            return new Invalid(null, RealtimeError.invalid("event_too_large", "Event of " + json.length()
                    + " characters exceeds the " + MAX_EVENT_CHARS + "-character limit", null));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return new Invalid(null, RealtimeError.invalid("invalid_json", "Invalid JSON: " + e.getOriginalMessage(), null));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(null, RealtimeError.invalid("invalid_json", "An event must be a JSON object", null));
        }
        String eventId = str(root, "event_id");
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
                case "conversation.item.create" -> itemCreate(eventId, root);
                case "conversation.item.delete" -> new ItemDelete(eventId, require(root, "item_id", "item_id"));
                case "conversation.item.truncate" -> new ItemTruncate(eventId, require(root, "item_id", "item_id"),
                        root.get("content_index"), root.get("audio_end_ms"));
                case "response.create" -> {
                    JsonNode params = root.get("response");
                    yield new ResponseCreate(eventId, params != null && params.isObject() ? params : null);
                }
                case "response.cancel" -> new ResponseCancel(eventId, str(root, "response_id"));
                case "pong" -> new Pong(eventId);
                default -> throw new RealtimeError("invalid_event", "invalid_event",
                        "Unsupported event type: '" + type + "'", "type");
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
            throw RealtimeError.invalid("invalid_value", "audio is not valid base64: " + e.getMessage(), "audio");
        }
    }

    private static ClientEvent itemCreate(String eventId, JsonNode root) {
        JsonNode it = root.get("item");
        if (it == null || !it.isObject()) throw RealtimeError.invalid("invalid_value", "item must be an object", "item");
        String type = str(it, "type");
        if (type == null) type = Item.MESSAGE;
        String id = str(it, "id");
        if (id == null || id.isBlank()) id = ServerEvents.newId("item");
        String previous = str(root, "previous_item_id");
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
                        case "input_text", "text", "output_text" -> item.content.add(new Item.Part(pt, strOr(p, "text", ""), null));
                        case "input_audio", "audio", "output_audio" -> {
                            String transcript = str(p, "transcript");
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
                        default -> throw RealtimeError.invalid("invalid_value", "Unsupported content type '" + pt + "'", param + ".type");
                    }
                }
            }
            case Item.FUNCTION_CALL -> {
                item = new Item(id, Item.FUNCTION_CALL, null);
                item.callId = require(it, "call_id", "item.call_id");
                item.name = require(it, "name", "item.name");
                item.arguments = strOr(it, "arguments", "{}");
            }
            case Item.FUNCTION_CALL_OUTPUT -> {
                item = new Item(id, Item.FUNCTION_CALL_OUTPUT, null);
                item.callId = require(it, "call_id", "item.call_id");
                item.output = strOr(it, "output", "");
            }
            case "force_message" -> {
                StringBuilder text = new StringBuilder();
                JsonNode content = it.get("content");
                if (content != null && content.isArray()) {
                    for (JsonNode p : content) {
                        String t = str(p, "text");
                        if (t != null) text.append(text.isEmpty() ? "" : " ").append(t);
                    }
                }
                if (text.isEmpty()) throw RealtimeError.invalid("invalid_value", "force_message needs text content", "item.content");
                return new ForceMessage(eventId, text.toString());
            }
            default -> throw RealtimeError.invalid("invalid_value", "Unsupported item type '" + type + "'", "item.type");
        }
        return new ItemCreate(eventId, item, previous, audio);
    }

    private static String str(JsonNode n, String field) {
        if (n == null) return null;
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    private static String strOr(JsonNode n, String field, String dflt) {
        String s = str(n, field);
        return s == null ? dflt : s;
    }

    private static String require(JsonNode n, String field, String param) {
        String s = str(n, field);
        if (s == null || s.isEmpty()) throw RealtimeError.invalid("missing_required_parameter", "Missing required parameter: '" + param + "'", param);
        return s;
    }
}
