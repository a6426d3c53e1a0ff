package dev.parley.server.realtime;

import dev.parley.server.realtime.internal.Conversation;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SessionSettings;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stages of one {@link RealtimeSession} share: its server-side config and engines, the one session lock,
 * the settings, the conversation, the event emitter and the worker's job queue.
 *
 * <h2>Threading</h2>
 * {@link #settings}, {@link #closed} and {@link #conversation} are guarded by {@link #lock}: read and written only
 * while holding it (the one exception: {@link RealtimeSession#awaitTermination} reads {@link #closed} without it,
 * hence volatile). Engine calls (STT, LLM, TTS) and MCP I/O run outside it; every stage says which of its methods
 * expect the lock held. The job queue is thread-safe.
 */
final class SessionContext {
    /** Every stage logs under the session's name. */
    static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);
    /** The rate of input audio inside the session (VAD, buffer, transcription). */
    static final int RATE = 16000;
    /** Worker jobs (transcriptions, responses) waiting at most; beyond that the request is refused. */
    static final int MAX_JOBS = 64;

    final RealtimeConfig config;
    final RealtimeEngines engines;
    /** What a client may ask of this session: voices, answer length (the model's), text lengths. */
    final SessionSettings.Limits limits;
    final ReentrantLock lock = new ReentrantLock();
    final ServerEvents events;
    final Conversation conversation = new Conversation();
    /** The session id ({@code session.id}); fixed for the session's life. */
    final String id;
    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(MAX_JOBS);

    /** The client's settings; replaced (never mutated) by {@code session.update}. Guarded by {@link #lock}. */
    SessionSettings settings;
    /** The session has closed: no stage starts new work or emits. Written under {@link #lock}. */
    volatile boolean closed;

    SessionContext(RealtimeConfig config, RealtimeEngines engines) {
        this.config = config;
        this.engines = engines;
        this.limits = new SessionSettings.Limits(config.voiceExists(), engines.chatModel().maxOutputTokens(),
                config.maxItemTextChars());
        this.events = new ServerEvents(lock, config.maxEventChars());
        this.settings = new SessionSettings(ServerEvents.newId("sess"), config.model(), config.defaultVoice(),
                config.serverVadAtConnect());
        this.id = settings.id;
    }

    /**
     * Queues {@code job} for the session's worker. Never blocks.
     *
     * @throws RealtimeError {@code server_busy} when {@value #MAX_JOBS} jobs already wait (the job is dropped)
     */
    void submit(Runnable job) {
        if (!jobs.offer(job)) {
            throw new RealtimeError("server_error", "server_busy", "Too many pending operations in this session", null);
        }
    }

    /** The worker's next job; blocks until there is one. */
    Runnable nextJob() throws InterruptedException {
        return jobs.take();
    }

    /** Drops the jobs not yet started (the session closed). */
    void dropJobs() {
        jobs.clear();
    }
}
