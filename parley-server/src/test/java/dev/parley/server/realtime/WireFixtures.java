package dev.parley.server.realtime;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.ws.TestSocket;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.testing.SessionScript;
import dev.parley.server.testing.TestServers;
import dev.parley.server.voices.VoicesFeature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Parley server with the real voice-agent pipeline (Silero, Moonshine, SmolLM2 on llama.cpp, the default voices
 * on their own engines: eve, ara and sal on hibari, rex and leo on Piper), shared by the wire tests of this JVM
 * (loading the models once), plus the shared speech set and socket runners.
 */
final class WireFixtures {
    private WireFixtures() {}

    /** A clock the tests move forward (client-secret expiry). */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    static final MovableClock CLOCK = new MovableClock();
    static final AtomicReference<RealtimeSession> lastSession = new AtomicReference<>();
    private static ParleyServer server;
    private static RealtimeFeature feature;

    /** The shared real-model server (started on first use, stopped when the JVM exits). */
    static synchronized ParleyServer server() {
        if (server == null) {
            try {
                ParleyConfig config = config(Map.of());
                feature = new RealtimeFeature(config.realtime(), CLOCK, lastSession::set);
                server = ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get())
                        .feature(new VoicesFeature()).feature(feature).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            var s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            var ready = s.readiness().evaluate();
            // the voice is warmed up off the install path: wait for it, but not for a model that is missing
            for (long end = System.nanoTime() + 60_000_000_000L; !ready.ready() && System.nanoTime() < end
                    && ready.failing().contains("loading the voice model"); ready = s.readiness().evaluate()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!ready.ready()) {
                throw new IllegalStateException("voice agent not ready: " + ready.failing()
                        + " (models come from `./parley models fetch`)");
            }
        }
        return server;
    }

    static synchronized RealtimeFeature feature() {
        server();
        return feature;
    }

    /** Test config: loopback, ephemeral port, the test API key, the default voices, plus {@code flags}. */
    static ParleyConfig config(Map<String, String> flags) {
        Map<String, String> f = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", "0"));
        f.putAll(flags);
        return ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"), f);
    }

    static URI wsUri(ParleyServer s, String query) {
        return URI.create("ws://127.0.0.1:" + s.port() + "/v1/realtime" + (query == null ? "" : "?" + query));
    }

    /** Connects to {@code uri} with {@code bearer} (null: none), offering {@code subprotocols}. */
    static TestSocket connect(URI uri, String bearer, List<String> subprotocols) {
        return TestSocket.to(uri).bearer(bearer).subprotocols(subprotocols).connect();
    }

    /** Connects to the shared server with the test API key. */
    static TestSocket connect() {
        return connect(wsUri(server(), "model=grok-voice-latest"), TestServers.KEY, List.of());
    }

    /** A script runner over a socket to {@code uri}; the connection opens at the script's {@code start} step. */
    static ScriptRunner socketRunner(URI uri, String bearer) {
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        AtomicReference<TestSocket> client = new AtomicReference<>();
        SessionScript.Transport t = new SessionScript.Transport() {
            public void start() {
                TestSocket c = connect(uri, bearer, List.of());
                client.set(c);
                Thread.ofVirtual().name("wire-pump").start(() -> {
                    try {
                        while (true) {
                            var e = c.poll(Duration.ofSeconds(1));
                            if (e != null) out.add(e.json().toString());
                            else if (c.closed().isDone()) return;
                        }
                    } catch (InterruptedException ignored) {
                        // test over
                    }
                });
            }

            public void send(String json) {
                client.get().send(json);
            }

            public void sendBinary(byte[] data) {
                throw new UnsupportedOperationException("the realtime scripts send audio as JSON appends");
            }

            public void close() {
                client.get().close();
            }
        };
        ScriptRunner r = new ScriptRunner(t, out);
        r.timeoutMs = 60_000; // real models on two shared cores
        return r;
    }

    /** A socket runner to the shared real-model server. */
    static ScriptRunner socketRunner() {
        return socketRunner(wsUri(server(), "model=grok-voice-latest"), TestServers.KEY);
    }

    /** A recording of the shared speech set as 24 kHz mono s16le. */
    static byte[] speech24k(String relative) {
        return TestSpeech.shared().pcm16(relative, 24000);
    }
}
