package dev.parley.server.realtime;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.vad.Vad;
import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.auth.BearerTokens;
import dev.parley.server.auth.Principal;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.ApiException;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.realtime.internal.PipelineMeters;
import dev.parley.server.secrets.ClientSecretVerifier;
import dev.parley.server.secrets.ClientSecrets;
import dev.parley.server.secrets.ClientSecretsJson;
import dev.parley.server.secrets.MintedSecret;
import dev.parley.server.secrets.SecretRequestException;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.WsHandshake;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice agent: {@code GET /v1/realtime} (WebSocket, spec §4) and {@code POST /v1/realtime/client_secrets}
 * (spec §3), with the ephemeral-secret verifier in the credential chain.
 *
 * <h2>Pipeline (the runtime's engines, shared by all sessions and with the other features)</h2>
 * <ul>
 *   <li>VAD: Silero (one ONNX session; per-session stream state), frames on the runtime's one-thread VAD pool so
 *       speech start is never queued behind synthesis or transcription;</li>
 *   <li>STT: the runtime's transcriber (Moonshine tiny text of each committed turn) on the inference pool;</li>
 *   <li>LLM: {@code llm.backend}: {@code embedded} = SmolLM2-135M-Instruct on llama.cpp, or {@code openai} = an
 *       OpenAI-compatible endpoint ({@code llm.base_url}, {@code llm.api_key}, {@code llm.model});</li>
 *   <li>TTS: the voices of {@code voices:} in the config, each spoken with its own engine
 *       ({@code voices.<id>.engine}) exactly as {@code /v1/tts} speaks it; the session's {@code voice} at the time a
 *       response is created speaks that response (so a {@code session.update} changes the next response's sound).
 *       Every engine a configured voice names is loaded and warmed up at install.</li>
 * </ul>
 * A missing model does not stop the server: the feature installs, {@code /ready} names the model ({@code realtime}
 * check; a voice's engine counts), and {@code /v1/realtime} answers 503 before the upgrade with the command that
 * fixes it.
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
    /**
     * Largest decoded audio in one {@code input_audio_buffer.append} (8 MiB, about 3 minutes of 24 kHz PCM): its
     * base64 text must fit in one WebSocket message ({@code websocket.max_message_bytes}); a larger message is refused
     * by the transport with close code 1009.
     */
    public static final int MAX_APPEND_BYTES = 8 << 20;
    /** Largest request body of {@code POST /v1/realtime/client_secrets}. */
    static final int MAX_SECRET_REQUEST_BYTES = 64 * 1024;

    private final ParleyConfig.Realtime config;
    private final Clock clock;
    private final Consumer<RealtimeSession> sessionListener;
    private volatile RealtimeEngines engines;
    private volatile String unavailable;
    private PipelineMeters meters;
    private ClientSecrets secrets;
    private Thread warmUp;

    /** @param config the {@code realtime} section */
    public RealtimeFeature(ParleyConfig.Realtime config) {
        this(config, Clock.systemUTC(), s -> {});
    }

    /**
     * @param config          the {@code realtime} section
     * @param clock           clock of client-secret minting and expiry (tests inject one)
     * @param sessionListener told about every session when its handshake is accepted (tests); may be a no-op
     */
    public RealtimeFeature(ParleyConfig.Realtime config, Clock clock, Consumer<RealtimeSession> sessionListener) {
        this.config = config;
        this.clock = clock;
        this.sessionListener = sessionListener;
    }

    @Override
    public void install(ServerContext ctx) {
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
                ClientSecretsJson.Request req = ClientSecretsJson.parseRequest(body, MODELS);
                MintedSecret minted = secrets.mint(apiKey, req.seconds(), req.defaults());
                ex.send(200, "application/json", ClientSecretsJson.responseBody(minted).getBytes(StandardCharsets.UTF_8));
            } catch (SecretRequestException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        });

        VoiceCatalog catalog = ctx.voices();
        List<String> ttsEngines = voiceEngines(catalog);
        EngineRuntime runtime = ctx.engines();
        // every engine the agent needs, each asked for even when an earlier one is missing: /ready names them all
        List<String> missing = new java.util.ArrayList<>();
        Vad vad = need(runtime::liveVad, missing);
        FileTranscriber stt = need(runtime::fileTranscriber, missing);
        ChatModel llm = need(runtime::chatModel, missing);
        for (String id : ttsEngines) need(() -> runtime.tts().get(id), missing);
        if (missing.isEmpty()) {
            SpeechSynthesizer speech = new SpeechSynthesizer(runtime.tts(), catalog.mapping());
            engines = meters.instrument(new RealtimeEngines(vad, stt, llm, speech, meters));
            // warm the voices' engines off the install path; the first answer then does not pay for it
            warmUp = Thread.ofVirtual().name("realtime-tts-warmup").start(() -> {
                for (String id : ttsEngines) {
                    try {
                        runtime.warmUpTts(id);
                    } catch (RuntimeException e) {
                        log.warn("voice agent TTS warm-up of {} failed: {}", id, e.toString());
                    }
                }
            });
            log.debug("voice agent ready: llm {}, tts {}", llm.name(), ttsEngines);
        } else {
            unavailable = String.join("; ", missing);
            log.warn("the voice agent is unavailable: {}", unavailable);
        }
        String loaded = "loaded (llm " + ctx.config().llm().backend() + ", tts " + String.join(", ", ttsEngines) + ")";
        ctx.readiness().add("realtime", () -> unavailable != null ? ReadinessCheck.Status.notReady(unavailable)
                : warmUp != null && warmUp.isAlive() ? ReadinessCheck.Status.notReady("loading the voice model")
                : ReadinessCheck.Status.ok(loaded));

        // an echo of client input may take half the outbound bound: one message alone never marks a reader as slow
        RealtimeConfig base = RealtimeConfig.defaults().withVoiceExists(v -> catalog.find(v).isPresent())
                .withMaxAppendBytes(MAX_APPEND_BYTES).withLimits(config.idleTimeout(), config.maxDuration())
                .withOutbound(ctx.outbound())
                .withTextLimits(config.maxItemTextChars(), ctx.config().websocket().maxOutboundBytes() / 2);
        ctx.router().websocket(ROUTE, hs -> {
            String model = requestedModel(hs);
            RealtimeEngines e = engines;
            if (e == null) throw ApiException.unavailable("The voice agent is unavailable: " + unavailable);
            RealtimeSession session = new RealtimeSession(base.withModel(model), e);
            sessionListener.accept(session);
            return session;
        }, "realtime");
    }

    /** The TTS engines the configured voices speak with (each voice's own engine), once each, in voice order. */
    private static List<String> voiceEngines(VoiceCatalog catalog) {
        return catalog.all().stream().map(VoiceCatalog.Entry::engine).distinct().toList();
    }

    /** {@code engine.get()}, or null with its failure added to {@code missing}. */
    private static <T> T need(java.util.function.Supplier<T> engine, List<String> missing) {
        try {
            return engine.get();
        } catch (EngineUnavailableException e) {
            missing.add(e.getMessage());
            return null;
        }
    }

    /** The pipeline meters (gauges of work in flight), after install. */
    public PipelineMeters meters() {
        return meters;
    }

    /**
     * The model of a handshake: {@code ?model=}, else the model the client secret was minted for (read when the
     * router verified it, {@link Principal#model()}), else the default.
     */
    String requestedModel(WsHandshake hs) {
        String model = hs.query("model");
        if (model == null || model.isBlank()) model = hs.principal().model();
        if (model == null || model.isBlank()) return MODELS.getFirst();
        if (!MODELS.contains(model)) {
            throw ApiException.badRequest("Model '" + model + "' is not supported on " + ROUTE + "; use one of "
                    + String.join(", ", MODELS));
        }
        return model;
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
    }
}
