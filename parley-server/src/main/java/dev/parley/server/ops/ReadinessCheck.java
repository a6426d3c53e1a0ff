package dev.parley.server.ops;

/**
 * One condition of readiness, e.g. "the Kokoro model is loaded". Registered with {@link Readiness#add}.
 *
 * <p>Called on every {@code GET /ready} (a virtual thread, possibly concurrently): must be cheap and must not block
 * (report state, do not load models here). An exception counts as not ready, with its message as the detail.
 */
@FunctionalInterface
public interface ReadinessCheck {
    Status check();

    /**
     * @param ready  whether this condition holds
     * @param detail a short human-readable explanation ({@code "loaded"}, {@code "model missing: run parley models fetch"})
     */
    record Status(boolean ready, String detail) {
        public static Status ok(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }
}
