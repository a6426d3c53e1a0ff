package dev.parley.engines.stt;

import dev.parley.engines.runtime.Native;
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
    /** The only rate the model accepts. */
    public static final int SAMPLE_RATE = 16000;

    private static volatile boolean logLevelSet;

    private final Model model;
    private final Path dir;
    private final Native nat;

    private VoskModel(Model model, Path dir, Native nat) {
        this.model = model;
        this.dir = dir;
        this.nat = nat;
    }

    /** Loads a Vosk model directory (with {@code am/}, {@code conf/}, {@code graph/}). Blocking native call. */
    public static VoskModel load(Path dir, Native nat) {
        if (!Files.isRegularFile(dir.resolve("am/final.mdl"))) {
            String id = dir.getFileName().toString();
            throw new ModelUnavailableException(id, ModelStatus.MISSING, "Vosk model " + dir
                    + " is missing; run `./parley models fetch " + id + "` (or set models.dir / PARLEY_MODELS_DIR)");
        }
        if (!logLevelSet) {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            logLevelSet = true;
        }
        Model m = nat.run(() -> {
            try {
                return new Model(dir.toString());
            } catch (IOException e) {
                throw new IllegalStateException("cannot load Vosk model " + dir + ": " + e.getMessage(), e);
            }
        });
        return new VoskModel(m, dir, nat);
    }

    /** A new recognizer at 16 kHz with word times in results and partials; made on an inference thread. */
    public VoskRecognizer newRecognizer() {
        return new VoskRecognizer(this);
    }

    Model model() {
        return model;
    }

    Native nat() {
        return nat;
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
