package dev.parley.cli;

import dev.parley.client.ApiException;
import dev.parley.client.Voice;
import dev.parley.client.VoiceClient;
import dev.parley.server.config.ConfigException;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley voices}: lists the voices of a running server, or the locally configured ones. */
@Command(name = "voices", mixinStandardHelpOptions = true,
        description = {"List voices.",
                "With --url: the voices of a running server, local or remote (GET /v1/tts/voices).",
                "Without --url: the voices this machine's configuration defines, with the engine voice behind each",
                "(what `parley serve` would offer; no server needed)."})
public final class VoicesCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", description = "Base URL of a running server, e.g. http://127.0.0.1:8080 or https://api.x.ai")
    URI url;

    @Option(names = "--key", paramLabel = "KEY", description = "API key for --url (default: $PARLEY_API_KEY, else $XAI_API_KEY).")
    String key;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file for the local listing.")
    Path config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public VoicesCommand() {
        this(System.getenv());
    }

    VoicesCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        return url != null ? remote() : local();
    }

    private int local() {
        ParleyConfig cfg;
        try {
            cfg = ConfigLoader.load(config, env, Map.of());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("parley: " + e.getMessage());
            return 2;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VOICE_ID", "NAME", "GENDER", "TONE", "LANGUAGE", "ENGINE", "ENGINE_VOICE"));
        cfg.voices().forEach((id, v) -> rows.add(List.of(id, v.name(), str(v.gender()), str(v.tone()),
                str(v.language()), v.engine(), v.engineVoice())));
        print(rows);
        return 0;
    }

    private int remote() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String k = key != null ? key : env.getOrDefault("PARLEY_API_KEY", env.get("XAI_API_KEY"));
        String base = url.toString().replaceAll("/+$", "");
        List<Voice> voices;
        try (VoiceClient client = VoiceClient.builder().baseUrl(base).apiKey(k).build()) {
            voices = client.voices();
        } catch (ApiException e) {
            err.println("parley: HTTP " + e.statusCode() + ": " + e.error()
                    + (e.statusCode() == 401 ? " (pass --key or set PARLEY_API_KEY)" : ""));
            return 1;
        } catch (IOException e) {
            err.println("parley: cannot reach " + base + ": " + e);
            return 1;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VOICE_ID", "NAME", "GENDER", "TONE", "LANGUAGE"));
        for (Voice v : voices) {
            rows.add(List.of(str(v.voiceId()), str(v.name()), str(v.gender()), str(v.tone()), str(v.language())));
        }
        print(rows);
        return 0;
    }

    private static String str(String s) {
        return s == null ? "-" : s;
    }

    private void print(List<List<String>> rows) {
        int cols = rows.getFirst().size();
        int[] width = new int[cols];
        for (List<String> row : rows) for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], row.get(i).length());
        PrintWriter out = spec.commandLine().getOut();
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) sb.append("  ");
                sb.append(i == cols - 1 ? row.get(i) : String.format("%-" + width[i] + "s", row.get(i)));
            }
            out.println(sb);
        }
        out.flush();
    }
}
