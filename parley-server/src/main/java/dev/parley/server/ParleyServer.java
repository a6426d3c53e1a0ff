package dev.parley.server;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.server.auth.ApiKeyVerifier;
import dev.parley.server.auth.Credentials;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.Admission;
import dev.parley.server.http.JsonErrorHandler;
import dev.parley.server.http.RequestIdHandler;
import dev.parley.server.http.Router;
import dev.parley.server.http.RouterHandler;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.net.OutboundPolicy;
import dev.parley.server.ops.OpsRoutes;
import dev.parley.server.ops.ProcessMemoryMetrics;
import dev.parley.server.ops.Readiness;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.WsLimits;
import dev.parley.server.ws.WsSessions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import dev.parley.server.http.PemKeyStore;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley HTTP + WebSocket server: Jetty 12 core handlers on virtual threads, the {@link Router}, API-key
 * authentication, {@code /health}, {@code /ready}, {@code /metrics}, and the installed {@link Feature}s.
 *
 * <pre>{@code
 * try (ParleyServer server = ParleyServer.builder(config).port(0).start()) {
 *     URI base = server.uri();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>Shutdown ({@link #drain}): readiness turns false and new WebSocket upgrades get 503 at once; open WebSocket
 * sessions get the grace period to end, then are closed with status 1012 (service restart); Jetty then stops,
 * letting in-flight HTTP requests finish within the grace period. Thread-safe.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    /** WebSocket close code sent to sessions still open when the shutdown grace period ends (RFC 6455 §7.4.1). */
    public static final int CLOSE_SERVICE_RESTART = 1012;
    /** Default WebSocket idle timeout; features may change it per session. */
    public static final Duration WS_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final ParleyConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final ServerConnector tlsConnector;
    private final String scheme;
    private final Router router = new Router();
    private final Readiness readiness = new Readiness();
    private final Credentials credentials = new Credentials();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WsSessions webSockets;
    private final Admission admission;
    private final List<Feature> features;
    private final EngineRuntime engines;
    private final boolean ownsEngines;
    private final OutboundHttp outbound;
    private final boolean ownsOutbound;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean started;

    private ParleyServer(Builder b) throws Exception {
        this.config = b.config;
        this.features = b.features;
        this.engines = b.engines;
        this.ownsEngines = b.ownsEngines;
        this.ownsOutbound = b.outbound == null;
        this.outbound = b.outbound != null ? b.outbound
                : OutboundHttp.create(OutboundPolicy.of(config.outbound().allow(), config.outbound().forwardHeaders()));
        this.webSockets = new WsSessions(path -> {
            String t = router.templateOf(path);
            return t == null ? "unmatched" : t;
        });

        if (config.auth().apiKeys().isEmpty() && !b.allowNoApiKeys)
            throw new IllegalStateException("no API keys configured (auth.api_keys or PARLEY_API_KEYS)");
        credentials.add(new ApiKeyVerifier(config.auth().apiKeys()));
        byte[] signingKey = config.auth().secretSigningKey() != null
                ? config.auth().secretSigningKey().getBytes(StandardCharsets.UTF_8)
                : randomKey();

        new JvmMemoryMetrics().bindTo(meters);
        gcMetrics.bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new ProcessMemoryMetrics().bindTo(meters);
        Gauge.builder("parley.inference.queue.depth", () -> engines.inference().queueDepth())
                .description("Native inference tasks waiting for a thread").register(meters);
        ParleyConfig.Limits limits = config.limits();
        this.admission = new Admission(limits.socketsPerKey(), limits.sockets(), limits.requestsPerKey(),
                limits.requests());
        for (Admission.Kind k : Admission.Kind.values()) {
            Gauge.builder("parley.admission.held", () -> admission.held(k))
                    .description("WebSocket sessions and REST requests holding a place under the limits")
                    .tag("kind", k.name().toLowerCase(Locale.ROOT)).register(meters);
        }
        FunctionCounter.builder("parley.admission.refused", admission, a -> a.refused(true))
                .description("Sessions and requests refused by a limit").tag("limit", "per_key").register(meters);
        FunctionCounter.builder("parley.admission.refused", admission, a -> a.refused(false))
                .description("Sessions and requests refused by a limit").tag("limit", "server").register(meters);

        readiness.add("server", () -> draining.get() ? ReadinessCheck.Status.notReady("draining")
                : started ? ReadinessCheck.Status.ok("accepting") : ReadinessCheck.Status.notReady("starting"));
        OpsRoutes.install(router, readiness, meters, engines);

        ServerContext context = new ServerContext(config, engines, VoiceCatalog.from(config), router, meters, readiness,
                credentials, webSockets, signingKey, outbound);
        for (Feature f : features) {
            LOG.debug("installing feature {}", f.name());
            f.install(context);
        }
        for (String t : router.webSocketTemplates()) {
            Gauge.builder("parley.websocket.sessions.active", () -> webSockets.count(t))
                    .description("Open WebSocket sessions").tag("endpoint", t).register(meters);
        }

        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("parley-http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("parley-vt-"));
        jetty = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ParleyConfig.Tls tls = config.tls();
        boolean tlsOn = tls != null && tls.cert() != null && tls.key() != null;
        ServerConnector plain = null, secure = null;
        if (tlsOn) {
            // TLS termination: clients that insist on https/wss (the openai and @ai-sdk/xai packages) need it.
            char[] password = UUID.randomUUID().toString().toCharArray();
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(PemKeyStore.load(Path.of(tls.cert()), Path.of(tls.key()), password));
            ssl.setKeyStorePassword(new String(password));
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            customizer.setSniHostCheck(false);
            https.addCustomizer(customizer);
            secure = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
        }
        if (!tlsOn || tls.port() != null) plain = new ServerConnector(jetty, new HttpConnectionFactory(http));
        // With tls.port set, plain HTTP stays on server.port and TLS listens beside it.
        connector = plain != null ? plain : secure;
        tlsConnector = secure;
        scheme = plain != null ? "http" : "https";
        for (ServerConnector c : new ServerConnector[] {plain, secure}) {
            if (c == null) continue;
            c.setHost(config.server().host());
            boolean extraTls = c == secure && plain != null;
            c.setPort(extraTls ? tls.port() : b.port != null ? b.port : config.server().port());
            if (b.idleTimeout != null) c.setIdleTimeout(b.idleTimeout.toMillis());
            // While stopping, idle keep-alive connections close after 1 s (Jetty's default shutdown idle timeout).
            jetty.addConnector(c);
        }

        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(jetty);
        container.addSessionListener(webSockets);
        container.setMaxTextMessageSize(config.websocket().maxMessageBytes());
        container.setMaxBinaryMessageSize(config.websocket().maxMessageBytes());
        container.setIdleTimeout(WS_IDLE_TIMEOUT);

        RouterHandler routerHandler = new RouterHandler(router, credentials, container, draining::get, meters,
                WsLimits.of(config.websocket().maxOutboundBytes()), admission);
        jetty.setHandler(new RequestIdHandler(new GracefulHandler(routerHandler)));
        jetty.setErrorHandler(new JsonErrorHandler());
    }

    /** A builder for a server with {@code config} (validated, see {@code ConfigLoader}). */
    public static Builder builder(ParleyConfig config) {
        return new Builder(config);
    }

    /** The bound port (the real one when the configured port is 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** A base URI for clients on this machine: {@code http(s)://<host>:<port>} (loopback when bound to any address). */
    public URI uri() {
        String host = config.server().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) host = "127.0.0.1";
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create(scheme + "://" + host + ":" + port());
    }

    /**
     * A base URI for TLS clients on this machine: {@code https://<host>:<port>}, or null when TLS is off. Equal to
     * {@link #uri()} when the one listener speaks TLS; the {@code tls.port} listener when plain HTTP runs beside it.
     */
    public URI tlsUri() {
        if (tlsConnector == null) return null;
        String host = config.server().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) host = "127.0.0.1";
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("https://" + host + ":" + tlsConnector.getLocalPort());
    }

    /** The HTTP client of the server's own outbound requests (STT {@code url}, MCP servers). */
    public OutboundHttp outbound() {
        return outbound;
    }

    /** The engine runtime the server runs on. */
    public EngineRuntime engines() {
        return engines;
    }

    /** The configuration the server runs with. */
    public ParleyConfig config() {
        return config;
    }

    /** The metrics registry behind {@code /metrics}. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The registry of open WebSocket sessions. */
    public WsSessions webSockets() {
        return webSockets;
    }

    /** The composite readiness behind {@code /ready}. */
    public Readiness readiness() {
        return readiness;
    }

    /**
     * Blocks until every readiness check passes: what {@code /ready} answers 200 for (every feature's models loaded
     * and warmed up). For embedders, benchmarks and tests that start a server in process.
     *
     * @throws IllegalStateException naming the failing checks when {@code timeout} passes first
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Readiness.Report report = readiness.evaluate();
            if (report.ready()) return;
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Parley was not ready within " + timeout.toSeconds() + " s: "
                        + report.failing());
            }
            Thread.sleep(200);
        }
    }

    /** Whether a shutdown has begun. */
    public boolean isDraining() {
        return draining.get();
    }

    /**
     * Shuts down gracefully and blocks until stopped: readiness false and new WebSocket upgrades refused with 503;
     * waits up to {@code grace} for open WebSocket sessions to end, then closes the rest with 1012; stops Jetty
     * (in-flight HTTP requests may finish within the configured grace); closes features, then the engine runtime when
     * the server made it. Idempotent: a second
     * call waits for the first to complete.
     */
    public void drain(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            draining.set(true);
            LOG.info("draining: {} WebSocket session(s) open, grace {} ms", webSockets.total(), grace.toMillis());
            if (!webSockets.awaitEmpty(grace)) {
                LOG.info("closing {} WebSocket session(s) with {} (service restart)", webSockets.total(),
                        CLOSE_SERVICE_RESTART);
                webSockets.closeAll(CLOSE_SERVICE_RESTART, "service restart");
                if (!webSockets.awaitEmpty(Duration.ofSeconds(2))) webSockets.disconnectAll();
            }
            // In-flight HTTP requests have been running all along; they get what is left of the grace period (at
            // least a second), plus time for idle keep-alive connections to close. Zero grace stops at once.
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            jetty.setStopTimeout(grace.isZero() ? 0 : Math.max(left, 1000) + 500);
            jetty.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("error while stopping Jetty", e);
        } finally {
            for (Feature f : features.reversed()) {
                try {
                    f.close();
                } catch (RuntimeException e) {
                    LOG.warn("error while closing feature {}", f.name(), e);
                }
            }
            if (ownsOutbound) outbound.close();
            gcMetrics.close();
            meters.close();
            if (ownsEngines) engines.close();
            stopped.countDown();
            LOG.info("stopped");
        }
    }

    /** Shuts down with the configured grace period ({@code server.shutdown_grace_seconds}). */
    public void shutdownGracefully() {
        drain(Duration.ofSeconds(config.server().shutdownGraceSeconds()));
    }

    /** Blocks until the server has stopped. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once: open WebSocket sessions are closed with 1012 without a grace period. */
    @Override
    public void close() {
        drain(Duration.ZERO);
    }

    private ParleyServer startJetty() throws Exception {
        try {
            jetty.start();
        } catch (Exception e) {
            close();
            throw e;
        }
        started = true;
        LOG.info("listening on {}:{} ({} routes)", config.server().host(), port(), router.templates().size());
        return this;
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** Builds and starts a {@link ParleyServer}. Not thread-safe. */
    public static final class Builder {
        private final ParleyConfig config;
        private final List<Feature> features = new ArrayList<>();
        private final List<Feature> extra = new ArrayList<>();
        private boolean standard = true;
        private boolean allowNoApiKeys;
        private Integer port;
        private Duration idleTimeout;
        private EngineRuntime engines;
        private boolean ownsEngines;
        private OutboundHttp outbound;

        private Builder(ParleyConfig config) {
            this.config = config;
        }

        /** Overrides {@code server.port} (0 = any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * How long an HTTP connection may wait on a read or write (default 30 s). A handler computing its answer is
         * not subject to it.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Adds a feature, installed after the standard ones. */
        public Builder feature(Feature feature) {
            extra.add(feature);
            return this;
        }

        /** Whether to install the standard features ({@link Features#standard}; default on). */
        public Builder standardFeatures(boolean on) {
            this.standard = on;
            return this;
        }

        /**
         * Runs on an engine runtime the caller made and closes (several servers of one process then share one load
         * of every model). Without it the server creates a runtime from the configuration and closes it when it stops.
         */
        public Builder engines(EngineRuntime runtime) {
            this.engines = runtime;
            return this;
        }

        /**
         * Makes every server-side request through {@code client} (tests: a policy with an injected resolver), which
         * the caller closes. Without it the server builds one from {@code outbound} in the configuration and closes
         * it when it stops.
         */
        public Builder outbound(OutboundHttp client) {
            this.outbound = client;
            return this;
        }

        /** Permits starting with no API key (only other verifiers, e.g. in tests). Off by default. */
        public Builder allowNoApiKeys(boolean allow) {
            this.allowNoApiKeys = allow;
            return this;
        }

        /** Builds, installs features and starts listening. */
        public ParleyServer start() throws Exception {
            if (standard) features.addAll(Features.standard(config));
            features.addAll(extra);
            if (engines == null) {
                engines = EngineRuntime.create(config.runtimeConfig());
                ownsEngines = true;
            }
            ParleyServer server;
            try {
                server = new ParleyServer(this);
            } catch (Exception | Error e) {
                for (Feature f : features.reversed()) {
                    try {
                        f.close();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (ownsEngines) engines.close();
                throw e;
            }
            return server.startJetty();
        }
    }
}
