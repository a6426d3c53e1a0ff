package dev.parley.server.stt;

import dev.parley.engines.stt.SttEngine;
import dev.parley.engines.stt.SttOptions;
import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.http.ApiException;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.stt.internal.BatchEndpoint;
import dev.parley.server.stt.internal.BatchTranscriber;
import dev.parley.server.stt.internal.OpenAiTranscriptions;
import dev.parley.server.stt.internal.SharedEngine;
import dev.parley.server.stt.internal.SttSocket;
import dev.parley.server.stt.internal.StreamRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech to text: {@code POST /v1/stt} (multipart, spec §8), {@code GET /v1/stt} upgraded to a WebSocket (spec §9),
 * and OpenAI's {@code POST /v1/audio/transcriptions} as an alias of the former ({@link OpenAiTranscriptions}).
 *
 * <p>Install loads the default STT engine once (Silero VAD, Moonshine tiny, Vosk small en-us; one {@link SttEngine}
 * shared by both routes) and warms it up with one transcription. When a model is missing the server still starts:
 * readiness check {@code stt} reports the loader's message (which names {@code ./parley models fetch}) and both routes
 * answer 503 with it. {@link #close} frees the models and deletes the private temporary directory.
 *
 * <p>Settings: {@link SttConfig} (environment {@code PARLEY_STT_*} when created by the service loader).
 */
public final class SttFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(SttFeature.class);

    private final SttConfig config;
    private final Supplier<SttEngine> loader;
    private final java.util.function.Consumer<SttEngine> releaser;
    private volatile SttEngine engine;
    private volatile SttEngine loaded;
    private volatile String unavailable = "loading";
    private Path tempDir;

    /** Service-loader constructor: {@link SttConfig#fromEnvironment} and the default models. */
    public SttFeature() {
        this(SttConfig.fromEnvironment(System.getenv()));
    }

    /** The default models with {@code config}, shared with other STT features of this JVM (reference-counted). */
    public SttFeature(SttConfig config) {
        this(config, SharedEngine::acquire, SharedEngine::release);
    }

    /**
     * @param loader loads the engine at install; a thrown exception marks the feature not ready with the
     *               exception's message
     * @param releaser called with the engine by {@link #close}
     */
    public SttFeature(SttConfig config, Supplier<SttEngine> loader, java.util.function.Consumer<SttEngine> releaser) {
        this.config = config;
        this.loader = loader;
        this.releaser = releaser;
    }

    @Override
    public String name() {
        return "stt";
    }

    /** The private directory where multipart uploads and URL downloads are spooled (null before install). */
    public Path tempDir() {
        return tempDir;
    }

    @Override
    public void install(ServerContext context) throws IOException {
        Path parent = config.tempDir() != null ? config.tempDir() : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        tempDir = Files.createTempDirectory(parent, "parley-stt-");
        try {
            long t0 = System.nanoTime();
            SttEngine e = loader.get();
            loaded = e;
            // warm-up: first ONNX/Vosk runs allocate and JIT; one second of noise-free tone runs every model once
            float[] warm = new float[16000];
            for (int i = 0; i < warm.length; i++) warm[i] = (float) (0.1 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
            e.transcribe(warm, SttOptions.defaults().withVadThreshold(0f));
            engine = e;
            unavailable = null;
            LOG.info("stt engine loaded and warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            unavailable = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("speech to text unavailable: {}", unavailable);
        }
        context.readiness().add("stt", () -> unavailable == null ? ReadinessCheck.Status.ok("models loaded")
                : ReadinessCheck.Status.notReady(unavailable));
        BatchEndpoint batch = new BatchEndpoint(config, tempDir, () -> new BatchTranscriber(engine()));
        context.router()
                .post("/v1/stt", batch)
                .post("/v1/audio/transcriptions", new OpenAiTranscriptions(batch)) // OpenAI-compatible alias
                .websocket("/v1/stt", handshake -> {
                    StreamRequest req = StreamRequest.parse(handshake.query());
                    SttEngine e = engine();
                    boolean close = req.closeAfterDone() != null ? req.closeAfterDone() : config.closeAfterDone();
                    return new SttSocket(e, req, close, config.maxPendingAudioSeconds());
                });
    }

    /** The loaded engine, or a 503 naming why it is not there. */
    private SttEngine engine() {
        SttEngine e = engine;
        if (e == null) throw ApiException.unavailable("Speech to text is unavailable: " + unavailable);
        return e;
    }

    @Override
    public void close() {
        SttEngine e = loaded;
        loaded = null;
        engine = null;
        unavailable = "closed";
        if (e != null) releaser.accept(e);
        if (tempDir != null) {
            try (Stream<Path> files = Files.walk(tempDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ex) {
                LOG.warn("could not delete {}", tempDir, ex);
            }
        }
    }
}
