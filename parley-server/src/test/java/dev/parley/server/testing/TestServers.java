package dev.parley.server.testing;

import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.Feature;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.net.OutboundPolicy;
import java.util.List;
import java.util.Map;

/**
 * Starts servers for tests: loopback, ephemeral port, one known API key, on the test JVM's shared engine runtime
 * ({@link TestRuntime}: every model loaded once for every server of the JVM).
 */
public final class TestServers {
    private TestServers() {}

    public static final String KEY = "test-key-0123456789";

    public static ParleyConfig config() {
        return ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"),
                Map.of("server.host", "127.0.0.1", "server.port", "0"));
    }

    /**
     * {@link #config()} with {@code outbound.allow: [127.0.0.1]}: the server's own requests (STT {@code url}, MCP)
     * may reach the tests' local upstreams on 127.0.0.1.
     */
    public static ParleyConfig configAllowingLoopback() {
        ParleyConfig c = config();
        return c.withOutbound(c.outbound().withAllow(List.of("127.0.0.1")));
    }

    /**
     * An outbound client whose allow-list is {@code 127.0.0.1}, for tests that reach a local upstream without a
     * server (MCP clients, sessions): shared by the test JVM, never closed (daemon threads).
     */
    public static final OutboundHttp LOOPBACK_OUTBOUND = OutboundHttp.create(OutboundPolicy.of(List.of("127.0.0.1"),
            false));

    public static ParleyServer start(Feature... features) throws Exception {
        ParleyServer.Builder b = ParleyServer.builder(config()).engines(TestRuntime.get());
        for (Feature f : features) b.feature(f);
        return b.start();
    }
}
