package dev.parley.server.realtime.internal;

import dev.parley.engines.llm.ToolChoice;
import dev.parley.engines.llm.ToolSpec;
import dev.parley.server.net.OutboundException;
import dev.parley.server.net.OutboundRequest;
import dev.parley.server.net.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The effective session configuration (spec §4.2): what {@code session.update} writes and
 * {@code session.created}/{@code session.updated} echo. {@link #apply} is a lenient partial update that accepts both
 * the xAI shape (top-level {@code voice}, {@code turn_detection}) and the OpenAI GA shape
 * ({@code audio.output.voice}, {@code audio.input.turn_detection}), beta format strings, and ignores unknown fields.
 * Not thread-safe: owned by the session under its lock.
 */
public final class SessionSettings {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One {@code mcp} tool (spec §4.6).
     *
     * @param allowedTools the tool names the model may use; null for all
     * @param authorization a bearer token, or null; never echoed back
     */
    public record McpServer(String label, String url, String description, List<String> allowedTools,
            String authorization, Map<String, String> headers) {
        public McpServer {
            allowedTools = allowedTools == null ? null : List.copyOf(allowedTools);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /**
     * What {@code session.update} (and {@code response.create}) may ask for on this server.
     *
     * @param voiceExists     which voice ids are accepted (lowercased first)
     * @param maxOutputTokens the largest {@code max_output_tokens}: what the language model can produce in one answer
     *                        ({@code ChatModel.maxOutputTokens()})
     * @param maxTextChars    the longest {@code instructions}, and the longest text of one conversation item
     *                        ({@code realtime.max_item_text_chars})
     */
    public record Limits(Predicate<String> voiceExists, int maxOutputTokens, int maxTextChars) {
        public Limits {
            java.util.Objects.requireNonNull(voiceExists, "voiceExists");
            if (maxOutputTokens < 1 || maxTextChars < 1) throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** {@code temperature}: the sampling range every backend accepts (OpenAI's chat range; INFERRED, spec §4.2). */
    public static final double MIN_TEMPERATURE = 0.0, MAX_TEMPERATURE = 2.0;
    /** {@code turn_detection.idle_timeout_ms}: at most the longest session (120 minutes, spec §4.8). */
    public static final int MAX_IDLE_TIMEOUT_MS = 120 * 60 * 1000;
    /** {@code audio.*.transport} values (spec §4.9); binary output audio is not offered by this server. */
    public static final String TRANSPORT_JSON = "json", TRANSPORT_BINARY = "binary";

    /** Turn detection; {@code serverVad == false} is manual mode ({@code {"type": null}}). */
    public record TurnDetection(boolean serverVad, float threshold, int silenceDurationMs, int prefixPaddingMs,
            boolean createResponse, boolean interruptResponse, Integer idleTimeoutMs) {
        public static final TurnDetection MANUAL = new TurnDetection(false, 0.85f, 500, 333, true, true, null);
        /** server_vad with the documented defaults: threshold 0.85, prefix 333 ms, silence 500 ms (CONFLICT #18). */
        public static final TurnDetection SERVER_VAD = new TurnDetection(true, 0.85f, 500, 333, true, true, null);
    }

    public final String id;
    public String model;
    public String instructions = "";
    public String voice;
    public List<String> modalities = List.of("audio");
    public TurnDetection turnDetection;
    public AudioFormat inputFormat = AudioFormat.DEFAULT;
    public AudioFormat outputFormat = AudioFormat.DEFAULT;
    /** {@code audio.input.transport}: whether binary frames carry input audio (spec §4.9). */
    public String inputTransport = TRANSPORT_JSON;
    public List<ToolSpec> tools = List.of();
    /** Remote MCP servers ({@code type: "mcp"} tools), in the order given. */
    public List<McpServer> mcpServers = List.of();
    public ArrayNode toolsJson = JSON.createArrayNode();
    public ToolChoice toolChoice = ToolChoice.AUTO;
    public float speed = 1.0f;
    public JsonNode transcription; // echoed as given
    public Integer maxOutputTokens;
    public Double temperature;
    public String reasoningEffort = "high";

    public SessionSettings(String id, String model, String voice, boolean serverVad) {
        this.id = id;
        this.model = model;
        this.voice = voice;
        this.turnDetection = serverVad ? TurnDetection.SERVER_VAD : TurnDetection.MANUAL;
    }

    private SessionSettings(SessionSettings o) {
        id = o.id;
        model = o.model;
        instructions = o.instructions;
        voice = o.voice;
        modalities = o.modalities;
        turnDetection = o.turnDetection;
        inputFormat = o.inputFormat;
        outputFormat = o.outputFormat;
        inputTransport = o.inputTransport;
        tools = o.tools;
        mcpServers = o.mcpServers;
        toolsJson = o.toolsJson;
        toolChoice = o.toolChoice;
        speed = o.speed;
        transcription = o.transcription;
        maxOutputTokens = o.maxOutputTokens;
        temperature = o.temperature;
        reasoningEffort = o.reasoningEffort;
    }

    /**
     * A copy with {@code session} (the {@code session} object of a {@code session.update}) applied. This instance is
     * unchanged, so a failed update keeps the previous configuration.
     *
     * @param limits what this server accepts
     * @throws RealtimeError for an invalid value (the first one found), naming it in {@code param}
     */
    public SessionSettings apply(JsonNode s, Limits limits) {
        if (s == null || !s.isObject()) {
            throw RealtimeError.invalid("invalid_value", "session must be an object", "session");
        }
        SessionSettings n = new SessionSettings(this);
        JsonNode audio = obj(s.get("audio"));
        JsonNode in = audio == null ? null : obj(audio.get("input"));
        JsonNode out = audio == null ? null : obj(audio.get("output"));

        if (s.has("instructions")) {
            String ins = JsonFields.optString(s.get("instructions"), "session.instructions", limits.maxTextChars());
            n.instructions = ins == null ? "" : ins;
        }
        JsonNode voice = s.has("voice") ? s.get("voice") : out != null ? out.get("voice") : null;
        if (voice != null && !voice.isNull()) {
            String param = s.has("voice") ? "session.voice" : "session.audio.output.voice";
            // OpenAI GA lets voice be an object {id}; accept it
            String v = voice.isObject() ? str(voice, "id") : voice.isString() ? voice.stringValue() : null;
            if (v == null || v.isBlank()) throw RealtimeError.invalid("invalid_value", "voice must be a string", param);
            v = v.toLowerCase(Locale.ROOT);
            if (!limits.voiceExists().test(v)) {
                throw RealtimeError.invalid("invalid_value", "Unknown voice: " + JsonFields.quote(v), param);
            }
            n.voice = v;
        }
        if (s.has("modalities") && !s.get("modalities").isNull()) n.modalities = modalities(s.get("modalities"), "session.modalities");

        boolean tdTop = s.has("turn_detection");
        boolean tdIn = in != null && in.has("turn_detection");
        if (tdTop || tdIn) {
            JsonNode td = tdTop ? s.get("turn_detection") : in.get("turn_detection");
            n.turnDetection = turnDetection(td, turnDetection, tdTop ? "session.turn_detection" : "session.audio.input.turn_detection");
        }

        if (in != null && in.has("format")) n.inputFormat = format(in.get("format"), "session.audio.input.format");
        else if (s.has("input_audio_format")) n.inputFormat = beta(s.get("input_audio_format"), "session.input_audio_format");
        if (out != null && out.has("format")) n.outputFormat = format(out.get("format"), "session.audio.output.format");
        else if (s.has("output_audio_format")) n.outputFormat = beta(s.get("output_audio_format"), "session.output_audio_format");
        Double speed = out == null ? null : JsonFields.optNumber(out.get("speed"), "session.audio.output.speed", 0.7, 1.5);
        if (speed != null) n.speed = speed.floatValue();
        if (in != null && in.has("transport")) n.inputTransport = transport(in.get("transport"), "session.audio.input.transport");
        if (out != null && out.has("transport") && TRANSPORT_BINARY.equals(transport(out.get("transport"),
                "session.audio.output.transport"))) {
            throw RealtimeError.invalid("invalid_value", "Binary output audio is not available on this server: output "
                    + "audio is sent as response.output_audio.delta events (transport \"json\")",
                    "session.audio.output.transport");
        }
        if (in != null && in.has("transcription")) n.transcription = in.get("transcription");
        else if (s.has("input_audio_transcription")) n.transcription = s.get("input_audio_transcription");

        if (s.has("tools")) tools(s.get("tools"), n);
        if (s.has("tool_choice")) n.toolChoice = toolChoice(s.get("tool_choice"), n.toolChoice);
        if (s.has("max_output_tokens") || s.has("max_response_output_tokens")) {
            n.maxOutputTokens = maxOutputTokens(s, "session.", limits);
        }
        if (s.has("temperature")) n.temperature = temperature(s.get("temperature"), "session.temperature");
        JsonNode reasoning = s.get("reasoning");
        if (reasoning != null && !reasoning.isNull()) {
            if (!reasoning.isObject()) throw RealtimeError.invalid("invalid_value", "reasoning must be an object", "session.reasoning");
            JsonNode effort = reasoning.get("effort");
            if (effort != null && !effort.isNull()) {
                if (!effort.isString() || !(effort.stringValue().equals("high") || effort.stringValue().equals("none"))) {
                    throw RealtimeError.invalid("invalid_value", "reasoning.effort must be \"high\" or \"none\"",
                            "session.reasoning.effort");
                }
                n.reasoningEffort = effort.stringValue();
            }
        }
        // accepted and ignored (spec §4.2): type, model, output_modalities, noise_reduction, include, tracing,
        // truncation, replace, resumption, and any unknown field
        return n;
    }

    /**
     * {@code max_output_tokens} (or OpenAI's {@code max_response_output_tokens}) of {@code o}: an integer from 1 to
     * what the model can produce, or {@code "inf"}/null for the server's default (null).
     *
     * @param prefix the param path of {@code o}, e.g. {@code "session."}
     */
    public static Integer maxOutputTokens(JsonNode o, String prefix, Limits limits) {
        String field = o.has("max_output_tokens") ? "max_output_tokens" : "max_response_output_tokens";
        JsonNode v = o.get(field);
        if (v != null && v.isString() && v.stringValue().equals("inf")) return null;
        if (v != null && !v.isNull() && !v.isNumber()) {
            throw RealtimeError.invalid("invalid_value", field + " must be an integer from 1 to "
                    + limits.maxOutputTokens() + ", or \"inf\"", prefix + field);
        }
        return JsonFields.optInt(v, prefix + field, 1, limits.maxOutputTokens());
    }

    /** {@code temperature}: a number from {@value #MIN_TEMPERATURE} to {@value #MAX_TEMPERATURE}, or null. */
    public static Double temperature(JsonNode v, String param) {
        return JsonFields.optNumber(v, param, MIN_TEMPERATURE, MAX_TEMPERATURE);
    }

    private static String transport(JsonNode v, String param) {
        if (v == null || v.isNull()) return TRANSPORT_JSON;
        if (!v.isString() || !(v.stringValue().equals(TRANSPORT_JSON) || v.stringValue().equals(TRANSPORT_BINARY))) {
            throw RealtimeError.invalid("invalid_value", "transport must be \"json\" or \"binary\"", param);
        }
        return v.stringValue();
    }

    private static TurnDetection turnDetection(JsonNode td, TurnDetection current, String param) {
        if (td == null || td.isNull()) return TurnDetection.MANUAL;
        if (!td.isObject()) throw RealtimeError.invalid("invalid_value", "turn_detection must be an object or null", param);
        JsonNode type = td.get("type");
        if (type == null || type.isNull()) return TurnDetection.MANUAL;
        String t = type.isString() ? type.stringValue() : "";
        if (!t.equals("server_vad") && !t.equals("semantic_vad")) {
            throw RealtimeError.invalid("invalid_value", "turn_detection.type must be \"server_vad\" or null", param + ".type");
        }
        TurnDetection base = current.serverVad() ? current : TurnDetection.SERVER_VAD;
        Double threshold = JsonFields.optNumber(td.get("threshold"), param + ".threshold", 0.0, 1.0);
        Integer silence = JsonFields.optInt(td.get("silence_duration_ms"), param + ".silence_duration_ms", 0, 10000);
        Integer prefix = JsonFields.optInt(td.get("prefix_padding_ms"), param + ".prefix_padding_ms", 0, 10000);
        Boolean create = JsonFields.optBoolean(td.get("create_response"), param + ".create_response");
        Boolean interrupt = JsonFields.optBoolean(td.get("interrupt_response"), param + ".interrupt_response");
        Integer idle = td.has("idle_timeout_ms")
                ? JsonFields.optInt(td.get("idle_timeout_ms"), param + ".idle_timeout_ms", 1, MAX_IDLE_TIMEOUT_MS)
                : base.idleTimeoutMs();
        return new TurnDetection(true, threshold != null ? threshold.floatValue() : base.threshold(),
                silence != null ? silence : base.silenceDurationMs(), prefix != null ? prefix : base.prefixPaddingMs(),
                create != null ? create : base.createResponse(), interrupt != null ? interrupt : base.interruptResponse(),
                idle);
    }

    /**
     * {@code tool_choice}: {@code "auto"}, {@code "none"}, {@code "required"}, or a named function
     * ({@code {"type": "function", "name": ...}}, accepted and kept as {@code current}: the model chooses among the
     * tools); null keeps {@code current}.
     */
    private static ToolChoice toolChoice(JsonNode tc, ToolChoice current) {
        if (tc.isNull()) return current;
        if (tc.isObject()) {
            JsonNode name = tc.get("name");
            if (name == null || !name.isString() || name.stringValue().isEmpty()) {
                throw RealtimeError.invalid("invalid_value", "tool_choice names a function with \"name\"",
                        "session.tool_choice.name");
            }
            return current;
        }
        return switch (tc.isString() ? tc.stringValue() : "") {
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            case "auto" -> ToolChoice.AUTO;
            default -> throw RealtimeError.invalid("invalid_value", "tool_choice must be \"auto\", \"none\", "
                    + "\"required\" or a function", "session.tool_choice");
        };
    }

    private static AudioFormat format(JsonNode f, String param) {
        if (f == null || f.isNull()) return AudioFormat.DEFAULT;
        if (f.isString()) return beta(f, param);
        if (!f.isObject()) throw RealtimeError.invalid("invalid_audio_format", "format must be an object", param);
        Integer r = JsonFields.optInt(f.get("rate"), param + ".rate", 1, Integer.MAX_VALUE, "invalid_audio_format");
        JsonNode type = f.get("type");
        if (type != null && !type.isNull() && !type.isString()) {
            throw RealtimeError.invalid("invalid_audio_format", "format.type must be a string", param + ".type");
        }
        return AudioFormat.parse(str(f, "type"), r, param);
    }

    private static AudioFormat beta(JsonNode f, String param) {
        if (!f.isString()) throw RealtimeError.invalid("invalid_audio_format", "format must be a string", param);
        return AudioFormat.parse(f.stringValue(), null, param);
    }

    static List<String> modalities(JsonNode m, String param) {
        if (!m.isArray() || m.isEmpty()) {
            throw RealtimeError.invalid("invalid_value", "modalities must be a non-empty array of \"text\" and \"audio\"", param);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : m) {
            String v = e.isString() ? e.stringValue() : "";
            if (!v.equals("text") && !v.equals("audio")) {
                throw RealtimeError.invalid("invalid_value", "modalities may contain only \"text\" and \"audio\"", param);
            }
            if (!out.contains(v)) out.add(v);
        }
        return List.copyOf(out);
    }

    private static void tools(JsonNode t, SessionSettings n) {
        if (t == null || t.isNull()) {
            n.tools = List.of();
            n.mcpServers = List.of();
            n.toolsJson = JSON.createArrayNode();
            return;
        }
        if (!t.isArray()) throw RealtimeError.invalid("invalid_value", "tools must be an array", "session.tools");
        List<ToolSpec> specs = new ArrayList<>();
        List<McpServer> servers = new ArrayList<>();
        ArrayNode echo = JSON.createArrayNode();
        int i = 0;
        for (JsonNode tool : t) {
            String param = "session.tools[" + i++ + "]";
            if (!tool.isObject()) throw RealtimeError.invalid("invalid_value", "a tool must be an object", param);
            String type = str(tool, "type");
            if (type == null) type = "function";
            if (type.equals("mcp")) {
                McpServer server = mcp(tool, param);
                for (McpServer other : servers) {
                    if (other.label().equals(server.label())) {
                        throw RealtimeError.invalid("invalid_value", "Duplicate MCP server_label: " + server.label(),
                                param + ".server_label");
                    }
                }
                servers.add(server);
                ObjectNode e = echo.addObject().put("type", "mcp").put("server_label", server.label())
                        .put("server_url", server.url());
                if (server.description() != null) e.put("server_description", server.description());
                if (server.allowedTools() != null) {
                    ArrayNode a = e.putArray("allowed_tools");
                    server.allowedTools().forEach(a::add);
                }
                continue;
            }
            if (!type.equals("function")) {
                throw RealtimeError.invalid("invalid_value", "Tool type \"" + type
                        + "\" is not available on this server; only \"function\" tools are supported", param + ".type");
            }
            JsonNode fn = obj(tool.get("function")) != null ? tool.get("function") : tool; // nested (CONFLICT #5) or flat
            String name = str(fn, "name");
            if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
                throw RealtimeError.invalid("invalid_value", "function tools need a name of 1-64 letters, digits, _ or -",
                        param + ".name");
            }
            String description = str(fn, "description");
            JsonNode params = fn.get("parameters");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw RealtimeError.invalid("invalid_value", "parameters must be a JSON Schema object", param + ".parameters");
            }
            specs.add(new ToolSpec(name, description, params == null || params.isNull() ? null : params.toString()));
            ObjectNode flat = echo.addObject().put("type", "function").put("name", name);
            flat.put("description", description == null ? "" : description);
            if (params != null && !params.isNull()) flat.set("parameters", params);
            else flat.putObject("parameters").put("type", "object");
        }
        n.tools = List.copyOf(specs);
        n.mcpServers = List.copyOf(servers);
        n.toolsJson = echo;
    }

    private static McpServer mcp(JsonNode tool, String param) {
        String label = str(tool, "server_label");
        if (label == null || label.isBlank()) {
            throw RealtimeError.invalid("missing_required_parameter", "mcp tools need a server_label", param + ".server_label");
        }
        if (!label.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw RealtimeError.invalid("invalid_value",
                    "server_label must be 1-64 letters, digits, _ or - (no dots)", param + ".server_label");
        }
        String url = str(tool, "server_url");
        if (url == null || url.isBlank()) {
            throw RealtimeError.invalid("missing_required_parameter", "mcp tools need a server_url", param + ".server_url");
        }
        try {
            // the syntax only (scheme, a DNS name or canonical IP literal): where it leads is checked when listing
            Target.of(new java.net.URI(url));
        } catch (java.net.URISyntaxException e) {
            throw RealtimeError.invalid("invalid_value", "server_url must be an http or https URL", param + ".server_url");
        } catch (OutboundException e) {
            throw RealtimeError.invalid("invalid_value", "server_url must be an http or https URL: " + e.getMessage(),
                    param + ".server_url");
        }
        List<String> allowed = null;
        JsonNode at = tool.get("allowed_tools");
        if (at != null && !at.isNull()) {
            JsonNode names = at.isObject() ? at.get("tool_names") : at; // OpenAI also accepts {tool_names:[...]}
            if (names == null || !names.isArray()) {
                throw RealtimeError.invalid("invalid_value", "allowed_tools must be an array of tool names", param + ".allowed_tools");
            }
            allowed = new ArrayList<>();
            for (JsonNode name : names) {
                if (!name.isString()) {
                    throw RealtimeError.invalid("invalid_value", "allowed_tools must be an array of tool names", param + ".allowed_tools");
                }
                allowed.add(name.stringValue());
            }
        }
        JsonNode auth = tool.get("authorization");
        if (auth != null && !auth.isNull() && (!auth.isString() || !OutboundRequest.isFieldValue(auth.stringValue()))) {
            throw RealtimeError.invalid("invalid_value", "authorization must be a string without control characters",
                    param + ".authorization");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = tool.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) throw RealtimeError.invalid("invalid_value", "headers must be an object of strings", param + ".headers");
            for (var e : h.properties()) {
                if (!e.getValue().isString() || !OutboundRequest.isFieldName(e.getKey())
                        || !OutboundRequest.isFieldValue(e.getValue().stringValue())) {
                    throw RealtimeError.invalid("invalid_value", "headers must be an object of strings without control"
                            + " characters, named by HTTP tokens", param + ".headers");
                }
                headers.put(e.getKey(), e.getValue().stringValue());
            }
        }
        return new McpServer(label, url, str(tool, "server_description"), allowed,
                auth == null || auth.isNull() ? null : auth.stringValue(), headers);
    }

    /** The session object for {@code session.created}/{@code session.updated}. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id).put("object", "realtime.session").put("model", model).put("instructions", instructions)
                .put("voice", voice);
        ArrayNode m = o.putArray("modalities");
        modalities.forEach(m::add);
        o.set("turn_detection", turnDetectionJson());
        o.set("tools", toolsJson.deepCopy());
        o.put("tool_choice", toolChoice.wire());
        ObjectNode audio = o.putObject("audio");
        ObjectNode in = audio.putObject("input");
        in.putObject("format").put("type", inputFormat.type()).put("rate", inputFormat.rate());
        in.put("transport", inputTransport);
        if (transcription != null) in.set("transcription", transcription);
        ObjectNode out = audio.putObject("output");
        out.putObject("format").put("type", outputFormat.type()).put("rate", outputFormat.rate());
        out.put("transport", TRANSPORT_JSON);
        out.put("voice", voice).put("speed", speed);
        o.putObject("reasoning").put("effort", reasoningEffort);
        if (temperature != null) o.put("temperature", temperature);
        if (maxOutputTokens != null) o.put("max_output_tokens", maxOutputTokens);
        else o.put("max_output_tokens", "inf");
        return o;
    }

    private ObjectNode turnDetectionJson() {
        ObjectNode td = JSON.createObjectNode();
        if (!turnDetection.serverVad()) {
            td.putNull("type");
            return td;
        }
        td.put("type", "server_vad").put("threshold", turnDetection.threshold())
                .put("prefix_padding_ms", turnDetection.prefixPaddingMs())
                .put("silence_duration_ms", turnDetection.silenceDurationMs())
                .put("create_response", turnDetection.createResponse())
                .put("interrupt_response", turnDetection.interruptResponse());
        if (turnDetection.idleTimeoutMs() == null) td.putNull("idle_timeout_ms");
        else td.put("idle_timeout_ms", turnDetection.idleTimeoutMs());
        return td;
    }

    static JsonNode obj(JsonNode n) {
        return n != null && n.isObject() ? n : null;
    }

    static String str(JsonNode n, String field) {
        if (n == null) return null;
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
