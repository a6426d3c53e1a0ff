package dev.parley.engines.stt.internal;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads 16-bit PCM WAV files as mono float (channels averaged) with javax.sound. Temporary, for the benchmark and
 * tests; the product decodes uploads with parley-audio.
 */
public final class WavFiles {
    private WavFiles() {}

    /** Mono samples and their rate. */
    public record Mono(float[] samples, int sampleRate) {
        /** The audio at 16 kHz. */
        public float[] at16k() {
            return SincResampler.resample(samples, sampleRate, 16000);
        }
    }

    /** Reads a 16-bit PCM WAV file, mixing channels to mono. */
    public static Mono readMono(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16) {
                throw new IOException(file + ": only 16-bit signed PCM WAV is supported here, got " + f);
            }
            byte[] b = in.readAllBytes();
            int ch = f.getChannels();
            int frames = b.length / (2 * ch);
            float[] out = new float[frames];
            boolean big = f.isBigEndian();
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < ch; c++) {
                    int p = (i * ch + c) * 2;
                    int v = big ? (b[p] << 8) | (b[p + 1] & 0xff) : (b[p + 1] << 8) | (b[p] & 0xff);
                    sum += (short) v / 32768f;
                }
                out[i] = sum / ch;
            }
            return new Mono(out, (int) f.getSampleRate());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not a WAV file javax.sound can read", e);
        }
    }
}
