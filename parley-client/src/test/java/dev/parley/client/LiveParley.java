package dev.parley.client;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;

/**
 * One real Parley server per test JVM (every feature, the default models, loopback, ephemeral port, one API key),
 * started on first use and stopped when the JVM exits; waits for {@code /ready}. Never close it from a test.
 */
public final class LiveParley {
    public static final String KEY = "sdk-test-key-0123456789";
    private static ParleyServer server;

    private LiveParley() {}

    public static synchronized ParleyServer get() {
        if (server == null) {
            try {
                var cfg = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"),
                        Map.of("server.host", "127.0.0.1", "server.port", "0"));
                ParleyServer s = ParleyServer.builder(cfg).start();
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "live-parley-stop"));
                s.awaitReady(Duration.ofMinutes(3));
                server = s;
            } catch (Exception e) {
                throw new IllegalStateException("could not start Parley (models missing? run ./parley models fetch): " + e, e);
            }
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public static String url() {
        return get().uri().toString().replaceAll("/+$", "");
    }

    /** A client of the live server with the right key. */
    public static VoiceClient client() {
        return VoiceClient.builder().baseUrl(url()).apiKey(KEY).build();
    }
}
