package dev.parley.engines.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.parley.models.ModelStatus;
import dev.parley.models.ModelUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What a native engine needs from the runtime: the {@link Inference} pool its native work runs on (the one rule:
 * see {@link Inference}) and how ONNX Runtime sessions are made. Every engine that calls native code is constructed
 * with one and wraps each native call in {@link #run}, so engine methods are safe to call from any thread.
 *
 * @param inference   where native work runs
 * @param onnxThreads intra-op threads of each ONNX session (1 by default: parallelism comes from the pool)
 */
public record Native(Inference inference, int onnxThreads) {
    public Native {
        Objects.requireNonNull(inference, "inference");
        if (onnxThreads < 1) throw new IllegalArgumentException("onnxThreads must be at least 1");
    }

    /** Runs native work on an inference thread ({@link Inference#run}). */
    public <T> T run(Callable<T> task) {
        return inference.run(task);
    }

    /** This context with another pool (the voice agent's VAD runs on its own one-thread pool). */
    public Native on(Inference other) {
        return new Native(other, onnxThreads);
    }

    /**
     * The process-wide ONNX Runtime environment. ONNX Runtime writes its log to stderr itself (its Java API has no log
     * callback), so only errors are logged: its warnings and information stay out of the server's output.
     */
    public static OrtEnvironment ortEnvironment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "parley");
    }

    /**
     * Opens an ONNX Runtime session: {@link #onnxThreads} intra-op threads, one inter-op thread, sequential
     * execution, all graph optimisations ({@link #onnx(Path, int)}).
     *
     * @throws ModelUnavailableException when the file is missing (the message names {@code ./parley models fetch})
     * @throws IllegalStateException     when ONNX Runtime cannot load it
     */
    public OrtSession onnx(Path model) {
        return onnx(model, onnxThreads);
    }

    /**
     * Opens an ONNX Runtime session with {@code intraOpThreads} intra-op threads, one inter-op thread, sequential
     * execution, all graph optimisations. With more than one intra-op thread, its threads sleep as soon as a parallel
     * section ends instead of spinning for the next one, so an idle session takes no core from the other tasks of
     * the pool (see {@link Inference} for when an engine may use such a session).
     *
     * @throws ModelUnavailableException when the file is missing (the message names {@code ./parley models fetch})
     * @throws IllegalStateException     when ONNX Runtime cannot load it
     */
    public OrtSession onnx(Path model, int intraOpThreads) {
        if (intraOpThreads < 1) throw new IllegalArgumentException("intraOpThreads must be at least 1");
        requireModelFile(model);
        try {
            return run(() -> {
                try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                    o.setIntraOpNumThreads(intraOpThreads);
                    if (intraOpThreads > 1) o.addConfigEntry("session.intra_op.allow_spinning", "0");
                    o.setInterOpNumThreads(1);
                    o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                    return ortEnvironment().createSession(model.toString(), o);
                }
            });
        } catch (Inference.InferenceException e) {
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
                    + " is missing; run `./parley models fetch " + id + "` (or set models.dir / PARLEY_MODELS_DIR)");
        }
    }
}
