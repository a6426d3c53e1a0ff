package dev.parley.server.realtime;

import dev.parley.audio.WireFormat;
import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.FinishReason;
import dev.parley.engines.llm.Usage;
import dev.parley.engines.text.IncrementalText;
import dev.parley.engines.tts.Utterance;
import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.SessionSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one response: created on the reading thread by {@link ResponseRunner#create}, run on the session's
 * worker.
 *
 * <h2>Threading</h2>
 * {@link #cancel} may be called from any thread (the reading thread cancels under the session lock, {@code close}
 * outside it); {@link #cancelled}, {@link #cancelReason}, {@link #handle} and {@link #overflowed} are volatile for that,
 * and {@link #events} is thread-safe. Every other mutable field is written only by the worker that runs the response:
 * under the session lock where events are built from it ({@link #output}, {@link #message}, {@link #calls}, the
 * items), without it for the speech ({@link #text}, {@link #speech}, {@link #segments}).
 *
 * <h2>Bound (overflow action)</h2>
 * At most {@value #MAX_EVENTS} LLM events wait in {@link #events}; beyond that the generation is cancelled and the
 * response ends {@code incomplete} ({@link #overflowed}).
 */
final class Response {
    /** LLM events of one response waiting at most. */
    static final int MAX_EVENTS = 8192;
    /** Text of the answer without a sentence or clause end is spoken once this much of it waits. */
    static final int MAX_CLAUSE_CHARS = 250;
    /** A comma ends a clause of the answer only after this many characters (short comma clauses sound choppy). */
    static final int CLAUSE_MIN_CHARS = 40;

    final String id = ServerEvents.newId("resp");
    final List<String> modalities;
    final String instructions;
    final JsonNode metadata;
    /** This response's sampling temperature and answer limit ({@code response.create}), or null for the session's. */
    final Double temperature;
    final Integer maxOutputTokens;
    /** The answer to speak verbatim instead of asking the model ({@code force_message}), or null. */
    final String fixedText;
    /** The client event that asked for it ({@code response.create}, {@code force_message}), or null (server VAD). */
    final String eventId;
    final String voice;
    final float speed;
    final WireFormat outFormat;
    final BlockingQueue<ChatEvent> events = new ArrayBlockingQueue<>(MAX_EVENTS);
    final List<Item> output = new ArrayList<>();
    /** The answer's text as the model writes it, handed to speech a sentence or clause at a time. */
    final IncrementalText text = new IncrementalText(MAX_CLAUSE_CHARS, CLAUSE_MIN_CHARS);
    /** The answer's speech (opened on its first words): one utterance, its chunks sent as each is synthesised. */
    Utterance speech;
    /** The source text of each segment of {@link #speech}, by segment index. */
    final Map<Integer, String> segments = new HashMap<>();
    /** The segment being spoken (its transcript sent), or -1; and the message's audio ms at its start. */
    int segment = -1;
    double segmentStartMs;
    volatile boolean cancelled;
    volatile String cancelReason;
    volatile ChatHandle handle;
    volatile boolean overflowed;
    /** The assistant message of the current model turn, or null before its first words. */
    Item message;
    int messageIndex;
    /** Tool calls of the current model turn by the model's call index. */
    final Map<Integer, Item> calls = new HashMap<>();
    /** Tools offered to the model that belong to an MCP server: function name -> server. Set per model turn. */
    Map<String, McpServers.Server> mcpRoutes = Map.of();
    /** MCP calls of the current model turn whose arguments are complete, in order. */
    final List<Item> pendingMcp = new ArrayList<>();
    /** True once the model called a client (function) tool: the response then ends for the client round trip. */
    boolean clientCalls;

    /**
     * @param settings the session's settings now (voice, speed, output format and default modalities are fixed here)
     * @param params the client's parameters
     * @param eventId the client event that asked for it, or null
     */
    Response(SessionSettings settings, ClientEvent.ResponseCreate.Params params, String fixedText, String eventId) {
        this.modalities = params.modalities() != null ? params.modalities() : settings.modalities;
        this.instructions = params.instructions();
        this.metadata = params.metadata();
        this.temperature = params.temperature();
        this.maxOutputTokens = params.maxOutputTokens();
        this.fixedText = fixedText;
        this.eventId = eventId;
        this.voice = settings.voice;
        this.speed = settings.speed;
        this.outFormat = settings.outputFormat.wire();
    }

    boolean audio() {
        return modalities.contains("audio");
    }

    /** Stops the response; callable from any thread. The worker emits the final events. */
    void cancel(String reason) {
        if (cancelled) return;
        cancelReason = reason;
        cancelled = true;
        ChatHandle h = handle;
        if (h != null) h.cancel();
        events.offer(new ChatEvent.Done(FinishReason.CANCELLED, Usage.NONE)); // wakes the worker
    }

    /** The {@code response} object of {@code response.created} and {@code response.done}. Under the session lock. */
    ObjectNode toJson(String status, ObjectNode details) {
        ObjectNode o = ServerEvents.object();
        o.put("id", id).put("object", "realtime.response").put("status", status);
        if (details != null) o.set("status_details", details);
        else o.putNull("status_details");
        ArrayNode out = o.putArray("output");
        for (Item it : output) out.add(it.toJson());
        ArrayNode m = o.putArray("modalities");
        modalities.forEach(m::add);
        if (metadata != null) o.set("metadata", metadata);
        else o.putNull("metadata");
        return o;
    }
}
