package dev.parley.client;

import dev.parley.client.internal.CountingPublisher;
import dev.parley.client.internal.Errors;
import dev.parley.client.internal.Events;
import dev.parley.client.internal.Multipart;
import dev.parley.client.internal.Sockets;
import dev.parley.client.internal.Wire;
import dev.parley.client.internal.WsConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Client of the xAI Voice API, as served by Parley or by {@code https://api.x.ai}: every REST endpoint as a blocking
 * call, and the three WebSocket protocols as {@link TtsSocket}, {@link SttSocket} and {@link RealtimeSocket}.
 * <pre>{@code
 * try (VoiceClient client = VoiceClient.builder().baseUrl("http://127.0.0.1:8080").apiKey(key).build()) {
 *     byte[] mp3 = client.speech(TtsRequest.of("Hello!").withVoice("ara"));
 *     Transcription t = client.transcribe(SttRequest.file(Path.of("call.wav")).diarize(true).build());
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Thread-safe: share one client. REST calls block the calling thread (virtual threads are a good
 * fit) and throw {@link ApiException} for an error response, {@link IOException} for a transport failure.
 * WebSocket callbacks run as {@link SocketListener} states.
 *
 * <p><b>Authentication.</b> With {@link Builder#apiKey} every request carries {@code Authorization: Bearer <key>}.
 * With {@link Builder#clientSecret} (an ephemeral secret from {@link #createClientSecret}) WebSocket handshakes
 * instead offer the subprotocol {@code xai-client-secret.<secret>}, as browsers must; REST calls send it as the
 * Bearer token.
 */
public final class VoiceClient implements AutoCloseable {
    /** Bytes a socket queues for sending before further sends are rejected: {@value} (16 MiB). */
    public static final long MAX_QUEUED_BYTES = 16_777_216L;

    /** The xAI API's base URL. */
    public static final String XAI_BASE_URL = "https://api.x.ai";

    private final URI base;
    private final String apiKey;
    private final String clientSecret;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final Duration requestTimeout;
    private final Duration connectTimeout;

    private VoiceClient(Builder b) {
        String url = Objects.requireNonNull(b.baseUrl, "baseUrl").replaceAll("/+$", "");
        if (url.endsWith("/v1")) url = url.substring(0, url.length() - 3);
        this.base = URI.create(url);
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be http:// or https://, got " + b.baseUrl);
        }
        this.apiKey = b.apiKey;
        this.clientSecret = b.clientSecret;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.ownsHttp = b.httpClient == null;
        this.http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** A builder; {@link Builder#baseUrl} defaults to {@value #XAI_BASE_URL}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from environment variables (pass {@code System.getenv()}): base URL from
     * {@code PARLEY_BASE_URL}, else {@code XAI_BASE_URL}, else {@value #XAI_BASE_URL}; key from
     * {@code PARLEY_API_KEY}, else {@code XAI_API_KEY}. The SDK itself never reads the environment.
     */
    public static VoiceClient fromEnv(Map<String, String> env) {
        String url = env.getOrDefault("PARLEY_BASE_URL", env.getOrDefault("XAI_BASE_URL", XAI_BASE_URL));
        String key = env.getOrDefault("PARLEY_API_KEY", env.get("XAI_API_KEY"));
        return builder().baseUrl(url).apiKey(key).build();
    }

    /** The base URL (scheme, host, port; without {@code /v1}). */
    public URI baseUrl() {
        return base;
    }

    // ---------------------------------------------------------------------------------------------- TTS REST

    /** {@code POST /v1/tts}: the whole encoded audio. */
    public byte[] speech(TtsRequest request) throws IOException, InterruptedException {
        try (InputStream in = speechStream(request)) {
            return in.readAllBytes();
        }
    }

    /**
     * {@code POST /v1/tts} streamed: returns as soon as the response headers arrive; audio bytes become readable as
     * the server synthesises them. The caller owns the stream and must close it (closing early cancels the request).
     *
     * @throws ApiException for an error status (read and closed before throwing)
     */
    public InputStream speechStream(TtsRequest request) throws IOException, InterruptedException {
        HttpRequest req = request("/v1/tts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Wire.ttsBody(request, false))).build();
        return ok(http.send(req, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * {@code POST /v1/tts} streamed into {@code chunks}: called on the calling thread with each piece of audio as it
     * arrives (fresh arrays the consumer may keep), until the body ends.
     */
    public void speech(TtsRequest request, Consumer<byte[]> chunks) throws IOException, InterruptedException {
        try (InputStream in = speechStream(request)) {
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) >= 0; ) if (n > 0) chunks.accept(java.util.Arrays.copyOf(buf, n));
        }
    }

    /** {@code POST /v1/tts} with {@code with_timestamps: true}: the audio and per-character times, in one JSON answer. */
    public TimedSpeech speechWithTimestamps(TtsRequest request) throws IOException, InterruptedException {
        HttpRequest req = request("/v1/tts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Wire.ttsBody(request, true))).build();
        return Wire.timedSpeech(string(http.send(req, HttpResponse.BodyHandlers.ofByteArray())));
    }

    // ---------------------------------------------------------------------------------------------- voices

    /** {@code GET /v1/tts/voices}: the built-in voices. */
    public List<Voice> voices() throws IOException, InterruptedException {
        return Wire.voices(string(http.send(request("/v1/tts/voices").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray())));
    }

    /** {@code GET /v1/tts/voices/{id}} (case-insensitive id); {@link ApiException} 404 when unknown. */
    public Voice voice(String voiceId) throws IOException, InterruptedException {
        String path = "/v1/tts/voices/" + URLEncoder.encode(voiceId, StandardCharsets.UTF_8).replace("+", "%20");
        return Wire.voice(dev.parley.client.internal.Json.parse(string(http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()))));
    }

    // ---------------------------------------------------------------------------------------------- STT REST

    /** {@code POST /v1/stt}: uploads the audio (or passes the URL) and returns the transcription. */
    public Transcription transcribe(SttRequest request) throws IOException, InterruptedException {
        return transcribe(request, null);
    }

    /**
     * {@link #transcribe(SttRequest)} reporting upload progress to {@code progress} (may be null). The upload is
     * streamed from the file; the call returns when the server has transcribed it.
     */
    public Transcription transcribe(SttRequest request, UploadProgress progress) throws IOException, InterruptedException {
        Multipart body = Multipart.of(request);
        HttpRequest.BodyPublisher publisher = progress == null ? body.publisher()
                : new CountingPublisher(body.publisher(), progress);
        HttpRequest req = request("/v1/stt").header("Content-Type", body.contentType()).POST(publisher).build();
        return Wire.transcription(string(http.send(req, HttpResponse.BodyHandlers.ofByteArray())));
    }

    // ---------------------------------------------------------------------------------------------- client secrets

    /** {@code POST /v1/realtime/client_secrets}: a short-lived secret to give to a browser or device. */
    public ClientSecret createClientSecret(ClientSecretRequest request) throws IOException, InterruptedException {
        HttpRequest req = request("/v1/realtime/client_secrets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Wire.clientSecretBody(request))).build();
        return Wire.clientSecret(string(http.send(req, HttpResponse.BodyHandlers.ofByteArray())));
    }

    // ---------------------------------------------------------------------------------------------- WebSockets

    /**
     * Opens the TTS WebSocket ({@code GET /v1/tts?voice=…&codec=…}). Blocks until the handshake completes.
     *
     * @throws ApiException when the server refuses the handshake (e.g. 400 for a bad codec, 401 for a bad key)
     */
    public TtsSocket openTts(TtsStreamOptions options, SocketListener<TtsEvent> listener)
            throws IOException, InterruptedException {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("voice", options.voice());
        q.put("language", options.language());
        q.put("codec", options.codec() == null ? null : options.codec().wireName());
        q.put("sample_rate", options.sampleRate());
        q.put("bit_rate", options.bitRate());
        q.put("speed", options.speed());
        q.put("optimize_streaming_latency", options.optimizeStreamingLatency());
        q.put("text_normalization", options.textNormalization());
        q.put("with_timestamps", options.withTimestamps());
        WsConnection<TtsEvent> c = new WsConnection<>(Events::tts, null, listener, null, MAX_QUEUED_BYTES);
        connect("/v1/tts", q, c);
        return Sockets.tts(c);
    }

    /**
     * Opens the streaming STT WebSocket ({@code GET /v1/stt?sample_rate=…}) and waits (up to the connect timeout
     * plus 30 s) for {@link SttEvent.Created}, so audio can be sent at once. The listener has received the
     * {@code Created} event before this method returns.
     *
     * @throws ApiException when the server refuses the handshake
     * @throws IOException  when the server errs or closes before {@code transcript.created}
     */
    public SttSocket openStt(SttStreamOptions options, SocketListener<SttEvent> listener)
            throws IOException, InterruptedException {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("sample_rate", options.sampleRate());
        q.put("encoding", options.encoding());
        q.put("interim_results", options.interimResults());
        q.put("endpointing", options.endpointing());
        q.put("language", options.language());
        q.put("multichannel", options.multichannel());
        q.put("channels", options.channels());
        q.put("diarize", options.diarize());
        q.put("filler_words", options.fillerWords());
        q.put("keyterm", options.keyterms().isEmpty() ? null : options.keyterms());
        q.put("smart_turn", options.smartTurn());
        q.put("smart_turn_timeout", options.smartTurnTimeout());
        q.put("vad_threshold", options.vadThreshold());
        CompletableFuture<String> ready = new CompletableFuture<>();
        Consumer<Object> tap = o -> {
            if (ready.isDone()) return;
            switch (o) {
                case SttEvent.Created cr -> ready.complete(cr.id());
                case SttEvent.Error e -> ready.completeExceptionally(new IOException("STT server error before "
                        + "transcript.created: " + e.message()));
                case Throwable t -> ready.completeExceptionally(t);
                case Integer code -> ready.completeExceptionally(new IOException("STT socket closed (" + code
                        + ") before transcript.created"));
                default -> { }
            }
        };
        WsConnection<SttEvent> c = new WsConnection<>(Events::stt, null, listener, tap, MAX_QUEUED_BYTES);
        connect("/v1/stt", q, c);
        String id = await(ready, connectTimeout.plusSeconds(30), "transcript.created", c);
        return Sockets.stt(c, id);
    }

    /**
     * Opens the voice-agent WebSocket ({@code GET /v1/realtime?model=…}). Blocks until the handshake completes;
     * {@link ServerEvent.SessionCreated} follows on the listener.
     *
     * @throws ApiException when the server refuses the handshake
     */
    public RealtimeSocket openRealtime(RealtimeOptions options, SocketListener<ServerEvent> listener)
            throws IOException, InterruptedException {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("model", options.model());
        q.put("reasoning.effort", options.reasoningEffort());
        WsConnection<ServerEvent> c = new WsConnection<>(Events::realtime,
                bytes -> new ServerEvent.OutputAudioDelta(null, null, null, 0, 0, bytes), listener, null,
                MAX_QUEUED_BYTES);
        connect("/v1/realtime", q, c);
        return Sockets.realtime(c);
    }

    /**
     * Closes the HTTP client if this client created it ({@link HttpClient#close()}): waits for in-flight requests
     * and open sockets to finish, so close sockets (and response streams) first.
     */
    @Override
    public void close() {
        if (ownsHttp) http.close();
    }

    // ---------------------------------------------------------------------------------------------- internals

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout);
        String token = apiKey != null ? apiKey : clientSecret;
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private static InputStream ok(HttpResponse<InputStream> r) throws IOException {
        if (r.statusCode() / 100 == 2) return r.body();
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(65536);
        }
        throw Errors.of(r.statusCode(), r.headers(), body);
    }

    private static String string(HttpResponse<byte[]> r) {
        if (r.statusCode() / 100 != 2) throw Errors.of(r.statusCode(), r.headers(), r.body());
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private <E> void connect(String path, Map<String, Object> query, WsConnection<E> c)
            throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(base.getScheme().equals("https") ? "wss" : "ws").append("://")
                .append(base.getRawAuthority()).append(base.getRawPath() == null ? "" : base.getRawPath()).append(path);
        char sep = '?';
        for (Map.Entry<String, Object> e : query.entrySet()) {
            if (e.getValue() == null) continue;
            List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            for (Object v : values) {
                uri.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        if (clientSecret != null) b.subprotocols("xai-client-secret." + clientSecret);
        else if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        CompletableFuture<WebSocket> f = b.buildAsync(URI.create(uri.toString()), c);
        WebSocket ws;
        try {
            ws = f.get(connectTimeout.toMillis() + requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) throw handshakeError(h);
            if (cause instanceof IOException io) throw io;
            throw new IOException("WebSocket connection to " + uri + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new InterruptedIOException("WebSocket handshake with " + uri + " timed out");
        }
        c.attach(ws);
    }

    private static ApiException handshakeError(WebSocketHandshakeException h) {
        HttpResponse<?> r = h.getResponse();
        Object body = r.body();
        byte[] bytes = body instanceof byte[] b ? b
                : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : new byte[0];
        return Errors.of(r.statusCode(), r.headers(), bytes);
    }

    private static <T> T await(CompletableFuture<T> f, Duration timeout, String what, WsConnection<?> c)
            throws IOException, InterruptedException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            c.abort();
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("waiting for " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            c.abort();
            throw new InterruptedIOException("no " + what + " within " + timeout.toSeconds() + " s");
        }
    }

    /** Configures a {@link VoiceClient}. Not thread-safe. */
    public static final class Builder {
        private String baseUrl = XAI_BASE_URL;
        private String apiKey;
        private String clientSecret;
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofMinutes(15);
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /** Scheme, host and port, e.g. {@code http://127.0.0.1:8080} or {@code https://api.x.ai} (a trailing {@code /v1} is dropped). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The API key (Bearer). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** An ephemeral client secret: WebSockets authenticate with the {@code xai-client-secret.<secret>} subprotocol. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * A client of your own (TLS trust, proxy, executor): listener callbacks run on its executor. It is not closed
         * by {@link VoiceClient#close()}. Default: a new HTTP/1.1 client.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Time limit of one REST call (default 15 minutes, the API's TTS limit). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Time limit of a TCP connect and of a WebSocket handshake (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public VoiceClient build() {
            return new VoiceClient(this);
        }
    }
}
