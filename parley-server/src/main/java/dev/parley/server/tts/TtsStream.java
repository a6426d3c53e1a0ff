package dev.parley.server.tts;

import dev.parley.engines.text.IncrementalText;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.UnknownVoiceException;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One TTS WebSocket session (spec §6), free of transport: client messages in ({@link #receive}), server events out
 * ({@link Out}). The Jetty adapter is {@link TtsSocket}.
 *
 * <h2>Protocol</h2>
 * Client: {@code text.delta {delta}} (each at most {@code maxTextChars}), {@code text.done}, {@code text.clear},
 * {@code session.update {replace}}. Server: {@code audio.delta {delta}} (base64 in the socket's codec, at most
 * {@value #MAX_DELTA_BYTES} bytes of audio each, with {@code audio_timestamps} when asked for), {@code audio.done
 * {trace_id}}, {@code audio.clear}, {@code error {message}} (flat; the socket stays open). Utterances follow one
 * another on the same socket; the deltas of one utterance concatenate to one playable file (WAV: header in the first
 * delta; MP3: raw frames).
 *
 * <h2>Incremental synthesis</h2>
 * Text is cut into sentences as it arrives ({@link IncrementalText}); each complete sentence is planned and its chunks
 * synthesised at once, long before {@code text.done}. Text without a sentence end is synthesised after
 * {@code idleFlushMillis} without a new delta when it ends with sentence punctuation or holds at least
 * {@code idleFlushMinChars} characters (then cut at the last space; the rest waits). The language of an utterance is
 * fixed by its first planned text ({@code auto} detects it there).
 *
 * <h2>Threading and bounds</h2>
 * {@link #receive} runs on the transport's thread (never concurrently with itself) and only parses and enqueues. One
 * virtual thread per session (the worker, {@link #start}) does everything else in order: it handles messages, plans,
 * synthesises (blocking; the native work runs on the inference pool) and calls {@link Out#send}. Between two chunks it
 * handles every message waiting, so {@code text.clear} takes effect within one chunk. The inbox holds at most
 * {@code wsInboxMessages} messages: {@link #receive} asks the transport for the next message only while there is room
 * (else the worker asks when it takes one), so a client that sends faster than the worker handles is slowed down by
 * TCP. Text waiting for synthesis is bounded by {@code wsMaxPendingChars}: past it the worker synthesises without
 * reading, the inbox fills, and the same backpressure applies. The outbound bound is the transport's
 * ({@link TtsSocket}). After the first chunk of an utterance, while a chunk is synthesised the next one, when its
 * text is already there, is synthesised alongside (one chunk ahead, as {@link Lookahead} does for REST). {@link #cancel} stops the worker before its next
 * chunk; work is never interrupted mid-call (native encoders must not be freed while in use), and the worker waits for
 * a chunk still in flight before it ends.
 */
final class TtsStream {
    private static final Logger LOG = LoggerFactory.getLogger(TtsStream.class);
    /** Largest audio payload of one {@code audio.delta}, in bytes before base64. */
    static final int MAX_DELTA_BYTES = 32 * 1024;
    /** Text without a sentence end is released by {@link IncrementalText} past this many characters. */
    static final int MAX_SENTENCE_CHARS = 1000;

    /** Where server events go. */
    interface Out {
        /**
         * Sends one JSON text message. Called by the worker thread only, never concurrently; must not block
         * (the transport queues it and enforces its own bound).
         */
        void send(String json);
    }

    /** A client message, parsed. */
    sealed interface In {
        record Delta(String text) implements In {}
        record Done() implements In {}
        record Clear() implements In {}
        record Update(Map<String, String> replace) implements In {}
        record Invalid(String message) implements In {}
        record Wake() implements In {}
    }

    private sealed interface Work {
        record Piece(SpeechSynthesizer.Plan plan, SpeechPiece piece) implements Work {}
        record End() implements Work {}
    }

    private final TtsService service;
    private final WsParams params;
    private final Out out;
    private final TtsSettings settings;
    private final BlockingQueue<In> inbox;
    private final ReentrantLock demandLock = new ReentrantLock();
    private Runnable pendingDemand;
    private final AtomicReference<String> cancelled = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    // Worker state (worker thread only).
    private final IncrementalText text = new IncrementalText(MAX_SENTENCE_CHARS);
    private final Deque<Work> work = new ArrayDeque<>();
    private int buffered;
    private int pendingChars;
    private long idleDeadline = -1;
    private Map<String, String> replace = Map.of();
    private boolean inUtterance;
    private boolean planned;
    private String utteranceLanguage;
    private String traceId;
    private long utteranceStart;
    private boolean audioSent;
    private double utteranceSeconds;
    private AudioEncoder encoder;
    /** Chunk synthesis: the current chunk and at most one chunk ahead (virtual threads; native work in the pool). */
    private final ExecutorService synthesis = Executors.newVirtualThreadPerTaskExecutor();
    private Work.Piece aheadPiece;
    private Future<float[]> ahead;

    TtsStream(TtsService service, WsParams params, Out out) {
        this.service = service;
        this.params = params;
        this.out = out;
        this.settings = service.settings;
        this.inbox = new ArrayBlockingQueue<>(settings.wsInboxMessages() + 1); // + 1: room for the wake-up marker
    }

    /** Starts the worker (a virtual thread). */
    void start() {
        service.metrics.active.incrementAndGet();
        Thread.ofVirtual().name("parley-tts-ws").start(this::run);
    }

    /**
     * Parses and enqueues one client text message. Calls {@code demandMore} (now, or later from the worker) when the
     * inbox has room for the next message; call it exactly once per message.
     */
    void receive(String message, Runnable demandMore) {
        enqueue(parse(message), demandMore);
    }

    /** A message the protocol does not allow (binary frame): answered with an {@code error} event. */
    void receiveInvalid(String why, Runnable demandMore) {
        enqueue(new In.Invalid(why), demandMore);
    }

    private void enqueue(In in, Runnable demandMore) {
        boolean demandNow;
        demandLock.lock();
        try {
            if (cancelled.get() != null) return;
            if (!inbox.offer(in)) throw new IllegalStateException("inbox overflow: demanded without room");
            demandNow = inbox.size() < settings.wsInboxMessages();
            if (!demandNow) pendingDemand = demandMore;
        } finally {
            demandLock.unlock();
        }
        if (demandNow) demandMore.run();
    }

    /**
     * Stops the session: the worker ends before its next chunk and releases its encoder. Idempotent; the first
     * reason counts ({@code client_gone}, {@code slow_reader}, {@code shutdown}).
     */
    void cancel(String reason) {
        if (!cancelled.compareAndSet(null, reason)) return;
        demandLock.lock();
        try {
            inbox.clear();
            inbox.offer(new In.Wake());
            pendingDemand = null;
        } finally {
            demandLock.unlock();
        }
    }

    /** Waits for the worker to end (tests). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static In parse(String message) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(message);
        } catch (JacksonException e) {
            return new In.Invalid("Invalid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) return new In.Invalid("Messages must be JSON objects with a 'type'");
        JsonNode t = n.get("type");
        if (t == null || !t.isString()) return new In.Invalid("Message has no 'type'");
        return switch (t.stringValue()) {
            case "text.delta" -> {
                JsonNode d = n.get("delta");
                if (d == null || !d.isString()) yield new In.Invalid("text.delta needs a string 'delta'");
                yield new In.Delta(d.stringValue());
            }
            case "text.done" -> new In.Done();
            case "text.clear" -> new In.Clear();
            case "session.update" -> {
                JsonNode r = n.has("replace") ? n.get("replace") : n.path("session").get("replace");
                try {
                    yield new In.Update(r == null || r.isNull() ? null : TtsRequest.replace(r, "replace"));
                } catch (ApiException e) {
                    yield new In.Invalid(e.getMessage());
                }
            }
            default -> new In.Invalid("Unknown message type '" + t.stringValue()
                    + "' (expected text.delta, text.done, text.clear or session.update)");
        };
    }

    // ---- worker ----

    private void run() {
        try {
            while (cancelled.get() == null) {
                In in = next();
                if (cancelled.get() != null) break;
                if (in != null) handle(in);
                else if (!work.isEmpty()) step();
                else idleFlush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("TTS WebSocket session failed", e);
            sendError("Internal error while synthesising speech");
        } finally {
            String reason = cancelled.get();
            if (reason != null && (inUtterance || !work.isEmpty())) service.metrics.cancelled("ws", reason);
            synthesis.close(); // waits for a chunk still in flight: no synthesis outlives the session
            if (encoder != null) encoder.close();
            service.metrics.active.decrementAndGet();
            finished.countDown();
        }
    }

    /** The next message, or null when it is time to synthesise (work waiting) or to flush idle text. */
    private In next() throws InterruptedException {
        long waitMillis;
        if (!work.isEmpty()) {
            if (pendingChars > settings.wsMaxPendingChars()) return null;
            waitMillis = 0;
        } else if (idleDeadline >= 0) {
            waitMillis = Math.max(0, (idleDeadline - System.nanoTime()) / 1_000_000);
            if (waitMillis == 0) return null;
        } else {
            waitMillis = 60_000;
        }
        In in = waitMillis == 0 ? inbox.poll() : inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (in != null) {
            Runnable demand = null;
            demandLock.lock();
            try {
                if (pendingDemand != null && inbox.size() < settings.wsInboxMessages()) {
                    demand = pendingDemand;
                    pendingDemand = null;
                }
            } finally {
                demandLock.unlock();
            }
            if (demand != null) demand.run();
        }
        return in;
    }

    private void handle(In in) {
        switch (in) {
            case In.Delta d -> delta(d.text());
            case In.Done ignored -> {
                beginUtterance();
                idleDeadline = -1;
                buffered = 0;
                plan(text.finish());
                work.add(new Work.End());
            }
            case In.Clear ignored -> clear();
            case In.Update u -> {
                if (u.replace() != null) replace = Map.copyOf(u.replace());
            }
            case In.Invalid i -> sendError(i.message());
            case In.Wake ignored -> { }
        }
    }

    private void delta(String delta) {
        int n = delta.codePointCount(0, delta.length());
        if (n > settings.maxTextChars()) {
            sendError("text.delta is " + n + " characters long; the limit is " + settings.maxTextChars());
            return;
        }
        if (delta.isEmpty()) return;
        beginUtterance();
        String released = text.push(delta);
        buffered = Math.max(0, buffered + delta.length() - released.length());
        idleDeadline = buffered > 0 ? System.nanoTime() + settings.idleFlushMillis() * 1_000_000 : -1;
        plan(released);
    }

    /** Idle text: synthesise what can be cut off cleanly, keep the rest waiting for more text. */
    private void idleFlush() {
        idleDeadline = -1;
        if (buffered == 0) return;
        String rest = text.finish();
        String stripped = rest.stripTrailing();
        String release = "";
        if (endsSentence(stripped)) {
            release = rest;
        } else if (stripped.length() >= settings.idleFlushMinChars()) {
            int cut = lastSpace(stripped);
            release = cut > 0 ? rest.substring(0, cut) : rest;
        }
        String keep = rest.substring(release.length());
        plan(release);
        buffered = keep.length();
        if (!keep.isEmpty()) plan(text.push(keep));
    }

    private static boolean endsSentence(String s) {
        int i = s.length() - 1;
        while (i >= 0 && "\"')]}»”’".indexOf(s.charAt(i)) >= 0) i--;
        return i >= 0 && ".!?…。！？".indexOf(s.charAt(i)) >= 0;
    }

    private static int lastSpace(String s) {
        for (int i = s.length() - 1; i > 0; i--) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private void beginUtterance() {
        if (inUtterance) return;
        inUtterance = true;
        planned = false;
        utteranceLanguage = null;
        traceId = UUID.randomUUID().toString();
        utteranceStart = System.nanoTime();
        audioSent = false;
        utteranceSeconds = 0;
    }

    private void plan(String released) {
        if (released.isEmpty() || released.codePoints().noneMatch(Character::isLetterOrDigit)) return;
        SpeechSynthesizer.Plan p;
        try {
            p = service.plan(released, params.voice(), utteranceLanguage != null ? utteranceLanguage : params.language(),
                    params.speed(), params.normalize(), replace, params.latency(), !planned);
        } catch (UnsupportedLanguageException | UnknownVoiceException e) {
            sendError(e.getMessage());
            return;
        } catch (EngineUnavailableException e) {
            sendError("No text-to-speech engine is available: " + e.getMessage());
            return;
        }
        planned = true;
        utteranceLanguage = p.language().code();
        service.metrics.characters("ws", released.codePointCount(0, released.length()));
        for (SpeechPiece piece : p.pieces()) {
            work.add(new Work.Piece(p, piece));
            pendingChars += chars(piece);
        }
    }

    private static int chars(SpeechPiece piece) {
        return piece instanceof SpeechPiece.Speech s ? s.text().length() : 0;
    }

    /** Synthesises and sends the next chunk, or ends the utterance. */
    private void step() {
        Work w = work.poll();
        switch (w) {
            case Work.End ignored -> endUtterance();
            case Work.Piece p -> {
                pendingChars -= chars(p.piece());
                Future<float[]> f;
                if (ahead != null && aheadPiece == p) {
                    f = ahead;
                } else {
                    f = synthesis.submit(() -> service.synthesize(p.plan(), p.piece()));
                }
                ahead = null;
                aheadPiece = null;
                // Synthesise the next chunk alongside this one, except alongside the first of an utterance (it would
                // slow the first audio down where cores are busy; see Lookahead).
                if (utteranceSeconds > 0 && work.peek() instanceof Work.Piece next) {
                    aheadPiece = next;
                    ahead = synthesis.submit(() -> service.synthesize(next.plan(), next.piece()));
                }
                float[] audio = result(f);
                if (cancelled.get() != null) return;
                if (encoder == null) encoder = new AudioEncoder(params.format());
                double seconds = audio.length / (double) p.plan().sampleRate();
                CharTimes times = null;
                if (params.withTimestamps()) {
                    times = new CharTimes();
                    times.add(p.piece(), utteranceSeconds, seconds);
                }
                utteranceSeconds += seconds;
                sendAudio(encoder.encode(audio, p.plan().sampleRate()), times, p.plan().engineId());
            }
        }
    }

    private static float[] result(Future<float[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while synthesising", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void endUtterance() {
        if (encoder == null) encoder = new AudioEncoder(params.format());
        byte[] tail = encoder.finish();
        encoder = null;
        sendAudio(tail, null, null);
        ObjectNode done = Json.MAPPER.createObjectNode();
        done.put("type", "audio.done");
        done.put("trace_id", traceId);
        out.send(done.toString());
        inUtterance = false;
    }

    private void clear() {
        text.clear();
        buffered = 0;
        idleDeadline = -1;
        work.clear();
        ahead = null; // still running: its result is dropped
        aheadPiece = null;
        pendingChars = 0;
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        if (inUtterance) service.metrics.cancelled("ws", "clear");
        inUtterance = false;
        out.send("{\"type\":\"audio.clear\"}");
    }

    private void sendAudio(byte[] bytes, CharTimes times, String engine) {
        if (bytes.length == 0 && (times == null || times.isEmpty())) return;
        int off = 0;
        do {
            int n = Math.min(MAX_DELTA_BYTES, bytes.length - off);
            ObjectNode delta = Json.MAPPER.createObjectNode();
            delta.put("type", "audio.delta");
            delta.put("delta", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, off, off + n)));
            if (times != null && off == 0) delta.set("audio_timestamps", times.toJson());
            out.send(delta.toString());
            off += n;
        } while (off < bytes.length);
        if (!audioSent && bytes.length > 0 && engine != null) {
            audioSent = true;
            service.metrics.ttfa("ws", engine, System.nanoTime() - utteranceStart);
        }
    }

    private void sendError(String message) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "error");
        e.put("message", message);
        out.send(e.toString());
    }
}
