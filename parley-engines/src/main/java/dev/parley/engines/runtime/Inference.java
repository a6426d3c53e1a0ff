package dev.parley.engines.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform threads for native inference (ONNX Runtime, Vosk, FFmpeg-free engine work), and the
 * one rule of this codebase for native calls: <b>every engine method may be called from any thread; its native work
 * runs on an inference thread</b>. Native calls pin virtual threads to their carrier, so an engine hands its native
 * work to {@link #run}: on a thread of any {@code Inference} pool it runs inline (nested engine calls and batched
 * work inside a pool task cost nothing extra), anywhere else (a request's virtual thread, a test's main thread) it is
 * queued on this pool and the caller blocks (a virtual thread unmounts while it waits).
 *
 * <p>The runtime owns two pools ({@link EngineRuntime#inference()}, as many threads as {@code inference.threads},
 * and {@link EngineRuntime#vadInference()}, one thread, so a voice agent's 32 ms VAD frames never queue behind a
 * synthesis). ONNX sessions are created with {@code inference.onnx_threads} intra-op threads (1 by default), so the
 * pools, not the sessions, decide how many cores native work takes. One exception, decided per native call: an engine
 * may run a call on a session with as many intra-op threads as the pool has threads when that call is the only task
 * running on the pool ({@link #running()} is 1 from inside it), so a lone synthesis uses every core the pool was given
 * instead of one (Kokoro does, {@code KokoroEngine}). A task that starts on another thread during such a call shares
 * the cores with it until the call ends; the next call sees it and runs on one thread.
 *
 * <p>Queue policy: the queue is unbounded in count, but every {@link #run} caller blocks until its own task ends, so
 * the queue holds at most one task per concurrent caller (plus the tasks of {@link #submit}, which callers bound
 * themselves: one file's segments). {@link #queueDepth()} is exported as the {@code parley_inference_queue_depth}
 * metric. Thread-safe.
 */
public final class Inference implements AutoCloseable {
    private final String name;
    private final ThreadPoolExecutor executor;
    /** Tasks running on the pool's threads now (a nested {@link #run} inside one is part of it). */
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param name    thread name prefix
     * @param threads platform threads (at least 1)
     */
    public Inference(String name, int threads) {
        if (threads < 1) throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Worker(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** A thread of some inference pool. */
    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
        }
    }

    /** Whether the calling thread belongs to an inference pool (native work may run on it directly). */
    public static boolean onInferenceThread() {
        return Thread.currentThread() instanceof Worker;
    }

    /**
     * Runs native work under the rule above and returns its result. A checked exception of the task is rethrown
     * wrapped in {@link InferenceException}; unchecked ones as they are. Interrupting a waiting caller cancels the task
     * if it has not started (a started native call is never interrupted) and throws {@link InferenceException}.
     */
    public <T> T run(Callable<T> task) {
        if (onInferenceThread()) {
            try {
                return task.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new InferenceException(e.getMessage(), e);
            }
        }
        return await(executor.submit(counted(task)));
    }

    /**
     * Queues native work and returns at once, for callers that run several tasks side by side (the segments of one
     * file). Wait for it with {@link #await}.
     */
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(counted(task));
    }

    /** {@code task}, counted in {@link #running} while it runs on a pool thread. */
    private <T> Callable<T> counted(Callable<T> task) {
        return () -> {
            running.incrementAndGet();
            try {
                return task.call();
            } finally {
                running.decrementAndGet();
            }
        };
    }

    /** Waits for a task of {@link #submit}, with the exception rules of {@link #run}. */
    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(false);
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

    /**
     * Tasks running on the pool's threads now, exactly (not {@link ThreadPoolExecutor#getActiveCount}'s estimate):
     * from inside a task it counts that task too, so 1 there means no other task of this pool is running.
     */
    public int running() {
        return running.get();
    }

    /** The number of threads. */
    public int threads() {
        return executor.getMaximumPoolSize();
    }

    /**
     * Stops accepting work (a later {@link #run} or {@link #submit} fails with
     * {@link java.util.concurrent.RejectedExecutionException}) and waits up to 30 s for the tasks already queued or
     * running, so the models they use can be freed after it returns. Idempotent.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": inference still running 30 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (" + threads() + " threads)";
    }

    /** A failure inside an inference task. */
    public static final class InferenceException extends RuntimeException {
        public InferenceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
