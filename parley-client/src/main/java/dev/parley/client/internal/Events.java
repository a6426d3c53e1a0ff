package dev.parley.client.internal;

import static dev.parley.client.internal.Json.array;
import static dev.parley.client.internal.Json.dbl;
import static dev.parley.client.internal.Json.dblOrNull;
import static dev.parley.client.internal.Json.integer;
import static dev.parley.client.internal.Json.integerOrNull;
import static dev.parley.client.internal.Json.str;

import dev.parley.client.ClientEvent;
import dev.parley.client.ConversationItem;
import dev.parley.client.NewItem;
import dev.parley.client.RealtimeAudioFormat;
import dev.parley.client.Response;
import dev.parley.client.ServerEvent;
import dev.parley.client.Session;
import dev.parley.client.SessionConfig;
import dev.parley.client.SttEvent;
import dev.parley.client.Tool;
import dev.parley.client.TtsEvent;
import dev.parley.client.TurnDetection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Decoders of the three WebSocket protocols' server messages and the encoder of realtime client events. */
public final class Events {
    private Events() {}

    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final Base64.Encoder B64E = Base64.getEncoder();

    private static byte[] b64(JsonNode n, String field) {
        String s = str(n, field);
        return s == null || s.isEmpty() ? new byte[0] : B64D.decode(s);
    }

    // ---------------------------------------------------------------------------------------------- TTS

    public static TtsEvent tts(String json) {
        JsonNode n = Json.parse(json);
        String type = str(n, "type");
        return switch (type == null ? "" : type) {
            case "audio.delta" -> new TtsEvent.AudioDelta(b64(n, "delta"), Wire.charTimes(n.get("audio_timestamps")));
            case "audio.done" -> new TtsEvent.AudioDone(str(n, "trace_id"));
            case "audio.clear" -> new TtsEvent.AudioClear();
            case "error" -> new TtsEvent.Error(errorMessage(n));
            default -> new TtsEvent.Unknown(type, json);
        };
    }

    /** The message of a flat {@code {"message"}} error, or of a nested {@code {"error":{"message"}}} one. */
    private static String errorMessage(JsonNode n) {
        String m = str(n, "message");
        if (m != null) return m;
        JsonNode e = n.get("error");
        if (e != null && e.isObject()) return str(e, "message");
        return e == null ? null : e.asString();
    }

    public static String ttsText(String type, String delta) {
        ObjectNode o = Json.object().put("type", type);
        if (delta != null) o.put("delta", delta);
        return o.toString();
    }

    // ---------------------------------------------------------------------------------------------- STT

    public static SttEvent stt(String json) {
        JsonNode n = Json.parse(json);
        String type = str(n, "type");
        return switch (type == null ? "" : type) {
            case "transcript.created" -> new SttEvent.Created(str(n, "id"));
            case "transcript.partial" -> new SttEvent.Partial(Wire.nz(str(n, "text")), Wire.words(n),
                    Json.bool(n, "is_final"), Json.bool(n, "speech_final"), dbl(n, "start"), dbl(n, "duration"),
                    integerOrNull(n, "channel_index"), dblOrNull(n, "end_of_turn_confidence"));
            case "transcript.done" -> new SttEvent.Done(Wire.nz(str(n, "text")), Wire.words(n), dbl(n, "duration"),
                    integerOrNull(n, "channel_index"));
            case "error" -> new SttEvent.Error(errorMessage(n));
            default -> new SttEvent.Unknown(type, json);
        };
    }

    // ---------------------------------------------------------------------------------------------- realtime in

    public static ServerEvent realtime(String json) {
        JsonNode n = Json.parse(json);
        String type = str(n, "type");
        String id = str(n, "event_id");
        String rid = str(n, "response_id"), iid = str(n, "item_id");
        int oi = integer(n, "output_index"), ci = integer(n, "content_index");
        return switch (type == null ? "" : type) {
            case "session.created" -> new ServerEvent.SessionCreated(id, session(n.get("session")));
            case "session.updated" -> new ServerEvent.SessionUpdated(id, session(n.get("session")));
            case "conversation.created" -> new ServerEvent.ConversationCreated(id, str(n.get("conversation"), "id"));
            case "conversation.item.added" -> new ServerEvent.ItemAdded(id, str(n, "previous_item_id"), item(n.get("item")));
            case "conversation.item.created" -> new ServerEvent.ItemCreated(id, str(n, "previous_item_id"), item(n.get("item")));
            case "conversation.item.deleted" -> new ServerEvent.ItemDeleted(id, iid);
            case "conversation.item.truncated" -> new ServerEvent.ItemTruncated(id, iid, ci, integer(n, "audio_end_ms"),
                    str(n, "transcript"));
            case "conversation.item.input_audio_transcription.updated" ->
                    new ServerEvent.InputTranscriptionUpdated(id, iid, Wire.nz(str(n, "transcript")));
            case "conversation.item.input_audio_transcription.completed" ->
                    new ServerEvent.InputTranscriptionCompleted(id, iid, Wire.nz(str(n, "transcript")));
            case "input_audio_buffer.speech_started" -> new ServerEvent.SpeechStarted(id, iid, integer(n, "audio_start_ms"));
            case "input_audio_buffer.speech_stopped" -> new ServerEvent.SpeechStopped(id, iid, integer(n, "audio_end_ms"));
            case "input_audio_buffer.committed" -> new ServerEvent.AudioCommitted(id, str(n, "previous_item_id"), iid);
            case "input_audio_buffer.cleared" -> new ServerEvent.AudioCleared(id);
            case "input_audio_buffer.timeout_triggered" -> new ServerEvent.TimeoutTriggered(id, iid,
                    integer(n, "audio_start_ms"), integer(n, "audio_end_ms"));
            case "response.created" -> new ServerEvent.ResponseCreated(id, response(n.get("response")));
            case "response.done" -> new ServerEvent.ResponseDone(id, response(n.get("response")));
            case "response.output_item.added" -> new ServerEvent.OutputItemAdded(id, rid, oi, item(n.get("item")));
            case "response.output_item.done" -> new ServerEvent.OutputItemDone(id, rid, oi, item(n.get("item")));
            case "response.content_part.added" -> new ServerEvent.ContentPartAdded(id, rid, iid, oi, ci,
                    str(n.get("part"), "type"));
            case "response.content_part.done" -> {
                JsonNode p = n.get("part");
                String text = str(p, "text") != null ? str(p, "text") : str(p, "transcript");
                yield new ServerEvent.ContentPartDone(id, rid, iid, oi, ci, str(p, "type"), text);
            }
            case "response.output_audio.delta", "response.audio.delta" ->
                    new ServerEvent.OutputAudioDelta(id, rid, iid, oi, ci, b64(n, "delta"));
            case "response.output_audio.done", "response.audio.done" ->
                    new ServerEvent.OutputAudioDone(id, rid, iid, oi, ci);
            case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                    new ServerEvent.OutputAudioTranscriptDelta(id, rid, iid, oi, ci, Wire.nz(str(n, "delta")));
            case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
                    new ServerEvent.OutputAudioTranscriptDone(id, rid, iid, oi, ci, Wire.nz(str(n, "transcript")));
            case "response.output_text.delta", "response.text.delta" ->
                    new ServerEvent.OutputTextDelta(id, rid, iid, oi, ci, Wire.nz(str(n, "delta")));
            case "response.output_text.done", "response.text.done" ->
                    new ServerEvent.OutputTextDone(id, rid, iid, oi, ci, Wire.nz(str(n, "text")));
            case "response.function_call_arguments.delta" -> new ServerEvent.FunctionCallArgumentsDelta(id, rid, iid, oi,
                    str(n, "call_id"), Wire.nz(str(n, "delta")));
            case "response.function_call_arguments.done" -> new ServerEvent.FunctionCallArgumentsDone(id, rid, iid, oi,
                    str(n, "call_id"), str(n, "name"), Wire.nz(str(n, "arguments")));
            case "error" -> {
                JsonNode e = n.get("error");
                if (e == null || !e.isObject()) yield new ServerEvent.Error(id, "error", null, errorMessage(n), null, null);
                yield new ServerEvent.Error(id, str(e, "type"), str(e, "code"), str(e, "message"), str(e, "param"),
                        str(e, "event_id"));
            }
            case "ping" -> new ServerEvent.Ping(id, n.has("timestamp") ? Json.longValue(n, "timestamp")
                    : Json.longValue(n, "ping_timestamp"));
            default -> new ServerEvent.Unknown(id, type, json);
        };
    }

    static Session session(JsonNode s) {
        if (s == null || s.isNull()) return new Session(null, null, null, null, List.of(), TurnDetection.manual(), null, null, "{}");
        JsonNode td = s.get("turn_detection");
        if (td == null) td = s.path("audio").path("input").get("turn_detection");
        TurnDetection turn = td == null || td.isNull() || str(td, "type") == null ? TurnDetection.manual()
                : new TurnDetection(str(td, "type"), dblOrNull(td, "threshold"), integerOrNull(td, "silence_duration_ms"),
                        integerOrNull(td, "prefix_padding_ms"));
        String voice = str(s, "voice") != null ? str(s, "voice") : str(s.path("audio").path("output"), "voice");
        return new Session(str(s, "id"), str(s, "model"), voice, str(s, "instructions"), Json.strings(s, "modalities"),
                turn, format(s.path("audio").path("input").get("format")),
                format(s.path("audio").path("output").get("format")), s.toString());
    }

    private static RealtimeAudioFormat format(JsonNode f) {
        return f == null || !f.isObject() ? null : new RealtimeAudioFormat(str(f, "type"), integerOrNull(f, "rate"));
    }

    static ConversationItem item(JsonNode i) {
        if (i == null || i.isNull()) return null;
        List<ConversationItem.Content> content = new ArrayList<>();
        for (JsonNode c : array(i, "content")) {
            content.add(new ConversationItem.Content(str(c, "type"), str(c, "text"), str(c, "transcript")));
        }
        return new ConversationItem(str(i, "id"), str(i, "type"), str(i, "role"), str(i, "status"), content,
                str(i, "call_id"), str(i, "name"), str(i, "arguments"), str(i, "output"));
    }

    static Response response(JsonNode r) {
        if (r == null || r.isNull()) return new Response(null, null, List.of(), null, Map.of());
        List<ConversationItem> out = new ArrayList<>();
        for (JsonNode i : array(r, "output")) out.add(item(i));
        JsonNode u = r.get("usage");
        Response.Usage usage = u == null || !u.isObject() ? null
                : new Response.Usage(integer(u, "input_tokens"), integer(u, "output_tokens"), integer(u, "total_tokens"));
        return new Response(str(r, "id"), str(r, "status"), out, usage, Json.stringMap(r, "metadata"));
    }

    // ---------------------------------------------------------------------------------------------- realtime out

    /** The JSON text of a client event, with {@code event_id} when not null. */
    public static String encode(ClientEvent e, String eventId) {
        if (e instanceof ClientEvent.Raw raw) {
            if (eventId == null) return raw.json();
            ObjectNode o = (ObjectNode) Json.parse(raw.json());
            o.put("event_id", eventId);
            return o.toString();
        }
        ObjectNode o = Json.object();
        o.put("type", switch (e) {
            case ClientEvent.SessionUpdate x -> "session.update";
            case ClientEvent.InputAudioAppend x -> "input_audio_buffer.append";
            case ClientEvent.InputAudioCommit x -> "input_audio_buffer.commit";
            case ClientEvent.InputAudioClear x -> "input_audio_buffer.clear";
            case ClientEvent.ItemCreate x -> "conversation.item.create";
            case ClientEvent.ItemDelete x -> "conversation.item.delete";
            case ClientEvent.ItemTruncate x -> "conversation.item.truncate";
            case ClientEvent.ResponseCreate x -> "response.create";
            case ClientEvent.ResponseCancel x -> "response.cancel";
            case ClientEvent.Raw x -> throw new AssertionError();
        });
        if (eventId != null) o.put("event_id", eventId);
        switch (e) {
            case ClientEvent.SessionUpdate x -> session(o.putObject("session"), x.session());
            case ClientEvent.InputAudioAppend x -> o.put("audio", B64E.encodeToString(x.audio()));
            case ClientEvent.ItemCreate x -> {
                if (x.previousItemId() != null) o.put("previous_item_id", x.previousItemId());
                item(o.putObject("item"), x.item());
            }
            case ClientEvent.ItemDelete x -> o.put("item_id", x.itemId());
            case ClientEvent.ItemTruncate x -> o.put("item_id", x.itemId()).put("content_index", x.contentIndex())
                    .put("audio_end_ms", x.audioEndMs());
            case ClientEvent.ResponseCreate x -> {
                if (x.modalities() != null || x.instructions() != null || x.metadata() != null) {
                    ObjectNode r = o.putObject("response");
                    if (x.modalities() != null) strings(r.putArray("modalities"), x.modalities());
                    if (x.instructions() != null) r.put("instructions", x.instructions());
                    if (x.metadata() != null) {
                        ObjectNode m = r.putObject("metadata");
                        x.metadata().forEach(m::put);
                    }
                }
            }
            case ClientEvent.ResponseCancel x -> {
                if (x.responseId() != null) o.put("response_id", x.responseId());
            }
            default -> { }
        }
        return o.toString();
    }

    private static void strings(ArrayNode a, List<String> values) {
        for (String v : values) a.add(v);
    }

    private static void session(ObjectNode o, SessionConfig s) {
        if (s.instructions() != null) o.put("instructions", s.instructions());
        if (s.voice() != null) o.put("voice", s.voice());
        if (s.turnDetection() != null) {
            TurnDetection t = s.turnDetection();
            if (t.isManual()) o.putNull("turn_detection");
            else {
                ObjectNode td = o.putObject("turn_detection").put("type", t.type());
                if (t.threshold() != null) td.put("threshold", t.threshold());
                if (t.silenceDurationMs() != null) td.put("silence_duration_ms", t.silenceDurationMs());
                if (t.prefixPaddingMs() != null) td.put("prefix_padding_ms", t.prefixPaddingMs());
            }
        }
        if (s.inputFormat() != null || s.outputFormat() != null || s.transcriptionModel() != null) {
            ObjectNode audio = o.putObject("audio");
            if (s.inputFormat() != null || s.transcriptionModel() != null) {
                ObjectNode in = audio.putObject("input");
                if (s.inputFormat() != null) format(in.putObject("format"), s.inputFormat());
                if (s.transcriptionModel() != null) in.putObject("transcription").put("model", s.transcriptionModel());
            }
            if (s.outputFormat() != null) format(audio.putObject("output").putObject("format"), s.outputFormat());
        }
        if (s.modalities() != null) strings(o.putArray("modalities"), s.modalities());
        if (s.tools() != null) {
            ArrayNode tools = o.putArray("tools");
            for (Tool t : s.tools()) {
                switch (t) {
                    case Tool.Function f -> {
                        ObjectNode fo = tools.addObject().put("type", "function").put("name", f.name());
                        if (f.description() != null) fo.put("description", f.description());
                        fo.set("parameters", f.parametersJson() == null ? Json.object().put("type", "object")
                                : Json.parse(f.parametersJson()));
                    }
                    case Tool.Raw r -> tools.add(Json.parse(r.json()));
                }
            }
        }
        if (s.temperature() != null) o.put("temperature", s.temperature());
    }

    private static void format(ObjectNode o, RealtimeAudioFormat f) {
        o.put("type", f.type());
        if (f.rate() != null) o.put("rate", f.rate());
    }

    private static void item(ObjectNode o, NewItem item) {
        switch (item) {
            case NewItem.Message m -> {
                o.put("type", "message").put("role", m.role());
                ArrayNode content = o.putArray("content");
                for (NewItem.ContentPart p : m.content()) {
                    switch (p) {
                        case NewItem.ContentPart.InputText t -> content.addObject().put("type", "input_text").put("text", t.text());
                        case NewItem.ContentPart.InputAudio a -> content.addObject().put("type", "input_audio")
                                .put("audio", B64E.encodeToString(a.audio()));
                        case NewItem.ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                    }
                }
            }
            case NewItem.FunctionCall f -> o.put("type", "function_call").put("call_id", f.callId()).put("name", f.name())
                    .put("arguments", f.arguments());
            case NewItem.FunctionCallOutput f -> o.put("type", "function_call_output").put("call_id", f.callId())
                    .put("output", f.output());
            case NewItem.ForceMessage f -> {
                o.put("type", "force_message").put("role", "assistant").put("interruptible", f.interruptible());
                o.putArray("content").addObject().put("type", "output_text").put("text", f.text());
            }
        }
    }
}
