package dev.parley.audio.internal;

import dev.parley.audio.AudioFormatException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded platform-thread pool on which every FFmpeg call of parley-audio runs (native calls pin virtual
 * threads, and FFmpeg contexts are not thread-safe: a context is only ever touched by one task at a time).
 *
 * <p>Size: {@code min(4, max(1, cores / 2))} threads, overridable with system property
 * {@code parley.ffmpeg.threads}. Queue: {@value #QUEUE} waiting tasks; overflow action: the submitting
 * call fails at once with {@link java.util.concurrent.RejectedExecutionException} ("FFmpeg pool is busy"),
 * which a server maps to 503. Threads are daemons and idle ones stay alive (FFmpeg loads once).
 */
public final class FfmpegExecutor {
    static final int QUEUE = 64;
    private static final int THREADS = Integer.getInteger("parley.ffmpeg.threads",
            Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
    private static final ThreadGroup GROUP = new ThreadGroup("parley-ffmpeg");
    private static final ThreadPoolExecutor POOL;

    static {
        AtomicInteger n = new AtomicInteger();
        POOL = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(GROUP, r, "parley-ffmpeg-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (r, ex) -> {
                    throw new java.util.concurrent.RejectedExecutionException(
                            "FFmpeg pool is busy (" + THREADS + " threads, " + QUEUE + " queued); try again later");
                });
    }

    private FfmpegExecutor() {}

    /**
     * Queues {@code task} without waiting (for releasing native memory from a cleaner); when the queue is full
     * the task is dropped and {@code false} returned.
     */
    public static boolean executeQuietly(Runnable task) {
        try {
            POOL.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    /** Number of pool threads. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code task} on the pool and waits for it (inline when already on a pool thread). Exceptions of
     * the task are rethrown unwrapped.
     *
     * @throws CancellationException if the waiting thread is interrupted (its interrupt flag is kept set)
     */
    public static <T> T call(Callable<T> task) {
        if (Thread.currentThread().getThreadGroup() == GROUP) {
            try {
                return task.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f = POOL.submit(task);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for FFmpeg");
            c.initCause(e);
            throw c;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AudioFormatException afe) {
                throw new AudioFormatException(afe.getMessage(), afe); // keep the caller's stack too
            }
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }
}
