package dev.parley.engines;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded pool of platform threads for native inference (ONNX Runtime, Vosk, llama.cpp, FFmpeg).
 *
 * <p>Native calls pin virtual threads, so request handlers (virtual threads) hand native work to this pool and
 * block on the result; the virtual thread unmounts while it waits. The pool has as many threads as cores, so
 * native work never oversubscribes the machine; ONNX sessions are created with one intra-op thread each for
 * the same reason.
 *
 * <p>Queue policy: the queue is unbounded in count but every caller blocks until its own task finishes, so the
 * queue length is bounded by the number of concurrent callers; {@link #queueDepth()} is exported as a metric.
 */
public final class InferencePool {
    private static final InferencePool SHARED = new InferencePool("parley-inference",
            Integer.getInteger("parley.inference.threads", Runtime.getRuntime().availableProcessors()));

    private final ThreadPoolExecutor executor;

    public InferencePool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** The process-wide pool, sized to the number of cores (override with {@code -Dparley.inference.threads}). */
    public static InferencePool shared() {
        return SHARED;
    }

    /**
     * Runs {@code task} on a pool thread and waits for it. Safe to call from a virtual thread. A checked exception
     * thrown by the task is rethrown wrapped in {@link InferenceException}; unchecked ones are rethrown as is.
     */
    public <T> T call(Callable<T> task) {
        Future<T> f = executor.submit(task);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted while waiting for inference", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new InferenceException(c.getMessage(), c);
        }
    }

    /** Tasks waiting for a thread (not counting the running ones). */
    public int queueDepth() {
        return executor.getQueue().size();
    }

    /** Tasks running now. */
    public int active() {
        return executor.getActiveCount();
    }

    /** The executor, for callers that need asynchronous submission. Never call native code on a virtual thread. */
    public ExecutorService executor() {
        return executor;
    }

    /** A failure inside an inference task. */
    public static final class InferenceException extends RuntimeException {
        public InferenceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
