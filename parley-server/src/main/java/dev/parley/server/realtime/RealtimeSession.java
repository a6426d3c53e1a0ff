package dev.parley.server.realtime;

import static dev.parley.server.realtime.SessionContext.LOG;

import dev.parley.engines.llm.ChatRequest;
import dev.parley.server.realtime.internal.Conversation;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SessionSettings;
import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.SessionSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * s.onBinary(bytes);      // for every binary frame (raw input audio, with audio.input.transport "binary")
 * s.close(reason);        // on disconnect: cancels the response in progress, stops the worker
 * }</pre>
 * Events passed to {@code onText} before {@code start()} are kept (at most {@value #MAX_EARLY_EVENTS}) and processed
 * right after the greeting events.
 *
 * <h2>Structure</h2>
 * This class is the lifecycle, the session limits and the dispatcher: each text frame is decoded into a
 * {@link ClientEvent} and handed to the stage that owns its state: {@link InputAudio} (the input buffer, VAD and
 * turns), {@link ConversationItems} (item create, delete, truncate; transcriptions), {@link ResponseRunner} (responses,
 * with {@link AnswerOutput} for the assistant message and {@link McpServers} for remote tools). Server events are
 * built and sent by {@link ServerEvents}; the stages share a {@link SessionContext}.
 *
 * <h2>Threading</h2>
 * One session = one reading thread (the transport's, e.g. a virtual thread) that calls {@link #onText} /
 * {@link #onBinary} one at a time, plus one worker virtual thread owned by the session that runs the response
 * pipeline (transcription, LLM, clause-by-clause TTS), and a short-lived virtual thread per MCP server that lists its
 * tools. All of them mutate state and emit events only while holding the session's {@link ReentrantLock}, so the sink
 * is never called concurrently and events leave in state order. Engine calls (STT, LLM, TTS) and MCP requests run
 * outside the lock; VAD runs inline on the reading thread. {@link #close()} may be called from any thread.
 *
 * <h2>Bounds (overflow actions)</h2>
 * <ul>
 *   <li>One append carries at most {@link RealtimeConfig#maxAppendBytes()} of decoded audio (default 15 MiB): a larger
 *       one is refused with {@code input_audio_buffer_append_too_large}. A text frame over
 *       {@value ClientEvent#MAX_EVENT_CHARS} characters is refused unparsed with {@code event_too_large}.</li>
 *   <li>Uncommitted input audio is bounded by {@link RealtimeConfig#maxBufferedSeconds()}: an append beyond it is
 *       refused with {@code input_audio_buffer_full} (the buffered audio is kept).</li>
 *   <li>Worker jobs (transcriptions, responses): at most {@value SessionContext#MAX_JOBS} waiting; beyond that the
 *       request is refused with {@code server_busy}.</li>
 *   <li>LLM events of one response: at most {@value Response#MAX_EVENTS} waiting; beyond that the generation is
 *       cancelled and the response ends {@code incomplete}.</li>
 *   <li>Speech: an answer holds a place on its voice's engine from its first words to its end; when the engine
 *       already speaks its limit of utterances ({@code tts.kokoro_max_sessions}) the answer gets an {@code error}
 *       {@code server_busy} naming the event that asked for it and the response ends {@code failed}.</li>
 *   <li>Conversation: {@link Conversation#MAX_ITEMS} items, oldest dropped.</li>
 * </ul>
 */
public final class RealtimeSession implements ProtocolSession, AutoCloseable {
    static final int MAX_EARLY_EVENTS = 256;

    private final SessionContext ctx;
    private final McpServers mcp;
    private final ResponseRunner responses;
    private final ConversationItems items;
    private final InputAudio input;
    private final String conversationId = ServerEvents.newId("conv");
    private final Thread worker;
    private final long createdNanos = System.nanoTime();
    private volatile long lastClientFrameNanos = createdNanos;
    private ScheduledFuture<?> limitCheck;

    // all below guarded by the lock
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private boolean started;
    private int earlyDropped;

    /**
     * @param config server-side settings
     * @param engines the pipeline; the session opens its own VAD stream on first use
     */
    public RealtimeSession(RealtimeConfig config, RealtimeEngines engines) {
        this.ctx = new SessionContext(Objects.requireNonNull(config, "config"), Objects.requireNonNull(engines, "engines"));
        this.mcp = new McpServers(ctx);
        this.responses = new ResponseRunner(ctx, mcp);
        this.items = new ConversationItems(ctx);
        this.input = new InputAudio(ctx, items, responses);
        this.worker = Thread.ofVirtual().name("realtime-" + ctx.id).unstarted(this::workLoop);
    }

    /** The session id ({@code session.id}). */
    public String id() {
        return ctx.id;
    }

    /**
     * Sends {@code session.created} and {@code conversation.created}, then processes events received before; starts
     * the session limits ({@link RealtimeConfig#inactivity()}, {@link RealtimeConfig#maxDuration()}).
     */
    @Override
    public void start(SessionSink out) {
        ctx.lock.lock();
        try {
            if (started || ctx.closed) return;
            ctx.events.attach(Objects.requireNonNull(out, "sink"));
            started = true;
            ctx.engines.meters().sessions().incrementAndGet();
            worker.start();
            long period = Math.max(50, Math.min(1000, ctx.config.inactivity().toMillis() / 4));
            limitCheck = LIMITS.scheduleAtFixedRate(this::checkLimits, period, period, TimeUnit.MILLISECONDS);
            ObjectNode created = ctx.events.event("session.created");
            created.set("session", ctx.settings.toJson());
            ctx.events.emit(created);
            ObjectNode conv = ctx.events.event("conversation.created");
            conv.putObject("conversation").put("id", conversationId).put("object", "realtime.conversation");
            ctx.events.emit(conv);
            while (!early.isEmpty()) {
                Object e = early.poll();
                if (e instanceof String s) handleText(s);
                else appendBinary((byte[]) e);
            }
            if (earlyDropped > 0) {
                ctx.events.error(RealtimeError.invalid("too_many_events", earlyDropped
                        + " events received before the session started were dropped", null), null);
            }
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Handles one client text frame (one JSON event). Never throws for bad input: it answers with an error event. */
    @Override
    public void onText(String json) {
        lastClientFrameNanos = System.nanoTime();
        ctx.lock.lock();
        try {
            if (ctx.closed) return;
            if (!started) {
                if (early.size() < MAX_EARLY_EVENTS) early.add(json);
                else earlyDropped++;
                return;
            }
            handleText(json);
        } finally {
            ctx.lock.unlock();
        }
    }

    /**
     * Handles one binary frame (spec §4.1 frames, §4.9 binary audio transport). After a {@code session.update} that set
     * {@code audio.input.transport} to {@code "binary"}, a binary frame is raw input audio in the session's input format,
     * no header, appended like an {@code input_audio_buffer.append} (input is "dual-accept": those events still work).
     * Otherwise binary frames have no meaning on this socket: each one is answered with an {@code error}
     * ({@code invalid_value}, {@code param} {@code session.audio.input.transport}) and dropped, never taken as audio
     * silently. Frames received before the greeting are judged after it, in order with the text events. The array is
     * not retained.
     */
    @Override
    public void onBinary(byte[] audio) {
        lastClientFrameNanos = System.nanoTime();
        ctx.lock.lock();
        try {
            if (ctx.closed) return;
            if (!started) {
                if (early.size() < MAX_EARLY_EVENTS) early.add(audio.clone());
                else earlyDropped++;
                return;
            }
            appendBinary(audio);
        } finally {
            ctx.lock.unlock();
        }
    }

    /** One binary frame, under the lock; a refusal (no binary transport, a full buffer) is an error event. */
    private void appendBinary(byte[] audio) {
        try {
            if (!SessionSettings.TRANSPORT_BINARY.equals(ctx.settings.inputTransport)) {
                throw RealtimeError.invalid("invalid_value", "A binary frame carries input audio only after a "
                        + "session.update sets audio.input.transport to \"binary\" (spec 4.9); send the audio as "
                        + "input_audio_buffer.append events, or set the transport", "session.audio.input.transport");
            }
            input.append(audio, null);
        } catch (RealtimeError e) {
            ctx.events.error(e, null);
        }
    }

    /**
     * Ends the session: cancels the response in progress (its generation and synthesis stop), stops the worker and
     * emits nothing more. Idempotent; callable from any thread; does not wait (see {@link #awaitTermination}).
     */
    @Override
    public void close(CloseReason reason) {
        Response r;
        ctx.lock.lock();
        try {
            if (ctx.closed) return;
            ctx.closed = true;
            ctx.events.detach();
            r = responses.detach();
            ctx.dropJobs();
            mcp.closeAll();
            if (limitCheck != null) limitCheck.cancel(false);
            if (started) ctx.engines.meters().sessions().decrementAndGet();
        } finally {
            ctx.lock.unlock();
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
        return ctx.config.inactivity().plusMinutes(1);
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
        if (now - createdNanos >= ctx.config.maxDuration().toNanos()) {
            terminate("max_duration", "The session reached its maximum duration of " + describe(ctx.config.maxDuration())
                    + "; open a new one");
        } else if (now - lastClientFrameNanos >= ctx.config.inactivity().toNanos() && !isResponding()) {
            terminate("timeout", "No client activity for " + describe(ctx.config.inactivity()) + "; the session ended");
        }
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " minutes" : s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    /** Whether a response is in progress (the transport does not count a session that is answering as inactive). */
    public boolean isResponding() {
        ctx.lock.lock();
        try {
            return responses.responding();
        } finally {
            ctx.lock.unlock();
        }
    }

    /**
     * Ends the session on the server's initiative (spec §4.8 J): an {@code error} event whose {@code type} and
     * {@code code} are {@code type} ({@code timeout} after inactivity, {@code max_duration} past the longest session),
     * then the connection is closed with 1000 and the session with {@link #close()}. Idempotent; any thread.
     */
    public void terminate(String type, String message) {
        ctx.lock.lock();
        try {
            if (ctx.closed) return;
            ctx.events.error(new RealtimeError(type, type, message, null), null);
            ctx.events.closeConnection(1000, type);
        } finally {
            ctx.lock.unlock();
        }
        close();
    }

    /** Waits until the worker thread has ended (after {@link #close()}); true if it did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (!worker.isAlive() && worker.getState() != Thread.State.NEW) return true;
        if (worker.getState() == Thread.State.NEW) return ctx.closed;
        return worker.join(timeout);
    }

    /** {@link SessionContext#closed}, read under the lock. */
    private boolean closedNow() {
        ctx.lock.lock();
        try {
            return ctx.closed;
        } finally {
            ctx.lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ client events

    /** Decodes one text frame and hands it to its stage; a refusal becomes an {@code error} naming its event. */
    private void handleText(String json) {
        assert ctx.lock.isHeldByCurrentThread();
        ClientEvent event = ClientEvent.parse(json, ctx.config.maxAppendBytes(), ctx.config.maxItemTextChars());
        try {
            switch (event) {
                case ClientEvent.Invalid e -> throw e.error();
                case ClientEvent.SessionUpdate e -> sessionUpdate(e);
                case ClientEvent.AudioAppend e -> input.append(e.audio(), "audio");
                case ClientEvent.AudioCommit e -> input.commit();
                case ClientEvent.AudioClear e -> input.clear();
                case ClientEvent.ItemCreate e -> items.create(e);
                case ClientEvent.ForceMessage e -> responses.create(null, e.text(), e.eventId());
                case ClientEvent.ItemDelete e -> items.delete(e);
                case ClientEvent.ItemTruncate e -> items.truncate(e);
                case ClientEvent.ResponseCreate e -> responses.create(e, null, e.eventId());
                case ClientEvent.ResponseCancel e -> responses.cancel(e.responseId());
                case ClientEvent.Pong e -> { }
            }
        } catch (RealtimeError e) {
            ctx.events.error(e, event.eventId());
        }
    }

    private void sessionUpdate(ClientEvent.SessionUpdate update) {
        SessionSettings settings = ctx.settings;
        SessionSettings next = settings.apply(update.session(), ctx.limits);
        ObjectNode e = ctx.events.event("session.updated");
        e.set("session", next.toJson());
        ctx.events.requireFits(e, "session");
        boolean promptChanged = !next.instructions.equals(settings.instructions) || !next.tools.equals(settings.tools);
        ctx.settings = next;
        if (promptChanged) { // warm the model's prompt cache with the new system block (returns at once)
            ctx.engines.chatModel().prefill(new ChatRequest(next.instructions, List.of(), next.tools, null, null, next.toolChoice));
        }
        ctx.events.emit(e);
        mcp.sync();
    }

    // ------------------------------------------------------------------------------------------------ worker

    /** The worker: runs queued jobs one at a time until the session closes. */
    private void workLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Runnable job = ctx.nextJob();
                if (closedNow()) return;
                try {
                    job.run();
                } catch (RuntimeException e) {
                    LOG.error("realtime {}: worker job failed", ctx.id, e);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
