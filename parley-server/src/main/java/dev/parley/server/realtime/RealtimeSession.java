package dev.parley.server.realtime;

import dev.parley.audio.WireDecoder;
import dev.parley.audio.WireEncoder;
import dev.parley.audio.WireFormat;
import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.ChatMessage;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.engines.llm.FinishReason;
import dev.parley.engines.llm.Usage;
import dev.parley.server.realtime.internal.Conversation;
import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SampleBuffer;
import dev.parley.server.realtime.internal.SessionSettings;
import dev.parley.server.realtime.internal.TurnDetector;
import dev.parley.server.realtime.mcp.McpClient;
import dev.parley.server.realtime.mcp.McpException;
import dev.parley.server.realtime.mcp.McpTool;
import dev.parley.engines.llm.ToolSpec;
import dev.parley.engines.text.ChunkPolicy;
import dev.parley.engines.text.IncrementalText;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.Utterance;
import dev.parley.engines.vad.Vad;
import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.SessionSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code /v1/realtime} voice-agent session (spec §4), a {@link ProtocolSession} free of any transport: it
 * consumes client events (JSON text and binary audio frames) and emits server events through a {@link SessionSink}.
 *
 * <h2>Lifecycle</h2>
 * <pre>{@code
 * RealtimeSession s = new RealtimeSession(config, engines);
 * s.start(sink);          // emits session.created, then conversation.created
 * s.onText(frame);        // for every text frame, in order
 * s.onBinary(bytes);      // for every binary frame (raw input audio in the session's input format)
 * s.close(reason);        // on disconnect: cancels the response in progress, stops the worker
 * }</pre>
 * Events passed to {@code onText} before {@code start()} are kept (at most {@value #MAX_EARLY_EVENTS}) and processed
 * right after the greeting events.
 *
 * <h2>Threading</h2>
 * One session = one reading thread (the transport's, e.g. a virtual thread) that calls {@link #onText} /
 * {@link #onBinary} one at a time, plus one worker virtual thread owned by the session that runs the response
 * pipeline (transcription, LLM, clause-by-clause TTS). Both mutate state and emit events only while holding the
 * session's {@link ReentrantLock}, so the sink is never called concurrently and events leave in state order. Engine
 * calls (STT, LLM, TTS) run outside the lock; VAD runs inline on the reading thread. {@link #close()} may be called
 * from any thread.
 *
 * <h2>Bounds (overflow actions)</h2>
 * <ul>
 *   <li>One append carries at most {@link RealtimeConfig#maxAppendBytes()} of decoded audio (default 15 MiB): a larger
 *       one is refused with {@code input_audio_buffer_append_too_large}. A text frame over {@value ClientEvent#MAX_EVENT_CHARS}
 *       characters is refused unparsed with {@code event_too_large}.</li>
 *   <li>Uncommitted input audio is bounded by {@link RealtimeConfig#maxBufferedSeconds()}: an append beyond it is
 *       refused with {@code input_audio_buffer_full} (the buffered audio is kept).</li>
 *   <li>Worker jobs (transcriptions, responses): at most {@value #MAX_JOBS} waiting; beyond that the request is
 *       refused with {@code server_busy}.</li>
 *   <li>LLM events of one response: at most {@value #MAX_RESPONSE_EVENTS} waiting; beyond that the generation is
 *       cancelled and the response ends {@code incomplete}.</li>
 *   <li>Conversation: {@link Conversation#MAX_ITEMS} items, oldest dropped.</li>
 * </ul>
 */
public final class RealtimeSession implements ProtocolSession, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSession.class);
    static final int MAX_EARLY_EVENTS = 256;
    static final int MAX_JOBS = 64;
    static final int MAX_RESPONSE_EVENTS = 8192;
    /** Shortest audio a manual commit accepts (OpenAI: 100 ms). */
    static final int MIN_COMMIT_MS = 100;
    /** Text of the answer without a sentence or clause end is spoken once this much of it waits. */
    static final int MAX_CLAUSE_CHARS = 250;
    /** A comma ends a clause of the answer only after this many characters (short comma clauses sound choppy). */
    static final int CLAUSE_MIN_CHARS = 40;
    /** Audio deltas carry at most this much audio each. */
    static final int AUDIO_DELTA_MS = 100;
    private static final int RATE = 16000;
    /** The most model turns one response runs for server-side (MCP) tool calls before it ends. */
    static final int MAX_MCP_ROUNDS = 8;
    /** The most time one MCP request (list or call) may take. */
    static final Duration MCP_TIMEOUT = Duration.ofSeconds(30);

    private final RealtimeConfig config;
    private final RealtimeEngines engines;
    private ScheduledFuture<?> limitCheck;
    private final long createdNanos = System.nanoTime();
    private volatile long lastClientFrameNanos = createdNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ServerEvents events = new ServerEvents(lock);
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(MAX_JOBS);
    private final Conversation conversation = new Conversation();
    private final String conversationId;
    private final Thread worker;

    // all below guarded by lock
    private SessionSettings settings;
    private boolean started;
    private boolean closed;
    private int earlyDropped;
    private Response active;
    /** A response created while the cancelled {@link #active} one still finishes: announced after its response.done. */
    private Response announceAfterActive;
    private final SampleBuffer input;
    private long bufferStartSample; // input-stream index of input[0]
    private long streamSamples;     // input-stream samples received (16 kHz)
    private WireDecoder inDecoder; // the input format's decoder to 16 kHz, carrying an odd byte to the next append
    private Vad.Stream vad;
    private float[] vadFrame;
    private int vadFill;
    private TurnDetector turns;
    private SessionSettings.TurnDetection turnsFor;
    private String speechItemId;
    /** Remote MCP servers by label (spec §4.6 {@code mcp}). */
    private final java.util.Map<String, McpServerState> mcpServers = new java.util.LinkedHashMap<>();

    /** One configured MCP server: its client and, once listed, the tools offered to the model. */
    private static final class McpServerState {
        final SessionSettings.McpServer config;
        final McpClient client;
        List<McpTool> tools; // null until listed; guarded by the session lock

        McpServerState(SessionSettings.McpServer config) {
            this.config = config;
            this.client = new McpClient(java.net.URI.create(config.url()), config.authorization(), config.headers(), MCP_TIMEOUT);
        }
    }

    /**
     * @param config server-side settings
     * @param engines the pipeline; the session opens its own VAD stream on first use
     */
    public RealtimeSession(RealtimeConfig config, RealtimeEngines engines) {
        this.config = Objects.requireNonNull(config, "config");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.settings = new SessionSettings(ServerEvents.newId("sess"), config.model(), config.defaultVoice(), config.serverVadAtConnect());
        this.conversationId = ServerEvents.newId("conv");
        this.input = new SampleBuffer(config.maxBufferedSeconds() * RATE);
        this.worker = Thread.ofVirtual().name("realtime-" + settings.id).unstarted(this::workLoop);
    }

    /** The session id ({@code session.id}). */
    public String id() {
        return settings.id;
    }

    /**
     * Sends {@code session.created} and {@code conversation.created}, then processes events received before; starts
     * the session limits ({@link RealtimeConfig#inactivity()}, {@link RealtimeConfig#maxDuration()}).
     */
    @Override
    public void start(SessionSink out) {
        lock.lock();
        try {
            if (started || closed) return;
            events.attach(Objects.requireNonNull(out, "sink"));
            started = true;
            engines.meters().sessions().incrementAndGet();
            worker.start();
            long period = Math.max(50, Math.min(1000, config.inactivity().toMillis() / 4));
            limitCheck = LIMITS.scheduleAtFixedRate(this::checkLimits, period, period, TimeUnit.MILLISECONDS);
            ObjectNode created = events.event("session.created");
            created.set("session", settings.toJson());
            events.emit(created);
            ObjectNode conv = events.event("conversation.created");
            conv.putObject("conversation").put("id", conversationId).put("object", "realtime.conversation");
            events.emit(conv);
            while (!early.isEmpty()) {
                Object e = early.poll();
                if (e instanceof String s) handleText(s);
                else handleAudio((byte[]) e, null);
            }
            if (earlyDropped > 0) {
                events.error(RealtimeError.invalid("too_many_events", earlyDropped
                        + " events received before the session started were dropped", null), null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Handles one client text frame (one JSON event). Never throws for bad input: it answers with an error event. */
    @Override
    public void onText(String json) {
        lastClientFrameNanos = System.nanoTime();
        lock.lock();
        try {
            if (closed) return;
            if (!started) {
                if (early.size() < MAX_EARLY_EVENTS) early.add(json);
                else earlyDropped++;
                return;
            }
            handleText(json);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles one binary frame: raw input audio in the session's input format (spec §4.9, "dual-accept"). The array
     * is not retained.
     */
    @Override
    public void onBinary(byte[] audio) {
        lastClientFrameNanos = System.nanoTime();
        lock.lock();
        try {
            if (closed) return;
            if (!started) {
                if (early.size() < MAX_EARLY_EVENTS) early.add(audio.clone());
                else earlyDropped++;
                return;
            }
            try {
                handleAudio(audio, null);
            } catch (RealtimeError e) {
                events.error(e, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the session: cancels the response in progress (its generation and synthesis stop), stops the worker and
     * emits nothing more. Idempotent; callable from any thread; does not wait (see {@link #awaitTermination}).
     */
    @Override
    public void close(CloseReason reason) {
        Response r;
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            events.detach();
            r = active;
            active = null;
            jobs.clear();
            mcpServers.values().forEach(m -> m.client.close());
            mcpServers.clear();
            if (limitCheck != null) limitCheck.cancel(false);
            if (started) engines.meters().sessions().decrementAndGet();
        } finally {
            lock.unlock();
        }
        if (r != null) r.cancel("client_disconnected");
        worker.interrupt();
    }

    /** {@link #close(CloseReason)} on the server's initiative. */
    @Override
    public void close() {
        close(CloseReason.SERVER_CLOSED);
    }

    /** The transport's idle timeout: a minute past the inactivity limit, so a client always gets the event first. */
    @Override
    public Duration idleTimeout() {
        return config.inactivity().plusMinutes(1);
    }

    /** Checks the session limits of every open session: one daemon platform thread, tiny tasks. */
    private static final ScheduledExecutorService LIMITS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "realtime-limits");
        t.setDaemon(true);
        return t;
    });

    /** Spec §4.8 J: {@code max_duration} after the longest session, {@code timeout} after client inactivity. */
    private void checkLimits() {
        long now = System.nanoTime();
        if (now - createdNanos >= config.maxDuration().toNanos()) {
            terminate("max_duration", "The session reached its maximum duration of " + describe(config.maxDuration())
                    + "; open a new one");
        } else if (now - lastClientFrameNanos >= config.inactivity().toNanos() && !isResponding()) {
            terminate("timeout", "No client activity for " + describe(config.inactivity()) + "; the session ended");
        }
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " minutes" : s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    /** Whether a response is in progress (the transport does not count a session that is answering as inactive). */
    public boolean isResponding() {
        lock.lock();
        try {
            return active != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the session on the server's initiative (spec §4.8 J): an {@code error} event whose {@code type} and
     * {@code code} are {@code type} ({@code timeout} after inactivity, {@code max_duration} past the longest session),
     * then the connection is closed with 1000 and the session with {@link #close()}. Idempotent; any thread.
     */
    public void terminate(String type, String message) {
        lock.lock();
        try {
            if (closed) return;
            events.error(new RealtimeError(type, type, message, null), null);
            events.closeConnection(1000, type);
        } finally {
            lock.unlock();
        }
        close();
    }

    /** Waits until the worker thread has ended (after {@link #close()}); true if it did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (!worker.isAlive() && worker.getState() != Thread.State.NEW) return true;
        if (worker.getState() == Thread.State.NEW) return closed;
        return worker.join(timeout);
    }

    // ------------------------------------------------------------------------------------------------ client events

    /** Decodes one text frame and hands it to its handler; a refusal becomes an {@code error} naming its event. */
    private void handleText(String json) {
        assert lock.isHeldByCurrentThread();
        ClientEvent event = ClientEvent.parse(json, config.maxAppendBytes());
        try {
            switch (event) {
                case ClientEvent.Invalid e -> throw e.error();
                case ClientEvent.SessionUpdate e -> sessionUpdate(e);
                case ClientEvent.AudioAppend e -> handleAudio(e.audio(), "audio");
                case ClientEvent.AudioCommit e -> commit();
                case ClientEvent.AudioClear e -> clearBuffer();
                case ClientEvent.ItemCreate e -> itemCreate(e);
                case ClientEvent.ForceMessage e -> createResponse(null, e.text());
                case ClientEvent.ItemDelete e -> itemDelete(e);
                case ClientEvent.ItemTruncate e -> itemTruncate(e);
                case ClientEvent.ResponseCreate e -> createResponse(e, null);
                case ClientEvent.ResponseCancel e -> responseCancel(e.responseId());
                case ClientEvent.Pong e -> { }
            }
        } catch (RealtimeError e) {
            events.error(e, event.eventId());
        }
    }

    private void sessionUpdate(ClientEvent.SessionUpdate update) {
        SessionSettings next = settings.apply(update.session(), config.voiceExists());
        boolean promptChanged = !next.instructions.equals(settings.instructions) || !next.tools.equals(settings.tools);
        settings = next;
        if (promptChanged) { // warm the model's prompt cache with the new system block (returns at once)
            engines.chatModel().prefill(new ChatRequest(next.instructions, List.of(), next.tools, null, null, next.toolChoice));
        }
        ObjectNode e = events.event("session.updated");
        e.set("session", settings.toJson());
        events.emit(e);
        syncMcpServers();
    }

    /** Starts listing the tools of new or changed MCP servers (off the lock); forgets removed ones. */
    private void syncMcpServers() {
        assert lock.isHeldByCurrentThread();
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (SessionSettings.McpServer config : settings.mcpServers) {
            labels.add(config.label());
            McpServerState old = mcpServers.get(config.label());
            if (old != null && old.config.equals(config)) continue;
            if (old != null) old.client.close();
            McpServerState state = new McpServerState(config);
            mcpServers.put(config.label(), state);
            String itemId = ServerEvents.newId("mcp_list");
            ObjectNode started = events.event("mcp_list_tools.in_progress");
            started.put("item_id", itemId);
            events.emit(started);
            Thread.ofVirtual().name("mcp-list-" + config.label()).start(() -> listMcpTools(state, itemId));
        }
        mcpServers.entrySet().removeIf(en -> {
            if (labels.contains(en.getKey())) return false;
            en.getValue().client.close();
            return true;
        });
    }

    private void listMcpTools(McpServerState state, String itemId) {
        List<McpTool> tools = null;
        String failure = null;
        try {
            tools = new ArrayList<>();
            List<String> allowed = state.config.allowedTools();
            for (McpTool t : state.client.listTools()) {
                if (allowed != null && !allowed.contains(t.name())) continue;
                if (!t.name().matches("[a-zA-Z0-9_-]{1,64}")) { // not a valid function name for the model
                    log.info("realtime {}: MCP tool '{}' of {} skipped: name unusable as a function name", settings.id,
                            t.name(), state.config.label());
                    continue;
                }
                tools.add(t);
            }
        } catch (McpException | RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("realtime {}: listing the tools of MCP server {} failed: {}", settings.id, state.config.label(), failure);
        }
        lock.lock();
        try {
            if (closed || mcpServers.get(state.config.label()) != state) return; // replaced or removed meanwhile
            ObjectNode e;
            if (failure == null) {
                state.tools = List.copyOf(tools);
                e = events.event("mcp_list_tools.completed");
                e.put("item_id", itemId);
            } else {
                e = events.event("mcp_list_tools.failed");
                e.put("item_id", itemId);
                e.putObject("error").put("type", "mcp_list_tools_error").put("message", failure);
            }
            events.emit(e);
        } finally {
            lock.unlock();
        }
    }

    /** Decodes wire audio, resamples to 16 kHz, buffers it and runs server VAD on it. */
    private void handleAudio(byte[] bytes, String param) {
        WireFormat fmt = settings.inputFormat.wire();
        if (inDecoder == null || !inDecoder.format().equals(fmt)) inDecoder = new WireDecoder(fmt, RATE, false);
        float[] s16 = inDecoder.decode(bytes)[0];
        if (input.length() + s16.length > input.capacity() && !settings.turnDetection.serverVad()) {
            throw RealtimeError.invalid("input_audio_buffer_full", "The input audio buffer holds at most "
                    + config.maxBufferedSeconds() + " s of uncommitted audio; commit or clear it", param);
        }
        if (!settings.turnDetection.serverVad()) {
            input.append(s16, 0, s16.length);
            streamSamples += s16.length;
            return;
        }
        ensureVad();
        int off = 0;
        while (off < s16.length) {
            int n = Math.min(vadFrame.length - vadFill, s16.length - off);
            System.arraycopy(s16, off, vadFrame, vadFill, n);
            if (!input.append(s16, off, n)) { // a turn longer than the buffer: commit what we have
                if (speechItemId != null) speechStopped();
                input.append(s16, off, n);
            }
            vadFill += n;
            off += n;
            streamSamples += n;
            if (vadFill == vadFrame.length) {
                vadFill = 0;
                float p = vad.process(vadFrame);
                double frameMs = vadFrame.length * 1000.0 / RATE;
                switch (turns.frame(p, streamSamples * 1000 / RATE, frameMs)) {
                    case STARTED -> speechStarted();
                    case STOPPED -> speechStopped();
                    case NONE -> { }
                }
                if (!turns.speaking()) trimToPrefix();
            }
        }
    }

    private void ensureVad() {
        if (vad == null) {
            vad = engines.vad().openStream(RATE);
            vadFrame = new float[vad.frameSamples()];
        }
        if (turns == null || !settings.turnDetection.equals(turnsFor)) {
            SessionSettings.TurnDetection td = settings.turnDetection;
            turns = new TurnDetector(td.threshold(), td.silenceDurationMs(), td.prefixPaddingMs());
            turnsFor = td;
        }
    }

    /** While nobody speaks, keep only the prefix padding (plus one frame) of audio. */
    private void trimToPrefix() {
        int keep = turns.prefixMs() * RATE / 1000 + vadFrame.length;
        if (input.length() > keep) {
            int drop = input.length() - keep;
            input.dropFirst(drop);
            bufferStartSample += drop;
        }
    }

    private void speechStarted() {
        speechItemId = ServerEvents.newId("item");
        ObjectNode e = events.event("input_audio_buffer.speech_started");
        e.put("audio_start_ms", turns.startMs()).put("item_id", speechItemId);
        events.emit(e);
        Response r = active;
        if (r != null && !r.cancelled && settings.turnDetection.interruptResponse()) {
            r.cancel("turn_detected"); // barge-in: no audio of r leaves after speech_started
        }
    }

    private void speechStopped() {
        ObjectNode e = events.event("input_audio_buffer.speech_stopped");
        e.put("audio_end_ms", turns.speechEndMs()).put("item_id", speechItemId);
        events.emit(e);
        int from = (int) Math.max(0, turns.paddedStartMs() * RATE / 1000 - bufferStartSample);
        float[] audio = input.copyFrom(from);
        String id = speechItemId;
        speechItemId = null;
        bufferStartSample += input.length();
        input.clear();
        turns.reset();
        commitAudio(id, audio);
        if (settings.turnDetection.createResponse()) {
            Response r = active;
            if (r == null || r.cancelled) createResponse(null, null);
        }
    }

    private void commit() {
        int minSamples = MIN_COMMIT_MS * RATE / 1000;
        if (input.length() < minSamples) {
            throw RealtimeError.invalid("input_audio_buffer_commit_empty", "Error committing input audio buffer: buffer too small. "
                    + "Expected at least " + MIN_COMMIT_MS + "ms of audio, but buffer only has "
                    + (input.length() * 1000 / RATE) + "ms of audio.", null);
        }
        float[] audio = input.copyFrom(0);
        bufferStartSample += input.length();
        input.clear();
        String id = speechItemId != null ? speechItemId : ServerEvents.newId("item");
        speechItemId = null;
        if (turns != null) turns.reset();
        vadFill = 0;
        commitAudio(id, audio);
    }

    private void commitAudio(String itemId, float[] audio16k) {
        Item item = new Item(itemId, Item.MESSAGE, "user");
        Item.Part part = new Item.Part("input_audio", null, null);
        item.content.add(part);
        String prev = conversation.insert(item, null);
        ObjectNode c = events.event("input_audio_buffer.committed");
        c.put("previous_item_id", prev).put("item_id", itemId);
        events.emit(c);
        events.itemAdded(prev, item);
        submit(() -> transcribe(item, part, audio16k));
    }

    private void clearBuffer() {
        input.clear();
        bufferStartSample = streamSamples;
        if (inDecoder != null) inDecoder.reset();
        vadFill = 0;
        speechItemId = null;
        if (turns != null) turns.reset();
        if (vad != null) vad.reset();
        events.emit(events.event("input_audio_buffer.cleared"));
    }

    private void itemCreate(ClientEvent.ItemCreate e) {
        Item item = e.item();
        float[] audio = e.audio() == null ? null : WireDecoder.decodeAll(e.audio(), settings.inputFormat.wire(), RATE);
        String prev = conversation.insert(item, e.previousItemId());
        events.itemAdded(prev, item);
        if (audio != null) {
            Item.Part part = item.content.stream().filter(p -> p.transcript == null && !p.type.contains("text")).findFirst().orElseThrow();
            submit(() -> transcribe(item, part, audio));
        }
    }

    private void itemDelete(ClientEvent.ItemDelete d) {
        conversation.delete(d.itemId());
        ObjectNode e = events.event("conversation.item.deleted");
        e.put("item_id", d.itemId());
        events.emit(e);
    }

    private void itemTruncate(ClientEvent.ItemTruncate t) {
        String id = t.itemId();
        Item item = conversation.require(id, "item_id");
        int contentIndex = t.contentIndexOrZero();
        long end = t.requireAudioEndMs();
        if (!Item.MESSAGE.equals(item.type) || !"assistant".equals(item.role) || contentIndex != 0
                || item.content.isEmpty() || !item.content.getFirst().type.equals("audio")) {
            throw RealtimeError.invalid("invalid_value", "Only assistant audio content can be truncated", "item_id");
        }
        if (end > Math.ceil(item.audioMs)) {
            throw RealtimeError.invalid("invalid_value", "audio_end_ms " + end + " is beyond the item's audio ("
                    + Math.round(item.audioMs) + " ms)", "audio_end_ms");
        }
        String transcript = item.truncateAudio(end);
        ObjectNode e = events.event("conversation.item.truncated");
        e.put("item_id", id).put("content_index", contentIndex).put("audio_end_ms", end).put("transcript", transcript);
        events.emit(e);
    }

    private void responseCancel(String id) {
        Response r = active;
        if (r == null || r.cancelled || (id != null && !id.equals(r.id))) {
            throw RealtimeError.invalid("response_cancel_not_active", "Cancellation failed: no active response found", null);
        }
        r.cancel("client_cancelled");
    }

    // ------------------------------------------------------------------------------------------------ responses

    /** One response: created on the reading thread, run on the worker. */
    private final class Response {
        final String id = ServerEvents.newId("resp");
        final List<String> modalities;
        final String instructions;
        final JsonNode metadata;
        final String fixedText;
        final String voice;
        final float speed;
        final WireFormat outFormat;
        final BlockingQueue<ChatEvent> events = new ArrayBlockingQueue<>(MAX_RESPONSE_EVENTS);
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
        Item message;
        int messageIndex;
        final java.util.Map<Integer, Item> calls = new java.util.HashMap<>();
        /** Tools offered to the model that belong to an MCP server: function name -> server. Set per model turn. */
        java.util.Map<String, McpServerState> mcpRoutes = java.util.Map.of();
        /** MCP calls of the current model turn whose arguments are complete, in order. */
        final List<Item> pendingMcp = new ArrayList<>();
        /** True once the model called a client (function) tool: the response then ends for the client round trip. */
        boolean clientCalls;

        Response(ClientEvent.ResponseCreate.Params params, String fixedText) {
            this.modalities = params.modalities() != null ? params.modalities() : settings.modalities;
            this.instructions = params.instructions();
            this.metadata = params.metadata();
            this.fixedText = fixedText;
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
    }

    private void createResponse(ClientEvent.ResponseCreate request, String fixedText) {
        Response current = active;
        if (current != null && !current.cancelled) {
            throw RealtimeError.invalid("conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + current.id
                            + ". Wait until the response is finished before creating a new one.", null);
        }
        ClientEvent.ResponseCreate.Params params = request == null ? ClientEvent.ResponseCreate.DEFAULTS : request.params();
        Response r = new Response(params, fixedText);
        submit(() -> runResponse(r));
        active = r;
        if (current != null) {
            // a cancelled response is still finishing on the worker: keep response.done before the next response.created
            announceAfterActive = r;
            return;
        }
        announceCreated(r);
    }

    private void announceCreated(Response r) {
        ObjectNode e = events.event("response.created");
        e.set("response", responseJson(r, "in_progress", null));
        events.emit(e);
    }

    /** Worker: runs one response from LLM tokens to audio deltas and {@code response.done}. */
    private void runResponse(Response r) {
        Usage usage = Usage.NONE;
        FinishReason reason = FinishReason.STOP;
        String failure = null;
        try {
            if (r.fixedText != null) {
                r.events.add(new ChatEvent.TextDelta(r.fixedText));
                r.events.add(new ChatEvent.Done(FinishReason.STOP, Usage.NONE));
            } else if (!r.cancelled) {
                startGeneration(r, false);
            }
            int rounds = 0;
            long inTokens = 0, outTokens = 0;
            rounds:
            while (true) {
            loop:
            while (true) {
                if (r.cancelled) break;
                ChatEvent ev = r.events.poll(1, TimeUnit.SECONDS);
                if (ev == null) continue;
                if (r.cancelled) break;
                switch (ev) {
                    case ChatEvent.TextDelta t -> onTextDelta(r, t.text());
                    case ChatEvent.ToolCallDelta d -> onToolCallDelta(r, d);
                    case ChatEvent.ToolCallDone d -> onToolCallDone(r, d);
                    case ChatEvent.Done d -> {
                        inTokens += d.usage().inputTokens();
                        outTokens += d.usage().outputTokens();
                        usage = new Usage((int) inTokens, (int) outTokens);
                        reason = d.reason();
                        break loop;
                    }
                    case ChatEvent.Failed f -> {
                        failure = f.error().getMessage();
                        log.warn("realtime {} response {} failed: {}", settings.id, r.id, failure);
                        break loop;
                    }
                }
            }
            // server-side tools (flow F): run the MCP calls, then let the model answer in the same response
            if (r.cancelled || failure != null || r.pendingMcp.isEmpty()) break;
            runMcpCalls(r);
            if (r.cancelled || r.clientCalls || ++rounds >= MAX_MCP_ROUNDS) break;
            startGeneration(r, true);
            }
            if (!r.cancelled && failure == null && r.message != null && r.audio()) {
                speak(r, r.text.finish());
            }
        } catch (InterruptedException e) {
            r.cancel("client_disconnected");
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            if (r.cancelled) log.debug("realtime {} response {} stopped after cancel: {}", settings.id, r.id, e.toString());
            else log.warn("realtime {} response {} failed", settings.id, r.id, e);
        }
        finishResponse(r, reason, usage, failure);
        if (r.speech != null) r.speech.close(); // waits for a chunk still being synthesised
    }

    /**
     * Starts one model turn of {@code r} (outside the lock): the conversation so far with the session's function tools
     * and the listed MCP tools. {@code next}: a later turn of the same response, after server-side tool calls.
     */
    private void startGeneration(Response r, boolean next) {
        ChatRequest request;
        lock.lock();
        try {
            if (next) {
                r.calls.clear();
                r.pendingMcp.clear();
                if (r.message != null && !"in_progress".equals(r.message.status)) r.message = null; // a new message item
            }
            StringBuilder system = new StringBuilder(r.instructions != null ? r.instructions : settings.instructions);
            StringBuilder extra = new StringBuilder();
            List<ChatMessage> messages = conversation.toMessages(extra);
            if (!extra.isEmpty()) system.append(system.isEmpty() ? "" : "\n").append(extra);
            List<ToolSpec> tools = new ArrayList<>(settings.tools);
            java.util.Map<String, McpServerState> routes = new java.util.HashMap<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (ToolSpec t : tools) names.add(t.name());
            for (McpServerState m : mcpServers.values()) {
                if (m.tools == null) continue;
                for (McpTool t : m.tools) {
                    if (!names.add(t.name())) continue; // a function tool (or an earlier server) already has the name
                    tools.add(new ToolSpec(t.name(), t.description(), t.inputSchemaJson()));
                    routes.put(t.name(), m);
                }
            }
            r.mcpRoutes = routes;
            request = new ChatRequest(system.toString(), messages, tools,
                    settings.temperature != null ? settings.temperature : config.temperature(),
                    settings.maxOutputTokens != null ? settings.maxOutputTokens : config.maxOutputTokens(),
                    settings.toolChoice);
        } finally {
            lock.unlock();
        }
        r.handle = engines.chatModel().stream(request, ev -> {
            if (!r.events.offer(ev)) {
                r.overflowed = true;
                ChatHandle h = r.handle;
                if (h != null) h.cancel();
            }
        });
        if (r.cancelled) r.handle.cancel();
    }

    /** Runs the MCP calls of the model turn one by one (the calls outside the lock), emitting their progress. */
    private void runMcpCalls(Response r) {
        for (Item call : List.copyOf(r.pendingMcp)) {
            McpServerState server;
            lock.lock();
            try {
                if (r.cancelled || closed) return;
                server = r.mcpRoutes.get(call.name);
                ObjectNode e = events.event("response.mcp_call.in_progress");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", r.output.indexOf(call));
                events.emit(e);
            } finally {
                lock.unlock();
            }
            String output = null;
            String error = null;
            try {
                output = server.client.callTool(call.name, call.arguments);
            } catch (McpException | RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
                log.info("realtime {}: MCP call {} on {} failed: {}", settings.id, call.name, server.config.label(), error);
            }
            lock.lock();
            try {
                if (r.cancelled || closed) return; // finishResponse marks the call incomplete
                int index = r.output.indexOf(call);
                call.output = output;
                call.error = error;
                call.status = error == null ? "completed" : "failed";
                ObjectNode e = events.event(error == null ? "response.mcp_call.completed" : "response.mcp_call.failed");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", index);
                if (error != null) e.putObject("error").put("type", "mcp_tool_error").put("message", error);
                events.emit(e);
                events.outputItemDone(r.id, index, call);
            } finally {
                lock.unlock();
            }
        }
    }

    private void onTextDelta(Response r, String text) throws InterruptedException {
        lock.lock();
        try {
            if (r.cancelled) return;
            openMessage(r);
            if (!r.audio()) {
                Item.Part part = r.message.content.getFirst();
                part.text = part.text + text;
                ObjectNode e = events.contentEvent(config.textDeltaEvent(), r.id, r.message.id, r.messageIndex);
                e.put("delta", text);
                events.emit(e);
                return;
            }
        } finally {
            lock.unlock();
        }
        if (!r.cancelled) speak(r, r.text.push(text));
    }

    private void openMessage(Response r) {
        assert lock.isHeldByCurrentThread();
        if (r.message != null) return;
        Item m = new Item(ServerEvents.newId("item"), Item.MESSAGE, "assistant");
        m.status = "in_progress";
        m.content.add(r.audio() ? new Item.Part("audio", null, "") : new Item.Part("text", "", null));
        r.message = m;
        r.messageIndex = r.output.size();
        r.output.add(m);
        String prev = conversation.insert(m, null);
        ObjectNode added = events.event("response.output_item.added");
        added.put("response_id", r.id).put("output_index", r.messageIndex);
        ObjectNode shown = m.toJson();
        shown.putArray("content");
        added.set("item", shown);
        events.emit(added);
        events.itemAdded(prev, shown);
        ObjectNode part = events.contentEvent("response.content_part.added", r.id, m.id, r.messageIndex);
        part.set("part", r.audio() ? ServerEvents.object().put("type", "audio").put("transcript", "")
                : ServerEvents.object().put("type", "text").put("text", ""));
        events.emit(part);
    }

    /**
     * Speaks a sentence or clause of the answer: it joins the response's utterance, whose chunks are synthesised (outside
     * the lock) and sent as each is ready (inside the lock, unless cancelled): the clause's transcript delta before
     * its first audio, then its audio in deltas of at most {@value #AUDIO_DELTA_MS} ms.
     */
    private void speak(Response r, String released) {
        String clause = released.strip();
        if (clause.isEmpty() || r.cancelled) return;
        if (r.speech == null) {
            r.speech = engines.speech().open(new SpeechSynthesizer.Request(r.voice, "en", r.speed, true, null,
                    engines.ttsEngine(), ChunkPolicy.DEFAULT));
        }
        int segment = r.speech.add(released);
        if (segment < 0) { // nothing to pronounce: the words are in the transcript all the same
            lock.lock();
            try {
                if (!r.cancelled && !closed) transcriptDelta(r, clause);
            } finally {
                lock.unlock();
            }
            return;
        }
        r.segments.put(segment, clause);
        while (r.speech.hasNext() && !r.cancelled) {
            Utterance.Chunk c;
            try (AutoCloseable counted = engines.meters().synthesis(r.voice)) {
                c = r.speech.next();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            byte[] wire = WireEncoder.encodeAll(c.samples(), c.sampleRate(), r.outFormat);
            lock.lock();
            try {
                if (r.cancelled || closed) return;
                Item m = r.message;
                if (c.segment() != r.segment) { // the first audio of a clause: its words first
                    r.segment = c.segment();
                    r.segmentStartMs = m.audioMs;
                    transcriptDelta(r, r.segments.get(c.segment()));
                }
                int bytesPerSample = r.outFormat.codec().bytesPerSample();
                int chunk = r.outFormat.sampleRate() * AUDIO_DELTA_MS / 1000 * bytesPerSample;
                for (int off = 0; off < wire.length; off += chunk) {
                    int n = Math.min(chunk, wire.length - off);
                    ObjectNode a = events.contentEvent("response.output_audio.delta", r.id, m.id, r.messageIndex);
                    a.put("delta", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(wire, off, off + n)));
                    events.emit(a);
                }
                m.audioMs += wire.length / (double) bytesPerSample * 1000.0 / r.outFormat.sampleRate();
                if (c.segmentEnd()) m.clauses.add(new Item.Clause(r.segments.remove(c.segment()), r.segmentStartMs, m.audioMs));
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@code response.output_audio_transcript.delta} with {@code clause}, joined to the transcript with a space. */
    private void transcriptDelta(Response r, String clause) {
        assert lock.isHeldByCurrentThread();
        Item m = r.message;
        Item.Part part = m.content.getFirst();
        String delta = part.transcript.isEmpty() ? clause : " " + clause;
        part.transcript = part.transcript + delta;
        ObjectNode t = events.contentEvent("response.output_audio_transcript.delta", r.id, m.id, r.messageIndex);
        t.put("delta", delta);
        events.emit(t);
    }

    private void onToolCallDelta(Response r, ChatEvent.ToolCallDelta d) {
        if (!r.calls.containsKey(d.index())) {
            closeMessageBeforeCalls(r);
        }
        lock.lock();
        try {
            if (r.cancelled) return;
            Item call = r.calls.get(d.index());
            if (call == null) {
                McpServerState server = d.name() == null ? null : r.mcpRoutes.get(d.name());
                call = new Item(ServerEvents.newId(server != null ? "mcp" : "item"), server != null ? Item.MCP_CALL : Item.FUNCTION_CALL, null);
                if (server != null) call.serverLabel = server.config.label();
                else r.clientCalls = true;
                call.status = "in_progress";
                call.callId = d.id() != null ? d.id() : ServerEvents.newId("call");
                call.name = d.name() != null ? d.name() : "";
                call.arguments = "";
                r.calls.put(d.index(), call);
                int index = r.output.size();
                r.output.add(call);
                String prev = conversation.insert(call, null);
                ObjectNode added = events.event("response.output_item.added");
                added.put("response_id", r.id).put("output_index", index);
                added.set("item", call.toJson());
                events.emit(added);
                events.itemAdded(prev, call);
            }
            if (d.argumentsDelta() != null && !d.argumentsDelta().isEmpty()) {
                call.arguments = call.arguments + d.argumentsDelta();
                ObjectNode e = events.event(Item.MCP_CALL.equals(call.type) ? "response.mcp_call_arguments.delta"
                        : "response.function_call_arguments.delta");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", r.output.indexOf(call))
                        .put("call_id", call.callId).put("delta", d.argumentsDelta());
                events.emit(e);
            }
        } finally {
            lock.unlock();
        }
    }

    private void onToolCallDone(Response r, ChatEvent.ToolCallDone d) {
        if (!r.calls.containsKey(d.index())) {
            onToolCallDelta(r, new ChatEvent.ToolCallDelta(d.index(), d.call().id(), d.call().name(), ""));
        }
        lock.lock();
        try {
            if (r.cancelled) return;
            Item call = r.calls.get(d.index());
            call.arguments = d.call().argumentsJson();
            int index = r.output.indexOf(call);
            if (Item.MCP_CALL.equals(call.type)) { // runs after the model turn ends (runMcpCalls)
                ObjectNode e = events.event("response.mcp_call_arguments.done");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", index).put("call_id", call.callId)
                        .put("name", call.name).put("arguments", call.arguments);
                events.emit(e);
                r.pendingMcp.add(call);
                return;
            }
            call.name = d.call().name();
            call.status = "completed";
            ObjectNode e = events.event("response.function_call_arguments.done");
            e.put("response_id", r.id).put("item_id", call.id).put("output_index", index).put("call_id", call.callId)
                    .put("name", call.name).put("arguments", call.arguments);
            events.emit(e);
            events.outputItemDone(r.id, index, call);
        } finally {
            lock.unlock();
        }
    }

    /** Spoken preamble first ("all audio deltas first", flow E): finish the message item before a call. */
    private void closeMessageBeforeCalls(Response r) {
        if (r.message == null || !"in_progress".equals(r.message.status)) return;
        if (r.audio()) {
            speak(r, r.text.finish());
        }
        lock.lock();
        try {
            if (!r.cancelled) closeMessage(r, "completed");
        } finally {
            lock.unlock();
        }
    }

    private void closeMessage(Response r, String status) {
        assert lock.isHeldByCurrentThread();
        Item m = r.message;
        if (m == null || !"in_progress".equals(m.status)) return;
        m.status = status;
        Item.Part part = m.content.getFirst();
        if (r.audio()) {
            events.emit(events.contentEvent("response.output_audio.done", r.id, m.id, r.messageIndex));
            ObjectNode t = events.contentEvent("response.output_audio_transcript.done", r.id, m.id, r.messageIndex);
            t.put("transcript", part.transcript);
            events.emit(t);
        } else {
            String doneName = config.textDeltaEvent().equals(RealtimeConfig.TEXT_DELTA) ? "response.text.done" : "response.output_text.done";
            ObjectNode t = events.contentEvent(doneName, r.id, m.id, r.messageIndex);
            t.put("text", part.text);
            events.emit(t);
        }
        ObjectNode pd = events.contentEvent("response.content_part.done", r.id, m.id, r.messageIndex);
        pd.set("part", r.audio() ? ServerEvents.object().put("type", "audio").put("transcript", part.transcript)
                : ServerEvents.object().put("type", "text").put("text", part.text));
        events.emit(pd);
        events.outputItemDone(r.id, r.messageIndex, m);
    }

    private void finishResponse(Response r, FinishReason reason, Usage usage, String failure) {
        lock.lock();
        try {
            String status;
            ObjectNode details = null;
            if (r.cancelled) {
                status = "cancelled";
                details = ServerEvents.object().put("type", "cancelled").put("reason", r.cancelReason);
            } else if (failure != null) {
                status = "failed";
                details = ServerEvents.object().put("type", "failed");
                details.putObject("error").put("type", "server_error").put("message", failure);
            } else if (reason == FinishReason.LENGTH || r.overflowed) {
                status = "incomplete";
                details = ServerEvents.object().put("type", "incomplete").put("reason", "max_output_tokens");
            } else {
                status = "completed";
            }
            String itemStatus = status.equals("completed") ? "completed" : "incomplete";
            if (!closed) {
                closeMessage(r, itemStatus);
                for (Item call : r.calls.values()) {
                    if ("in_progress".equals(call.status)) {
                        call.status = "incomplete";
                        events.outputItemDone(r.id, r.output.indexOf(call), call);
                    }
                }
                ObjectNode done = events.event("response.done");
                ObjectNode resp = responseJson(r, status, details);
                ObjectNode u = resp.putObject("usage");
                u.put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens())
                        .put("total_tokens", usage.totalTokens());
                done.set("response", resp);
                events.emit(done);
            }
            if (active == r) active = null;
            Response next = announceAfterActive;
            if (next != null) {
                announceAfterActive = null;
                announceCreated(next);
            }
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode responseJson(Response r, String status, ObjectNode details) {
        ObjectNode o = ServerEvents.object();
        o.put("id", r.id).put("object", "realtime.response").put("status", status);
        if (details != null) o.set("status_details", details);
        else o.putNull("status_details");
        ArrayNode out = o.putArray("output");
        for (Item it : r.output) out.add(it.toJson());
        ArrayNode m = o.putArray("modalities");
        r.modalities.forEach(m::add);
        if (r.metadata != null) o.set("metadata", r.metadata);
        else o.putNull("metadata");
        return o;
    }

    private void transcribe(Item item, Item.Part part, float[] audio16k) {
        String text;
        try {
            text = engines.transcriber().transcribeUtterance(audio16k);
        } catch (RuntimeException e) {
            log.warn("realtime {} transcription of {} failed", settings.id, item.id, e);
            text = "";
        }
        lock.lock();
        try {
            part.transcript = text;
            ObjectNode e = events.event("conversation.item.input_audio_transcription.completed");
            e.put("item_id", item.id).put("content_index", item.content.indexOf(part)).put("transcript", text);
            events.emit(e);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ worker

    private void submit(Runnable job) {
        if (!jobs.offer(job)) {
            throw new RealtimeError("server_error", "server_busy", "Too many pending operations in this session", null);
        }
    }

    private void workLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Runnable job = jobs.take();
                lock.lock();
                try {
                    if (closed) return;
                } finally {
                    lock.unlock();
                }
                try {
                    job.run();
                } catch (RuntimeException e) {
                    log.error("realtime {}: worker job failed", settings.id, e);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
