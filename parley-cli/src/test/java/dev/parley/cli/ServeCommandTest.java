package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new ServeCommand(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printConfigRedactsApiKeysFromFileAndEnvironment() throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), "auth:\n  api_keys: [file-secret-key-1]\n");
        assertThat(run(Map.of(), "--config", f.toString(), "--print-config")).isZero();
        assertThat(out.toString()).contains("api_keys:\n  - '***'").doesNotContain("file-secret-key-1");

        out.getBuffer().setLength(0);
        assertThat(run(Map.of("PARLEY_API_KEYS", "env-secret-key-1,env-secret-key-2"), "--print-config")).isZero();
        assertThat(out.toString()).doesNotContain("env-secret-key").contains("  - '***'\n  - '***'");
    }

    @Test
    void printConfigShowsFlagsOverEnvironment() {
        assertThat(run(Map.of("PARLEY_PORT", "9100", "PARLEY_HOST", "10.0.0.1"), "--port", "9200", "--print-config"))
                .isZero();
        assertThat(out.toString()).contains("port: 9200").contains("host: 10.0.0.1");
    }

    @Test
    void invalidConfigurationExitsWith2AndListsEveryProblem() {
        assertThat(run(Map.of("PARLEY_PORT", "99999", "PARLEY_SHUTDOWN_GRACE_SECONDS", "x"), "--print-config"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("2 problems").contains("server.port: must be between 0 and 65535")
                .contains("server.shutdown_grace_seconds: must be an integer");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void generatedKeysHaveThePrefixAnd32UrlSafeCharacters() {
        String k = ServeCommand.generateKey();
        assertThat(k).matches("xai-parley-[A-Za-z0-9_-]{32}");
        assertThat(ServeCommand.generateKey()).isNotEqualTo(k);
    }
}
