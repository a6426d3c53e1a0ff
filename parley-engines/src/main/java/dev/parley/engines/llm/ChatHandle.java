package dev.parley.engines.llm;

import java.time.Duration;

/** A running completion. Thread-safe. */
public interface ChatHandle {

    /**
     * Stops the completion as soon as possible: closes the HTTP stream or stops token generation. Idempotent; no
     * effect after the terminal event. The listener still receives a terminal {@link ChatEvent.Done} with
     * {@link FinishReason#CANCELLED} (unless another terminal event was already on its way).
     */
    void cancel();

    /**
     * Waits until the terminal event has been delivered to the listener.
     *
     * @return true if it was delivered within {@code timeout}
     */
    boolean await(Duration timeout) throws InterruptedException;

    /** Whether the terminal event has been delivered. */
    boolean isDone();
}
