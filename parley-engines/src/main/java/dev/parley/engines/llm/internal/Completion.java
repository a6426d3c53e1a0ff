package dev.parley.engines.llm.internal;

import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.ChatListener;
import dev.parley.engines.llm.FinishReason;
import dev.parley.engines.llm.Usage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one streamed completion: delivers events to the listener, guarantees exactly one terminal event,
 * and runs a cancellation hook. Events are emitted by one producer thread; {@link #cancel()} may come from any thread.
 */
public final class Completion implements ChatHandle {
    private final ChatListener listener;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean terminal = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Runnable cancelHook;

    public Completion(ChatListener listener) {
        this.listener = listener;
    }

    /** Sets what {@link #cancel()} does to stop the producer (close a stream, stop a native loop). */
    public void onCancel(Runnable hook) {
        this.cancelHook = hook;
        if (cancelled) hook.run();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Delivers a non-terminal event. Returns false when the stream is over or cancelled (the producer should stop). */
    public boolean emit(ChatEvent event) {
        assert !(event instanceof ChatEvent.Done || event instanceof ChatEvent.Failed);
        if (terminal.get() || cancelled) return false;
        try {
            listener.onEvent(event);
            return true;
        } catch (RuntimeException e) {
            cancel();
            fail(e);
            return false;
        }
    }

    /** Delivers {@link ChatEvent.Done}; when cancelled, the reason becomes {@link FinishReason#CANCELLED}. */
    public void finish(FinishReason reason, Usage usage) {
        terminal(new ChatEvent.Done(cancelled ? FinishReason.CANCELLED : reason, usage));
    }

    /** Delivers {@link ChatEvent.Failed}, or {@code Done(CANCELLED)} when the failure was caused by a cancel. */
    public void fail(Exception error) {
        if (cancelled) {
            terminal(new ChatEvent.Done(FinishReason.CANCELLED, Usage.NONE));
        } else {
            terminal(new ChatEvent.Failed(error));
        }
    }

    private void terminal(ChatEvent event) {
        if (!terminal.compareAndSet(false, true)) return;
        try {
            listener.onEvent(event);
        } catch (RuntimeException ignored) {
            // the listener's own failure on the last event has nowhere to go
        } finally {
            done.countDown();
        }
    }

    @Override
    public void cancel() {
        if (terminal.get() || cancelled) return;
        cancelled = true;
        Runnable hook = cancelHook;
        if (hook != null) hook.run();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }
}
