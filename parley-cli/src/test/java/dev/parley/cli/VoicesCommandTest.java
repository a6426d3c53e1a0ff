package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VoicesCommandTest {
    static final String KEY = "cli-test-key-0001";
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new VoicesCommand(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void withoutUrlListsTheConfiguredVoicesWithTheirEngineVoices() {
        assertThat(run(Map.of())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).startsWith("VOICE_ID").contains("ENGINE_VOICE");
        assertThat(lines[1]).startsWith("eve ").contains("Eve", "female", "energetic", "hibari", "heart");
        assertThat(lines[5]).startsWith("leo ").contains("piper", "en_US-joe-medium");
    }

    @Test
    void withUrlListsTheVoicesOfARunningServer() throws Exception {
        try (ParleyServer server = ParleyServer.builder(ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0"))).start()) {
            assertThat(run(Map.of(), "--url", server.uri().toString(), "--key", KEY)).isZero();
        }
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).startsWith("VOICE_ID").doesNotContain("ENGINE");
        assertThat(lines[2]).startsWith("ara ").contains("Ara", "warm");
    }

    @Test
    void withUrlAndAWrongKeyExitsWith1AndSaysHowToPassOne() throws Exception {
        try (ParleyServer server = ParleyServer.builder(ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0"))).start()) {
            assertThat(run(Map.of("PARLEY_API_KEY", "wrong-key-000"), "--url", server.uri().toString())).isEqualTo(1);
        }
        assertThat(err.toString()).contains("HTTP 401").contains("Incorrect API key provided").contains("--key");
    }

    @Test
    void withUrlOfNothingListeningExitsWith1() {
        assertThat(run(Map.of(), "--url", "http://127.0.0.1:1", "--key", KEY)).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:1");
    }
}
