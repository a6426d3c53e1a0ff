package dev.parley.engines.tts;

import dev.parley.engines.runtime.TestRuntime;
import dev.parley.audio.Resampler;
import dev.parley.engines.stt.SttOptions;

/** Test helpers: audio measures and a round trip through the project's speech-to-text. */
final class AudioChecks {
    private AudioChecks() {}

    static double rms(float[] f) {
        double s = 0;
        for (float x : f) s += (double) x * x;
        return Math.sqrt(s / Math.max(1, f.length));
    }

    /** What the project's STT hears in {@code samples} (any rate; resampled to 16 kHz), lower-cased. */
    static String transcribe(float[] samples, int sampleRate) {
        return TestRuntime.get().fileTranscriber().transcribe(Resampler.resample(samples, sampleRate, 16000), SttOptions.defaults()).text()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
