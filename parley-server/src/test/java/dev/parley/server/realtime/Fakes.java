package dev.parley.server.realtime;

import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.ChatListener;
import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.engines.llm.FinishReason;
import dev.parley.engines.llm.ToolCall;
import dev.parley.engines.llm.Usage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test doubles for the pipeline engines. They stand in for Silero/Moonshine/llama/Kokoro so these tests exercise the
 * session's state machine alone (real-model end-to-end tests run where the engines are wired).
 */
final class Fakes {
    private Fakes() {}

    /** Energy VAD: a frame with RMS above 0.02 is speech (probability 0.95), otherwise 0.02. */
    static final class EnergyVad implements VoiceActivityDetector {
        @Override
        public int frameSamples() {
            return 512;
        }

        @Override
        public float speechProbability(float[] frame) {
            double sum = 0;
            for (float f : frame) sum += f * f;
            return Math.sqrt(sum / frame.length) > 0.02 ? 0.95f : 0.02f;
        }

        @Override
        public void reset() {}
    }

    /** Returns a fixed transcript and records the audio lengths it was given. */
    static final class FixedTranscriber implements Transcriber {
        volatile String text = "what is the weather in paris";
        final List<Integer> samples = new CopyOnWriteArrayList<>();
        volatile float[] last;

        @Override
        public String transcribe(float[] audio16k) {
            samples.add(audio16k.length);
            last = audio16k.clone();
            return text;
        }
    }

    /** 10 ms of 24 kHz sine per character; records (voice, text). */
    static final class ToneTts implements SpeechSynthesizer {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Speech synthesize(String text, String voice, float speed) {
            calls.add(voice + ":" + text);
            float[] s = new float[text.length() * 240];
            for (int i = 0; i < s.length; i++) s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / 24000.0));
            return new Speech(s, 24000);
        }
    }

    /** A scripted chat model: each call plays the next reply on its own platform thread, token by token. */
    static final class ScriptedChat implements ChatModel {
        sealed interface Reply {}

        record Text(List<String> tokens, long delayMs) implements Reply {}

        record Call(String name, String argumentsJson) implements Reply {}

        final Queue<Reply> replies = new ArrayDeque<>();
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        final List<ChatRequest> prefills = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        volatile CountDownLatch allDone = new CountDownLatch(0);
        /** When set, a text reply waits on it after {@link #holdAfter} tokens: the test decides when the model goes on. */
        volatile CountDownLatch hold;
        volatile int holdAfter;

        /** Text replies stop after {@code tokens} tokens until {@code latch} opens. */
        ScriptedChat holdAfter(int tokens, CountDownLatch latch) {
            holdAfter = tokens;
            hold = latch;
            return this;
        }

        ScriptedChat reply(Reply r) {
            synchronized (replies) {
                replies.add(r);
            }
            return this;
        }

        ScriptedChat text(long delayMs, String... tokens) {
            return reply(new Text(List.of(tokens), delayMs));
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void prefill(ChatRequest request) {
            prefills.add(request);
        }

        @Override
        public ChatHandle stream(ChatRequest request, ChatListener listener) {
            requests.add(request);
            Reply reply;
            synchronized (replies) {
                reply = replies.poll();
            }
            if (reply == null) reply = new Text(List.of("Hello", " there.", " How", " can", " I", " help?"), 0);
            Reply r = reply;
            CountDownLatch done = new CountDownLatch(1);
            var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            running.incrementAndGet();
            Thread.ofPlatform().name("fake-llm").start(() -> {
                try {
                    switch (r) {
                        case Text t -> {
                            CountDownLatch held = hold;
                            int sent = 0;
                            for (String tok : t.tokens()) {
                                if (t.delayMs() > 0) Thread.sleep(t.delayMs());
                                if (held != null && sent++ == holdAfter && !held.await(60, TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("the test never released the held reply");
                                }
                                if (cancelled.get()) break;
                                listener.onEvent(new ChatEvent.TextDelta(tok));
                            }
                            listener.onEvent(new ChatEvent.Done(cancelled.get() ? FinishReason.CANCELLED : FinishReason.STOP,
                                    new Usage(10, t.tokens().size())));
                        }
                        case Call c -> {
                            String id = "call_" + requests.size();
                            listener.onEvent(new ChatEvent.ToolCallDelta(0, id, c.name(), c.argumentsJson()));
                            listener.onEvent(new ChatEvent.ToolCallDone(0, new ToolCall(id, c.name(), c.argumentsJson())));
                            listener.onEvent(new ChatEvent.Done(FinishReason.TOOL_CALLS, new Usage(10, 5)));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                    done.countDown();
                }
            });
            return new ChatHandle() {
                @Override
                public void cancel() {
                    if (cancelled.compareAndSet(false, true)) cancels.incrementAndGet();
                }

                @Override
                public boolean await(Duration timeout) throws InterruptedException {
                    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public boolean isDone() {
                    return done.getCount() == 0;
                }
            };
        }
    }
}
