package dev.parley.engines.stt;

import dev.parley.engines.runtime.Native;
import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.engines.vad.SileroVad;
import dev.parley.models.ModelUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingModelTest {
    private static final Native NAT = TestRuntime.get().nativeContext();

    @Test
    void absentMoonshineModelFailsNamingTheFetchCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> MoonshineTiny.load(dir.resolve("moonshine-tiny-en-int8"), NAT))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("./parley models fetch");
    }

    @Test
    void absentVoskModelFailsNamingTheFetchCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> VoskModel.load(dir.resolve("vosk-model-small-en-us-0.15"), NAT)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("./parley models fetch vosk-model-small-en-us-0.15");
    }

    @Test
    void absentSileroModelFailsNamingTheFetchCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> SileroVad.load(dir.resolve("silero-vad"), NAT))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("./parley models fetch silero-vad");
    }
}
