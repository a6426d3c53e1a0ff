package dev.parley.engines.stt.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.models.ModelStatus;
import dev.parley.models.ModelUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;

/** ONNX Runtime helpers shared by the VAD and STT engines. */
public final class Ort {
    private Ort() {}

    /** The process-wide ONNX Runtime environment. */
    public static OrtEnvironment env() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Opens a session with one intra-op and one inter-op thread (parallelism comes from the inference pool, not
     * from inside a session), sequential execution and all graph optimisations.
     *
     * @throws ModelUnavailableException when the file is missing, naming the command that fetches models
     */
    public static OrtSession open(Path model) {
        requireModelFile(model);
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env().createSession(model.toString(), o);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails with {@link ModelUnavailableException} (message naming {@code ./parley models fetch}) when a model file
     * is absent. The model id is the name of the file's directory.
     */
    public static void requireModelFile(Path file) {
        if (!Files.isRegularFile(file)) {
            Path parent = file.toAbsolutePath().getParent();
            String id = parent == null ? file.toString() : parent.getFileName().toString();
            throw new ModelUnavailableException(id, ModelStatus.MISSING, "model file " + file
                    + " is missing; run `./parley models fetch " + id + "` (or set PARLEY_MODELS_DIR)");
        }
    }

    /** Asserts the caller is not a virtual thread: native inference pins carriers and must run on a pool thread. */
    public static void requirePlatformThread() {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("native inference called on a virtual thread; run it on "
                    + "dev.parley.engines.InferencePool (or another platform-thread executor)");
        }
    }
}
