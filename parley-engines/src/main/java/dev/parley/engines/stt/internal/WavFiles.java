package dev.parley.engines.stt.internal;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import java.io.IOException;
import java.nio.file.Path;

/** Reads WAV files as mono float (channels averaged) for the benchmark and tests, with parley-audio. */
public final class WavFiles {
    private WavFiles() {}

    /** Mono samples and their rate. */
    public record Mono(float[] samples, int sampleRate) {
        /** The audio at 16 kHz ({@link Resampler}). */
        public float[] at16k() {
            return sampleRate == 16000 ? samples : Resampler.resample(samples, sampleRate, 16000);
        }
    }

    /** Reads a WAV file, mixing channels to mono. */
    public static Mono readMono(Path file) throws IOException {
        try {
            AudioClip clip = Wav.read(file);
            return new Mono(clip.mono(), clip.sampleRate());
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
