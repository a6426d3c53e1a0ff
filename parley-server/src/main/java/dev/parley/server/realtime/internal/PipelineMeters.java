package dev.parley.server.realtime.internal;

import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.SttResult;
import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.engines.llm.ChatListener;
import dev.parley.server.realtime.RealtimeEngines;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the voice agent's work in flight, so operators (and tests) see that a closed session leaves nothing
 * running: open sessions, language-model completions, speech syntheses and transcriptions in progress, and finished
 * completions by finish reason. Exported as {@code parley_realtime_*}. Thread-safe.
 */
public final class PipelineMeters {
    private final MeterRegistry registry;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger syntheses = new AtomicInteger();
    private final AtomicInteger transcriptions = new AtomicInteger();

    public PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("parley.realtime.sessions.active", sessions, AtomicInteger::get)
                .description("Open voice-agent sessions").register(registry);
        Gauge.builder("parley.realtime.llm.completions.active", completions, AtomicInteger::get)
                .description("Language-model completions in progress").register(registry);
        Gauge.builder("parley.realtime.tts.active", syntheses, AtomicInteger::get)
                .description("Speech syntheses in progress").register(registry);
        Gauge.builder("parley.realtime.stt.active", transcriptions, AtomicInteger::get)
                .description("Transcriptions in progress").register(registry);
    }

    /** Open sessions; the adapter increments on open and decrements on close. */
    public AtomicInteger sessions() {
        return sessions;
    }

    public int completionsActive() {
        return completions.get();
    }

    public int synthesesActive() {
        return syntheses.get();
    }

    public int transcriptionsActive() {
        return transcriptions.get();
    }

    /** Completions finished with {@code reason} ({@code stop}, {@code length}, {@code tool_calls}, {@code cancelled}, {@code failed}). */
    public double completionsFinished(String reason) {
        Counter c = registry.find("parley.realtime.llm.completions").tag("finish", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** Clauses synthesized with {@code voice} so far. */
    public double synthesesWithVoice(String voice) {
        Counter c = registry.find("parley.realtime.tts.syntheses").tag("voice", voice).counter();
        return c == null ? 0 : c.count();
    }

    /** The same engines, their work counted here. */
    public RealtimeEngines instrument(RealtimeEngines e) {
        return new RealtimeEngines(e.vad(), transcriber(e.transcriber()), chat(e.chatModel()), e.speech(), this);
    }

    /** Counts one clause synthesis with API voice {@code voice}; close the result when it ends. */
    public AutoCloseable synthesis(String voice) {
        syntheses.incrementAndGet();
        Counter.builder("parley.realtime.tts.syntheses").tag("voice", voice)
                .description("Clauses synthesized, by voice").register(registry).increment();
        return syntheses::decrementAndGet;
    }

    private FileTranscriber transcriber(FileTranscriber t) {
        return new FileTranscriber() {
            @Override
            public SttResult transcribe(float[] audio16k, SttOptions options) {
                return t.transcribe(audio16k, options);
            }

            @Override
            public String transcribeUtterance(float[] audio16k) {
                transcriptions.incrementAndGet();
                try {
                    return t.transcribeUtterance(audio16k);
                } finally {
                    transcriptions.decrementAndGet();
                }
            }
        };
    }

    private ChatModel chat(ChatModel m) {
        return new ChatModel() {
            @Override
            public ChatHandle stream(ChatRequest request, ChatListener listener) {
                completions.incrementAndGet();
                AtomicBoolean ended = new AtomicBoolean();
                ChatListener counted = ev -> {
                    // count the end before the listener sees it: a caller woken by the terminal event reads 0
                    String finish = switch (ev) {
                        case ChatEvent.Done d -> d.reason().name().toLowerCase(Locale.ROOT);
                        case ChatEvent.Failed f -> "failed";
                        default -> null;
                    };
                    if (finish != null && ended.compareAndSet(false, true)) {
                        completions.decrementAndGet();
                        Counter.builder("parley.realtime.llm.completions").tag("finish", finish)
                                .description("Finished language-model completions").register(registry).increment();
                    }
                    listener.onEvent(ev);
                };
                try {
                    return m.stream(request, counted);
                } catch (RuntimeException e) {
                    if (ended.compareAndSet(false, true)) completions.decrementAndGet();
                    throw e;
                }
            }

            @Override
            public void prefill(ChatRequest request) {
                m.prefill(request);
            }

            @Override
            public int maxOutputTokens() {
                return m.maxOutputTokens();
            }

            @Override
            public String name() {
                return m.name();
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }
}
