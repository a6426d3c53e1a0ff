package dev.parley.cli;

import dev.parley.client.VoiceClient;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import java.time.Duration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * One real Parley server for the client-command tests of this JVM (every feature, default models, loopback,
 * ephemeral port, key {@link #KEY}); started on first use, waits for {@code /ready}, stopped at JVM exit.
 */
final class LiveServer {
    static final String KEY = "cli-live-key-0123456789";
    private static ParleyServer server;

    private LiveServer() {}

    static synchronized String url() {
        if (server == null) {
            try {
                var cfg = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"),
                        Map.of("server.host", "127.0.0.1", "server.port", "0"));
                ParleyServer s = ParleyServer.builder(cfg).start();
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "cli-live-server-stop"));
                s.awaitReady(Duration.ofMinutes(3));
                server = s;
            } catch (Exception e) {
                throw new IllegalStateException("could not start Parley (models missing? run ./parley models fetch): " + e, e);
            }
        }
        return server.uri().toString().replaceAll("/+$", "");
    }

    static VoiceClient client() {
        return VoiceClient.builder().baseUrl(url()).apiKey(KEY).build();
    }

    /** A command run: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        System.out.print(out);
        System.out.print(err);
        return new Run(exit, out.toString(), err.toString());
    }
}
