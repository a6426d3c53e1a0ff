package dev.parley.engines.stt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.engines.vad.SileroVad;
import dev.parley.models.ModelUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingModelTest {
    @Test
    void absentMoonshineModelFailsNamingTheFetchCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> MoonshineTiny.load(dir.resolve(MoonshineTiny.MODEL_ID)))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("./parley models fetch");
    }

    @Test
    void absentVoskModelFailsNamingTheFetchCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> VoskModel.load(dir)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("./parley models fetch vosk-model-small-en-us-0.15");
    }

    @Test
    void absentSileroModelFailsNamingTheFetchCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> SileroVad.load(dir.resolve("silero-vad/silero_vad.onnx")))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("./parley models fetch silero-vad");
    }
}
