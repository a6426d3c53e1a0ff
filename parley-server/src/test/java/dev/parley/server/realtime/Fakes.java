package dev.parley.server.realtime;

import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.ChatListener;
import dev.parley.engines.llm.ChatModel;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.engines.llm.FinishReason;
import dev.parley.engines.llm.ToolCall;
import dev.parley.engines.llm.Usage;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.SttResult;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.UtteranceSlots;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.tts.VoiceProfile;
import dev.parley.engines.vad.Vad;
import dev.parley.server.realtime.internal.PipelineMeters;
import dev.parley.server.testing.FakeEngines.ToneTts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final class EnergyVad implements Vad {
        @Override
        public int frameSamples(int sampleRate) {
            return 512;
        }

        @Override
        public Vad.Stream openStream(int sampleRate) {
            return new Vad.Stream() {
                @Override
                public int sampleRate() {
                    return sampleRate;
                }

                @Override
                public int frameSamples() {
                    return 512;
                }

                @Override
                public float process(float[] frame, int offset) {
                    double sum = 0;
                    for (int i = offset; i < offset + 512; i++) sum += frame[i] * frame[i];
                    return Math.sqrt(sum / 512) > 0.02 ? 0.95f : 0.02f;
                }

                @Override
                public void reset() {}
            };
        }
    }

    /** Returns a fixed transcript for every utterance and records the audio lengths it was given. */
    static final class FixedTranscriber implements FileTranscriber {
        volatile String text = "what is the weather in paris";
        final List<Integer> samples = new CopyOnWriteArrayList<>();
        volatile float[] last;

        @Override
        public String transcribeUtterance(float[] audio16k) {
            samples.add(audio16k.length);
            last = audio16k.clone();
            return text;
        }

        @Override
        public SttResult transcribe(float[] audio16k, SttOptions options) {
            throw new UnsupportedOperationException("the voice agent transcribes utterances only");
        }
    }

    /** The API voices of a scripted session. */
    static final List<String> API_VOICES = List.of("eve", "ara", "rex", "sal", "leo");

    /** A synthesizer over {@code tts} alone, engine id {@code tone}, each API voice speaking as itself. */
    static SpeechSynthesizer speech(ToneTts tts) {
        return speech(tts, UtteranceSlots.NONE);
    }

    /** {@link #speech(ToneTts)} with caps on the utterances at once ({@code tone} is the engine's id). */
    static SpeechSynthesizer speech(ToneTts tts, UtteranceSlots slots) {
        Map<String, VoiceMapping.Voice> voices = new LinkedHashMap<>();
        for (String v : API_VOICES) {
            voices.put(v, new VoiceMapping.Voice(v, true, "tone", Map.of("tone", new VoiceProfile(v, true, 1.0))));
        }
        return new SpeechSynthesizer(TtsEngines.of(Map.of("tone", tts), slots), new VoiceMapping(voices));
    }

    /** The engines of a scripted session: these fakes, counted by meters nobody reads. */
    static RealtimeEngines engines(Vad vad, FileTranscriber stt, ChatModel llm, ToneTts tts) {
        return new RealtimeEngines(vad, stt, llm, speech(tts), new PipelineMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
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
