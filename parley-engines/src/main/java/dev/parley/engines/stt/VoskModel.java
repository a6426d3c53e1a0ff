package dev.parley.engines.stt;

import dev.parley.models.ModelPaths;
import dev.parley.models.ModelStatus;
import dev.parley.models.ModelUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * A loaded Vosk (Kaldi) model, shared by every {@link VoskRecognizer} in the process. Loading takes about a second
 * and ~100 MB; do it once.
 *
 * <p>Threading: thread-safe; recognizers may be created from any platform thread. Close it only after every
 * recognizer made from it is closed.
 */
public final class VoskModel implements AutoCloseable {
    /** Model id in the model cache. */
    public static final String MODEL_ID = "vosk-model-small-en-us-0.15";
    /** The only rate the model accepts. */
    public static final int SAMPLE_RATE = 16000;

    private static volatile boolean logLevelSet;

    private final Model model;
    private final Path dir;

    private VoskModel(Model model, Path dir) {
        this.model = model;
        this.dir = dir;
    }

    /** Loads a Vosk model directory (with {@code am/}, {@code conf/}, {@code graph/}). Blocking native call. */
    public static VoskModel load(Path dir) {
        if (!Files.isRegularFile(dir.resolve("am/final.mdl"))) {
            throw new ModelUnavailableException(MODEL_ID, ModelStatus.MISSING, "Vosk model " + dir
                    + " is missing; run `./parley models fetch " + MODEL_ID + "` (or set PARLEY_MODELS_DIR)");
        }
        if (!logLevelSet) {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            logLevelSet = true;
        }
        try {
            return new VoskModel(new Model(dir.toString()), dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Vosk model " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads from the model cache ({@code <models>/vosk-model-small-en-us-0.15/}). */
    public static VoskModel loadDefault() {
        return load(ModelPaths.dir(MODEL_ID));
    }

    /** A new recognizer at 16 kHz with word times in results and partials. Blocking native call. */
    public VoskRecognizer newRecognizer() {
        return new VoskRecognizer(this);
    }

    Model model() {
        return model;
    }

    /** The model directory. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        model.close();
    }
}
