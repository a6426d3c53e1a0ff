package dev.parley.engines.tts;

import dev.parley.engines.EngineBusyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many utterances a slow TTS engine may speak at once, so that concurrent requests degrade predictably: the first
 * ones keep their pace, the others are refused at once, where admitting them all would slow every one of them down
 * together (Kokoro at RTF 0.4-0.8 on two cores cannot speak three utterances in real time).
 *
 * <p>An {@link Utterance} takes a slot of its engine when its voice is chosen (at {@link SpeechSynthesizer#open}, or at
 * its first text when the language is detected) and gives it back when it is closed, so a slot counts from open to
 * close, also while the utterance waits for more text. Bound and overflow action: at most the engine's cap of slots are
 * held; one more is <b>refused</b> with {@link EngineBusyException} (never queued: a queued request would hold its
 * connection while the ones before it take seconds each). A refusal takes nothing and frees nothing. Engines without a
 * cap are never refused.
 *
 * <p>Thread-safe; {@link #take} never blocks.
 */
public final class UtteranceSlots {
    /** No engine capped (engines a test made). */
    public static final UtteranceSlots NONE = new UtteranceSlots(Map.of());

    private final Map<String, Integer> caps;
    private final Map<String, Semaphore> free = new LinkedHashMap<>();

    /** @param caps utterances at once by engine id (each at least 1); engines not listed have no cap */
    public UtteranceSlots(Map<String, Integer> caps) {
        this.caps = Map.copyOf(caps);
        this.caps.forEach((id, cap) -> {
            if (cap < 1) throw new IllegalArgumentException("utterance cap of " + id + " must be at least 1, got " + cap);
            free.put(id, new Semaphore(cap));
        });
    }

    /**
     * A slot for one utterance on engine {@code engineId}, held until {@link Slot#close()}.
     *
     * @throws EngineBusyException when the engine has its cap of utterances open
     */
    public Slot take(String engineId) {
        Semaphore s = free.get(engineId);
        if (s != null && !s.tryAcquire()) {
            throw new EngineBusyException("Text-to-speech engine " + engineId + " is speaking its limit of "
                    + caps.get(engineId) + " utterances at once; retry in a few seconds or use another voice");
        }
        return new Slot(s);
    }

    /** Utterances open now on {@code engineId} (0 for an engine without a cap). */
    public int held(String engineId) {
        Semaphore s = free.get(engineId);
        return s == null ? 0 : caps.get(engineId) - s.availablePermits();
    }

    /** One utterance's place on its engine. {@link #close()} is idempotent. */
    public static final class Slot implements AutoCloseable {
        private final Semaphore of;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(Semaphore of) {
            this.of = of;
        }

        @Override
        public void close() {
            if (of != null && closed.compareAndSet(false, true)) of.release();
        }
    }
}
