package dev.parley.conformance;

import dev.parley.client.VoiceClient;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One live Parley server for the whole conformance module (started on first use, stopped when the test JVM exits):
 * every discovered feature (voices, TTS, STT, voice agent, playground…) with the real default models, plain HTTP on
 * one ephemeral loopback port and TLS with a fresh self-signed certificate (CN/SAN 127.0.0.1 and localhost) on
 * another, and one API key, {@link #KEY}. Loading the models once is what keeps this module's run time sane: test
 * classes must share this server and must not stop it.
 *
 * <p>Thread-safe. Node clients trust the certificate through {@code NODE_EXTRA_CA_CERTS=}{@link #certificate()},
 * Python through {@code SSL_CERT_FILE}, Java through a trust store built from the same PEM.
 */
public final class LiveServer {
    /** The API key the server accepts. */
    public static final String KEY = "conformance-key-0123456789";

    private static LiveServer instance;

    private final ParleyServer server;
    private final Path dir;

    private LiveServer(ParleyServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** The shared server, started on the first call (model loading takes some seconds). */
    public static synchronized LiveServer get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("parley-conformance");
                Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
                run(dir, Map.of(), 60, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", key.toString(), "-out", cert.toString());
                var cfg = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"),
                        Map.of("server.host", "127.0.0.1", "server.port", "0", "tls.port", "0",
                                "tls.cert", cert.toString(), "tls.key", key.toString()));
                ParleyServer s = ParleyServer.builder(cfg).start();
                s.awaitReady(Duration.ofMinutes(3)); // /ready: every model loaded and warmed up
                instance = new LiveServer(s, dir);
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "live-server-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the live Parley server: " + e, e);
            }
        }
        return instance;
    }

    /** The server itself (do not close it). */
    public ParleyServer server() {
        return server;
    }

    /** {@code http://127.0.0.1:<port>}: plain HTTP and {@code ws://}. */
    public URI http() {
        return server.uri();
    }

    /** {@link #http()} as a string without a trailing slash, as the SDK and the examples take it. */
    public String url() {
        return server.uri().toString().replaceAll("/+$", "");
    }

    /** A Java SDK client of this server over plain HTTP, with {@link #KEY}; the caller closes it. */
    public VoiceClient client() {
        return VoiceClient.builder().baseUrl(url()).apiKey(KEY).build();
    }

    /** {@code https://127.0.0.1:<tls port>}: HTTPS and {@code wss://} with the self-signed {@link #certificate()}. */
    public URI https() {
        return server.tlsUri();
    }

    /** The PEM certificate the TLS listener presents (self-signed; trust it, nothing else). */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /**
     * Runs a command in {@code cwd} with extra environment, waits up to {@code timeoutSeconds}, and returns its
     * output (stdout and stderr merged); fails with the whole output when it times out or exits non-zero.
     */
    public static String run(Path cwd, Map<String, String> env, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        reader.join(5000);
        String text = out.toString();
        String cmd = String.join(" ", command);
        if (!finished) throw new AssertionError(cmd + " timed out after " + timeoutSeconds + " s:\n" + text);
        if (p.exitValue() != 0) throw new AssertionError(cmd + " exited " + p.exitValue() + ":\n" + text);
        return text;
    }

    /** The repository's {@code conformance/<name>} directory (a client project with its own lockfile). */
    public static Path conformanceDir(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("conformance").resolve(name);
            if (Files.isDirectory(c) && Files.isRegularFile(p.resolve("mvnw"))) return c;
        }
        throw new IllegalStateException("conformance/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
