package dev.parley.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-line progress bar on stderr: upload progress ({@link #update}), then elapsed time while the server works
 * ({@link #waiting}), cleared by {@link #finish}. Thread-safe; redraws at most every 100 ms.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String label;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastDraw;
    private boolean finished;
    private Thread ticker;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /**
     * Whether stderr is a terminal: on Linux from {@code /proc/self/fd/2} (a tty or pts device), elsewhere from the
     * presence of a console.
     */
    static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through
        }
        return System.console() != null;
    }

    /** Upload progress: {@code total} -1 when unknown. */
    void update(long sent, long total) {
        lock.lock();
        try {
            long now = System.nanoTime();
            if (finished || (sent < total && now - lastDraw < 100_000_000L)) return;
            lastDraw = now;
            if (total > 0) {
                int pct = (int) Math.min(100, sent * 100 / total);
                int filled = pct * WIDTH / 100;
                err.printf(Locale.ROOT, "\ruploading %s [%s%s] %3d%% %s / %s ", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                        pct, size(sent), size(total));
            } else {
                err.printf(Locale.ROOT, "\ruploading %s %s ", label, size(sent));
            }
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    /** After the upload: show the time the server has been working, every 250 ms, until {@link #finish}. */
    void waiting(String what) {
        long start = System.nanoTime();
        ticker = Thread.ofVirtual().name("progress").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                lock.lock();
                try {
                    if (finished) return;
                    err.printf(Locale.ROOT, "\r%s %s %.1f s%s", what, label, (System.nanoTime() - start) / 1e9, " ".repeat(20));
                    err.flush();
                } finally {
                    lock.unlock();
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Clears the line. Idempotent. */
    void finish() {
        lock.lock();
        try {
            if (finished) return;
            finished = true;
            err.print("\r" + " ".repeat(label.length() + WIDTH + 50) + "\r");
            err.flush();
        } finally {
            lock.unlock();
        }
        if (ticker != null) ticker.interrupt();
    }

    @Override
    public void close() {
        finish();
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
