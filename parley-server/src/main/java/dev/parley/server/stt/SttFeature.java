package dev.parley.server.stt;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.ApiException;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.stt.internal.BatchEndpoint;
import dev.parley.server.stt.internal.BatchTranscriber;
import dev.parley.server.stt.internal.OpenAiTranscriptions;
import dev.parley.server.stt.internal.StreamSession;
import dev.parley.server.stt.internal.StreamRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech to text: {@code POST /v1/stt} (multipart, spec §8), {@code GET /v1/stt} upgraded to a WebSocket (spec §9),
 * and OpenAI's {@code POST /v1/audio/transcriptions} as an alias of the former ({@link OpenAiTranscriptions}).
 *
 * <p>Install takes the runtime's transcribers (Silero VAD, Moonshine tiny, Vosk small en-us; loaded once per process,
 * shared with the voice agent) and warms them up. When a model is missing the server still starts: readiness check
 * {@code stt} reports the runtime's message (which names {@code ./parley models fetch}) and every route answers 503
 * with it. {@link #close} deletes the private temporary directory.
 *
 * <p>Settings: the {@code stt} section of the configuration; a {@code url} is fetched through the server's outbound
 * client ({@link ServerContext#outbound()}, the {@code outbound} section).
 */
public final class SttFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(SttFeature.class);

    private final ParleyConfig.Stt config;
    private volatile FileTranscriber files;
    private volatile StreamingTranscriber streams;
    private volatile Inference inference;
    private volatile String unavailable = "loading";
    private Path tempDir;

    /** @param config the {@code stt} section */
    public SttFeature(ParleyConfig.Stt config) {
        this.config = config;
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
        Path parent = config.tempDir() != null ? Path.of(config.tempDir()) : null;
        if (parent != null) Files.createDirectories(parent);
        tempDir = parent != null ? Files.createTempDirectory(parent, "parley-stt-") : Files.createTempDirectory("parley-stt-");
        EngineRuntime runtime = context.engines();
        try {
            long t0 = System.nanoTime();
            FileTranscriber f = runtime.fileTranscriber();
            StreamingTranscriber s = runtime.streamingTranscriber();
            runtime.warmUpTranscribers();
            inference = runtime.inference();
            files = f;
            streams = s;
            unavailable = null;
            LOG.debug("stt ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (EngineUnavailableException e) {
            unavailable = e.getMessage();
            LOG.warn("speech to text unavailable: {}", unavailable);
        }
        context.readiness().add("stt", () -> unavailable == null ? ReadinessCheck.Status.ok("models loaded")
                : ReadinessCheck.Status.notReady(unavailable));
        BatchEndpoint batch = new BatchEndpoint(config, tempDir, context.outbound(),
                () -> new BatchTranscriber(files(), inference));
        context.router()
                .post("/v1/stt", batch)
                .post("/v1/audio/transcriptions", new OpenAiTranscriptions(batch)) // OpenAI-compatible alias
                .websocket("/v1/stt", handshake -> {
                    StreamRequest req = StreamRequest.parse(handshake.query());
                    files();
                    boolean close = req.closeAfterDone() != null ? req.closeAfterDone() : config.closeAfterDone();
                    return new StreamSession(streams, inference, req, close, config.maxPendingAudioSeconds());
                });
    }

    /** The transcriber, or a 503 naming why it is not there. */
    private FileTranscriber files() {
        FileTranscriber f = files;
        if (f == null) throw ApiException.unavailable("Speech to text is unavailable: " + unavailable);
        return f;
    }

    @Override
    public void close() {
        files = null;
        streams = null;
        unavailable = "closed";
        if (tempDir != null) {
            try (Stream<Path> paths = Files.walk(tempDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ex) {
                LOG.warn("could not delete {}", tempDir, ex);
            }
        }
    }
}
