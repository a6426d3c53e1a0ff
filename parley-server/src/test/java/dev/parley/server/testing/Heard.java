package dev.parley.server.testing;

import dev.parley.audio.Resampler;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.stt.SttOptions;
import java.util.Locale;

/** What the project's own speech-to-text (the test JVM's runtime) hears in audio a test received. Stateless. */
public final class Heard {
    private Heard() {}

    /** Lower-case words heard in mono {@code samples} at {@code rate} Hz (resampled to 16 kHz); blocks. */
    public static String words(float[] samples, int rate) {
        return TestRuntime.get().fileTranscriber().transcribe(Resampler.resample(samples, rate, 16000), SttOptions.defaults())
                .text().toLowerCase(Locale.ROOT);
    }
}
