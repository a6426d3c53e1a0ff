package dev.parley.engines.tts.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.engines.InferencePool;
import dev.parley.engines.tts.TtsException;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Helpers for native work: where it runs, and how ONNX sessions are made. */
public final class Native {
    private Native() {}

    /**
     * Runs native work: on {@link InferencePool#shared()} when called from a virtual thread (native calls pin
     * carriers), directly on a platform thread (pool threads, tests, benchmarks).
     */
    public static <T> T run(Callable<T> task) {
        if (Thread.currentThread().isVirtual()) return InferencePool.shared().call(task);
        try {
            return task.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new TtsException(e.getMessage(), e);
        }
    }

    /** An ONNX session with one intra-op and one inter-op thread (parallelism comes from the pool). */
    public static OrtSession session(Path model) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(Integer.getInteger("parley.onnx.intraop", 1));
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(model.toString(), o);
        } catch (OrtException e) {
            throw new TtsException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
        }
    }

    /** Applies a gain and clips to [-1, 1], in place. */
    public static float[] gain(float[] pcm, double gain) {
        for (int i = 0; i < pcm.length; i++) {
            float v = (float) (pcm[i] * gain);
            pcm[i] = v > 1f ? 1f : (v < -1f ? -1f : v);
        }
        return pcm;
    }
}
