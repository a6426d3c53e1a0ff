package dev.parley.engines.tts.internal;

import dev.parley.engines.tts.EngineUnavailableException;
import dev.parley.models.ModelPaths;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Transcribes synthesised audio with Vosk small en-us, for round-trip checks of the TTS engines (benchmark and
 * tests) until the project's STT engines are merged. Thread-safe: the model is shared, each call makes its own
 * recognizer. Call from a platform thread.
 */
public final class VoskTranscriber implements AutoCloseable {
    public static final String MODEL_ID = "vosk-model-small-en-us-0.15";
    private final Model model;

    /** Loads the model from the cache, else from {@code <shared>/models}. */
    public VoskTranscriber(Path sharedDir) {
        Path dir = ModelPaths.dir(MODEL_ID);
        if (!Files.isDirectory(dir.resolve("am")) && sharedDir != null) dir = sharedDir.resolve("models").resolve(MODEL_ID);
        if (!Files.isDirectory(dir.resolve("am"))) {
            throw new EngineUnavailableException("Vosk model missing: " + dir + " (run ./parley models fetch)");
        }
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        try {
            this.model = new Model(dir.toString());
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot load Vosk model " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Lower-case words heard in {@code samples} (any rate; resampled to 16 kHz). */
    public String transcribe(float[] samples, int sampleRate) {
        float[] pcm = Resample.resample(samples, sampleRate, 16000);
        byte[] b = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            int v = Math.round(Math.max(-1f, Math.min(1f, pcm[i])) * 32767);
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        try (Recognizer r = new Recognizer(model, 16000f)) {
            StringBuilder text = new StringBuilder();
            ObjectMapper json = new ObjectMapper();
            int chunk = 8000;
            for (int off = 0; off < b.length; off += chunk) {
                int len = Math.min(chunk, b.length - off);
                byte[] part = java.util.Arrays.copyOfRange(b, off, off + len);
                if (r.acceptWaveForm(part, len)) text.append(' ').append(json.readTree(r.getResult()).path("text").asString(""));
            }
            text.append(' ').append(json.readTree(r.getFinalResult()).path("text").asString(""));
            return text.toString().replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            throw new EngineUnavailableException("Vosk recognizer failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
