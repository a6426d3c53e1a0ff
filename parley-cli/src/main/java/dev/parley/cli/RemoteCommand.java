package dev.parley.cli;

import dev.parley.client.ApiException;
import dev.parley.client.VoiceClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running server (local or remote, Parley or api.x.ai) through the Java SDK: {@code --url}
 * and {@code --key}, and one way of reporting failures (exit 1 with a line on stderr; 2 for bad arguments).
 */
abstract class RemoteCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL",
            description = "Server base URL (default: $PARLEY_BASE_URL, else " + DEFAULT_URL + "; https://api.x.ai works too).")
    String url;

    @Option(names = "--key", paramLabel = "KEY", description = "API key (default: $PARLEY_API_KEY, else $XAI_API_KEY).")
    String key;

    @Spec
    CommandSpec spec;

    final Map<String, String> env;

    RemoteCommand(Map<String, String> env) {
        this.env = env;
    }

    String baseUrl() {
        if (url != null) return url;
        String e = env.get("PARLEY_BASE_URL");
        return e != null && !e.isBlank() ? e : DEFAULT_URL;
    }

    String apiKey() {
        if (key != null) return key;
        String k = env.get("PARLEY_API_KEY");
        return k != null && !k.isBlank() ? k : env.get("XAI_API_KEY");
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The command's work; exceptions are reported by {@link #call()}. */
    abstract int run(VoiceClient client) throws Exception;

    @Override
    public Integer call() {
        String base = baseUrl();
        try (VoiceClient client = VoiceClient.builder().baseUrl(base).apiKey(apiKey()).build()) {
            return run(client);
        } catch (ApiException e) {
            err().println("parley: HTTP " + e.statusCode() + ": " + e.error()
                    + (e.statusCode() == 401 ? " (pass --key or set PARLEY_API_KEY)" : ""));
            return 1;
        } catch (IOException e) {
            err().println("parley: cannot reach " + base + ": " + e);
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err().println("parley: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("parley: interrupted");
            return 130;
        } catch (Exception e) {
            err().println("parley: " + e);
            return 1;
        } finally {
            err().flush();
            out().flush();
        }
    }
}
