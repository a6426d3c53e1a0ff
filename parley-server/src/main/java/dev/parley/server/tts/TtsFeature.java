package dev.parley.server.tts;

import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.tts.EngineUnavailableException;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.TtsEngine;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.http.ApiException;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.SessionPermits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text to speech: {@code POST /v1/tts} (spec §5, {@link TtsRest}) and the TTS WebSocket {@code GET /v1/tts} +
 * upgrade (spec §6, {@link TtsSocket}), and OpenAI's {@code POST /v1/audio/speech} as an alias of the former
 * ({@link OpenAiSpeech}).
 *
 * <p>Engines: Kokoro (default), Piper and espeak-ng, loaded at install. A voice speaks with the engine configured for
 * it ({@code voices.<id>.engine} / {@code engine_voice}); when that engine is missing (no model) or cannot speak the
 * language, the next one in {@link TtsSettings#engineOrder()} that can is used, so a host without the neural models
 * still speaks with espeak-ng. A missing engine is logged as a warning at start and shown in {@code /ready}
 * ({@code tts} check detail); the check fails only when no engine at all can run. After loading, every engine
 * synthesises one short phrase during install (warm-up: ONNX Runtime's first run allocates and optimises; about 2 s
 * for Kokoro on two cores), so the server listens only once the first request will not pay for it.
 *
 * <p>Lifecycle: {@link #install} once; {@link #close} releases the engines it loaded (not shared ones passed in).
 * Thread-safe after install.
 */
public final class TtsFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(TtsFeature.class);

    private final TtsSettings settings;
    private final TtsEngines engines;
    private final boolean ownsEngines;
    private final Map<String, String> engineStatus = new LinkedHashMap<>();
    private volatile boolean anyEngine;
    private TtsService service;
    private volatile SessionPermits wsPermits = new SessionPermits(maxWsSessionsPerKey(System.getenv()));

    /** Spec §10 (DOC-TTS): 50 concurrent streaming sessions per team. */
    public static final int DEFAULT_MAX_WS_SESSIONS_PER_KEY = 50;

    /**
     * Streaming sessions one API key (with the client secrets it minted) may hold on {@code /v1/tts}:
     * {@code PARLEY_TTS_MAX_SESSIONS_PER_KEY}, else {@link #DEFAULT_MAX_WS_SESSIONS_PER_KEY}.
     *
     * @throws IllegalArgumentException naming the variable when it is not a positive integer
     */
    static int maxWsSessionsPerKey(Map<String, String> env) {
        String v = env.get("PARLEY_TTS_MAX_SESSIONS_PER_KEY");
        if (v == null || v.isBlank()) return DEFAULT_MAX_WS_SESSIONS_PER_KEY;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("PARLEY_TTS_MAX_SESSIONS_PER_KEY: must be a positive integer, got '" + v + "'");
    }

    /** Caps streaming sessions per API key at {@code n} (tests; call before the server starts). */
    public TtsFeature withMaxWsSessionsPerKey(int n) {
        wsPermits = new SessionPermits(n);
        return this;
    }

    /** Production: {@link TtsSettings#defaults()}, engines loaded and owned by this feature. */
    public TtsFeature() {
        this(TtsSettings.defaults(), null);
    }

    /**
     * @param settings limits and tuning
     * @param engines  engines to share (tests, benchmarks: loaded once for several servers; not closed by
     *                 {@link #close}), or null to load and own them
     */
    public TtsFeature(TtsSettings settings, TtsEngines engines) {
        this.settings = settings;
        this.ownsEngines = engines == null;
        this.engines = engines != null ? engines : new TtsEngines(settings.engineOrder());
    }

    @Override
    public String name() {
        return "tts";
    }

    @Override
    public void install(ServerContext ctx) {
        VoiceCatalog catalog = VoiceCatalog.from(ctx.config());
        List<TtsEngine> loaded = loadEngines(catalog);
        SpeechSynthesizer synth = new SpeechSynthesizer(engines, TtsService.mapping(catalog));
        service = new TtsService(catalog, synth, new TtsMetrics(ctx.meters()), settings);
        TtsRest rest = new TtsRest(service);
        ctx.router()
                .post("/v1/tts", rest)
                .post("/v1/audio/speech", new OpenAiSpeech(rest, service)) // OpenAI-compatible alias
                .websocket("/v1/tts", hs -> {
                    WsParams params = WsParams.parse(hs, service);
                    SessionPermits permits = wsPermits;
                    SessionPermits.Permit permit = permits.tryAcquire(hs.principal().account());
                    if (permit == null) throw new ApiException(429, "Too many concurrent TTS streaming sessions for"
                            + " this API key (limit " + permits.maxPerAccount() + "); close one and retry");
                    return new TtsSocket(service, params, permit);
                });
        ctx.readiness().add("tts", this::readiness);
        if (settings.warmUp()) warmUp(loaded);
    }

    private List<TtsEngine> loadEngines(VoiceCatalog catalog) {
        List<TtsEngine> loaded = new ArrayList<>();
        for (String id : settings.engineOrder()) {
            try {
                TtsEngine e = engines.get(id);
                loaded.add(e);
                engineStatus.put(id, "loaded");
            } catch (EngineUnavailableException e) {
                engineStatus.put(id, "unavailable: " + e.getMessage());
                LOG.warn("TTS engine {} is unavailable, voices configured for it fall back to the next engine of {}: {}",
                        id, settings.engineOrder(), e.getMessage());
            } catch (RuntimeException e) {
                engineStatus.put(id, "failed to load: " + e.getMessage());
                LOG.warn("TTS engine {} failed to load; voices configured for it fall back to the next engine", id, e);
            }
        }
        anyEngine = !loaded.isEmpty();
        if (!anyEngine) LOG.error("no TTS engine can run on this host: /v1/tts answers 503 (run ./parley models fetch "
                + "and install espeak-ng)");
        for (VoiceCatalog.Entry v : catalog.all()) {
            for (TtsEngine e : loaded) {
                if (e.id().equals(v.engine()) && !e.id().equals("piper") && !e.voices().contains(v.engineVoice())) {
                    LOG.warn("voice {}: engine {} has no voice '{}'; a default voice of that engine is used instead",
                            v.voice().voiceId(), e.id(), v.engineVoice());
                }
            }
        }
        return loaded;
    }

    /** One short synthesis per engine, on the installing (platform) thread. A failure is logged, never fatal. */
    private static void warmUp(List<TtsEngine> loaded) {
        for (TtsEngine e : loaded) {
            long t0 = System.nanoTime();
            try {
                e.synthesize("Ready.", e.voices().getFirst(), Prosody.NORMAL, Languages.resolve("en", ""));
                LOG.info("TTS engine {} warmed up in {} ms", e.id(), (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException ex) {
                LOG.warn("warm-up of TTS engine {} failed: {}", e.id(), ex.toString());
            }
        }
    }

    private ReadinessCheck.Status readiness() {
        StringBuilder detail = new StringBuilder();
        engineStatus.forEach((id, s) -> detail.append(detail.isEmpty() ? "" : "; ").append(id).append(' ').append(s));
        if (!anyEngine) return ReadinessCheck.Status.notReady("no engine can run: " + detail);
        return ReadinessCheck.Status.ok(detail.toString());
    }

    /** Per-engine load status, by engine id ({@code loaded}, {@code unavailable: ...}). */
    public Map<String, String> engineStatus() {
        return Map.copyOf(engineStatus);
    }

    /**
     * Releases the engines this feature loaded, after the syntheses still running (workers of closed sockets finish
     * their current chunk) have ended, waiting at most 30 s: native sessions must not be freed while in use.
     */
    @Override
    public void close() {
        if (!ownsEngines) return;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (service != null && service.metrics.active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (service != null && service.metrics.active.get() > 0) {
                LOG.warn("{} TTS synthesis still running at shutdown; engines left loaded", service.metrics.active.get());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        engines.close();
    }
}
