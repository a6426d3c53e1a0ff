package dev.parley.server.tts;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.text.Languages;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.TtsEngine;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.ApiException;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.voices.VoiceCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text to speech: {@code POST /v1/tts} (spec §5, {@link TtsRest}) and the TTS WebSocket {@code GET /v1/tts} +
 * upgrade (spec §6, {@link TtsStream}), and OpenAI's {@code POST /v1/audio/speech} as an alias of the former
 * ({@link OpenAiSpeech}).
 *
 * <p>Engines: the runtime's TTS engines, in {@code tts.engines} order (Kokoro, Piper and espeak-ng by default), all
 * loaded at install. A voice speaks with the engine configured for it ({@code voices.<id>.engine} /
 * {@code engine_voice}); when that engine is missing (no model) or cannot speak the language, the next one that can is
 * used, with the voice's profile there, so a host without the neural models still speaks with espeak-ng. A missing
 * engine is logged as a warning at start and shown in {@code /ready} ({@code tts} check detail); the check fails only
 * when no engine at all can run. With {@code tts.warm_up}, every engine synthesises one short phrase during install
 * (ONNX Runtime's first run allocates and optimises; about 2 s for Kokoro on two cores), so the server listens only
 * once the first request will not pay for it.
 *
 * <p>Lifecycle: {@link #install} once; {@link #close} waits for the syntheses still running (the engines belong to the
 * runtime). Thread-safe after install.
 */
public final class TtsFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(TtsFeature.class);

    private final ParleyConfig.Tts config;
    private final Map<String, String> engineStatus = new LinkedHashMap<>();
    private volatile boolean anyEngine;
    private TtsService service;

    /** @param config the {@code tts} section */
    public TtsFeature(ParleyConfig.Tts config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "tts";
    }

    @Override
    public void install(ServerContext ctx) {
        VoiceCatalog catalog = ctx.voices();
        EngineRuntime runtime = ctx.engines();
        TtsEngines engines = runtime.tts();
        loadEngines(engines, catalog);
        SpeechSynthesizer synth = new SpeechSynthesizer(engines, catalog.mapping());
        TtsSettings settings = TtsSettings.of(config);
        service = new TtsService(catalog, synth, new TtsMetrics(ctx.meters()), settings);
        TtsRest rest = new TtsRest(service);
        ctx.router()
                .post("/v1/tts", rest)
                .post("/v1/audio/speech", new OpenAiSpeech(rest, service)) // OpenAI-compatible alias
                .websocket("/v1/tts", hs -> {
                    WsParams params = WsParams.parse(hs, service);
                    return new TtsStream(service, params);
                });
        ctx.readiness().add("tts", this::readiness);
        if (config.warmUp()) {
            for (Map.Entry<String, String> e : engineStatus.entrySet()) {
                if (e.getValue().equals("loaded")) runtime.warmUpTts(e.getKey());
            }
        }
    }

    private void loadEngines(TtsEngines engines, VoiceCatalog catalog) {
        for (String id : engines.order()) {
            try {
                engines.get(id);
                engineStatus.put(id, "loaded");
            } catch (EngineUnavailableException e) {
                engineStatus.put(id, "unavailable: " + e.getMessage());
                LOG.warn("TTS engine {} is unavailable, voices configured for it fall back to the next engine of {}: {}",
                        id, engines.order(), e.getMessage());
            }
        }
        anyEngine = engineStatus.containsValue("loaded");
        if (!anyEngine) LOG.error("no TTS engine can run on this host: /v1/tts answers 503 (run ./parley models fetch "
                + "and install espeak-ng)");
        var en = Languages.resolve("en", "");
        for (VoiceCatalog.Entry v : catalog.all()) {
            if (!"loaded".equals(engineStatus.get(v.engine()))) continue;
            TtsEngine e = engines.get(v.engine());
            var profile = catalog.mapping().get(v.voice().voiceId()).profile(v.engine());
            if (v.engineVoice() != null && !v.engineVoice().equals(e.voiceFor(profile, en))) {
                LOG.warn("voice {}: engine {} has no voice '{}'; a voice of that engine is chosen by gender instead",
                        v.voice().voiceId(), v.engine(), v.engineVoice());
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
     * Waits (at most 30 s) for the syntheses still running to end (workers of closed sockets finish their current
     * chunk), so the runtime that closes after the features never frees a native session in use.
     */
    @Override
    public void close() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (service != null && service.metrics.active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (service != null && service.metrics.active.get() > 0) {
                LOG.warn("{} TTS synthesis still running at shutdown", service.metrics.active.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
