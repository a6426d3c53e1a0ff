package dev.parley.cli.bench;

import dev.parley.bench.api.ApiServer;
import dev.parley.engines.runtime.Inference;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import io.micrometer.core.instrument.Gauge;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A Parley started in this process for a server-level benchmark: loopback, an ephemeral port, a fresh API key, and
 * ready (every readiness check passed, {@link ParleyServer#awaitReady}) before it is handed over. Closing stops it.
 */
public final class LocalServer implements ApiServer {
    /** How long a server may take to load and warm up its models. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final ParleyServer server;
    private final String key;
    private final double readySeconds;

    private LocalServer(ParleyServer server, String key, double readySeconds) {
        this.server = server;
        this.key = key;
        this.readySeconds = readySeconds;
    }

    /**
     * Starts a server on {@code engines} and waits until it is ready. Its config: {@code env} (with a fresh key in
     * {@code PARLEY_API_KEYS} and without {@code PARLEY_CONFIG}), loopback and an ephemeral port, plus {@code flags};
     * its features: what {@code features} adds to the builder (every standard one when it adds none and leaves them
     * on). The server does not close {@code engines}; several servers of one command share them.
     *
     * @throws IllegalStateException naming the failing readiness checks when it is not ready within
     *                               {@link #READY_TIMEOUT} (a missing model: run {@code ./parley models fetch})
     */
    public static LocalServer start(LocalEngines engines, Map<String, String> env, Map<String, String> flags,
                                    UnaryOperator<ParleyServer.Builder> features) throws Exception {
        String key = "bench-" + UUID.randomUUID();
        Map<String, String> e = new HashMap<>(env);
        e.put("PARLEY_API_KEYS", key);
        e.remove(ConfigLoader.CONFIG_FILE_ENV);
        Map<String, String> f = new HashMap<>(flags);
        f.put("server.host", "127.0.0.1");
        f.put("server.port", "0");
        ParleyConfig config = ConfigLoader.load(null, e, f);
        long t0 = System.nanoTime();
        ParleyServer server = features.apply(ParleyServer.builder(config).engines(engines.runtime())).start();
        try {
            server.awaitReady(READY_TIMEOUT);
        } catch (Exception | Error x) {
            server.close();
            throw x;
        }
        return new LocalServer(server, key, (System.nanoTime() - t0) / 1e9);
    }

    /** The server's effective config. */
    public ParleyConfig config() {
        return server.config();
    }

    @Override
    public URI baseUrl() {
        return URI.create(server.uri().toString().replaceAll("/+$", ""));
    }

    @Override
    public String apiKey() {
        return key;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "in-process server on loopback (ready in %.1f s)", readySeconds);
    }

    /** Polls every 10 ms: no TTS synthesis in progress, nothing running or queued on the inference pool. */
    @Override
    public void awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Inference pool = server.engines().inference();
        while (System.nanoTime() < deadline) {
            Gauge tts = server.meters().find("parley.tts.syntheses.active").gauge();
            if ((tts == null || tts.value() == 0) && pool.running() == 0 && pool.queueDepth() == 0) return;
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
