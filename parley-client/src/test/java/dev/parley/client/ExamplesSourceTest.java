package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The examples ({@code examples/}) use the SDK's public API only. They compile here, with nothing but the SDK on the classpath; they run
 * against a live server in parley-conformance ({@code ExamplesLiveTest}).
 */
class ExamplesSourceTest {
    @Test
    void examplesCompileAgainstThePublicApiOnly() throws Exception {
        Path src = Path.of("src/test/java/dev/parley/client/examples");
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("dev.parley.client.internal")
                        .doesNotContain("dev.parley.server");
            }
        }
    }
}
