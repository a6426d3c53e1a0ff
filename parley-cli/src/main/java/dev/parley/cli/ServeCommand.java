package dev.parley.cli;

import dev.parley.engines.runtime.EngineState;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigException;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley serve}: runs the server until SIGTERM or SIGINT, then drains gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the Parley server until SIGTERM/SIGINT.",
                "Settings: embedded defaults < config file < PARLEY_* environment < flags."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped normally", "2:invalid configuration", "1:failed to start"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "Listen port (0 = any free port). Env: PARLEY_PORT.")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "Listen address. Env: PARLEY_HOST.")
    String host;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve TLS with this certificate chain (PEM). Env: PARLEY_TLS_CERT.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (unencrypted PKCS#8 PEM) for --tls-cert. Env: PARLEY_TLS_KEY.")
    String tlsKey;

    @Option(names = "--tls-port", paramLabel = "N", description = "Serve TLS on this port and plain HTTP on --port. Env: PARLEY_TLS_PORT.")
    Integer tlsPort;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config file. Env: PARLEY_CONFIG.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets redacted) and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public ServeCommand() {
        this(System.getenv());
    }

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ParleyConfig cfg;
        try {
            cfg = ConfigLoader.load(config, env, flags());
        } catch (ConfigException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            out.print(ConfigLoader.toYaml(cfg, true));
            out.flush();
            return 0;
        }
        if (cfg.auth().apiKeys().isEmpty()) {
            String key = generateKey();
            cfg = cfg.withApiKeys(List.of(key));
            out.println("No API key is configured, so this process generated one (valid until it exits):");
            out.println();
            out.println("    " + key);
            out.println();
            out.println("Clients send it as 'Authorization: Bearer <key>'. To set your own keys, export");
            out.println("PARLEY_API_KEYS=<key>[,<key>...] or list them under auth.api_keys in a config file (--config).");
            out.flush();
        }
        ParleyServer server;
        try {
            server = ParleyServer.builder(cfg).start();
        } catch (Exception e) {
            err.println("parley: cannot start the server: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownGracefully, "parley-shutdown"));
        String scheme = server.uri().getScheme();
        out.println("Parley listening on " + scheme + "://" + cfg.server().host() + ":" + server.port()
                + " (health: " + server.uri() + "/health)");
        if (server.tlsUri() != null && !server.tlsUri().equals(server.uri()))
            out.println("TLS on " + server.tlsUri());
        for (EngineState e : server.engines().states()) {
            if (e.status() == EngineState.Status.NOT_LOADED) continue;
            out.println(engineLine(e));
        }
        if (cfg.playground() != null && cfg.playground().enabled())
            out.println("Playground: " + server.uri() + "/ (browsers on this machine)");
        out.flush();
        server.awaitStopped();
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        if (port != null) f.put("server.port", Integer.toString(port));
        if (host != null) f.put("server.host", host);
        if (tlsCert != null) f.put("tls.cert", tlsCert);
        if (tlsKey != null) f.put("tls.key", tlsKey);
        if (tlsPort != null) f.put("tls.port", tlsPort.toString());
        return f;
    }

    /** One engine as {@code serve} prints it: {@code "  kokoro (tts): loaded in 1.9 s, warmed up in 2.1 s"}. */
    static String engineLine(EngineState e) {
        String what = "  " + e.id() + " (" + e.role() + "): ";
        return switch (e.status()) {
            case READY -> what + "loaded in " + seconds(e.loadMillis())
                    + (e.warmUpMillis() > 0 ? ", warmed up in " + seconds(e.warmUpMillis()) : "");
            case LOADING -> what + "loading";
            case UNAVAILABLE -> what + "unavailable: " + e.detail();
            case NOT_LOADED -> what + "loaded on first use";
        };
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** {@code xai-parley-} followed by 32 random URL-safe characters (192 bits). */
    static String generateKey() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return "xai-parley-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
