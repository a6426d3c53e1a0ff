package dev.parley.engines.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.parley.engines.llm.internal.Completion;
import dev.parley.engines.llm.internal.Json;
import dev.parley.engines.llm.internal.PromptFormat;
import dev.parley.engines.llm.internal.ToolGrammar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A {@link ChatModel} running a GGUF model in-process with llama.cpp ({@code de.kherud:llama}).
 *
 * <p><b>Threading.</b> Each instance owns one dedicated platform thread; the model is loaded, and every completion
 * runs, on it (native code never runs on a virtual thread, and one llama.cpp context is never used by two threads).
 * Completions queue for that thread; the queue holds {@link Options#maxQueued()} waiting completions, and a
 * completion submitted when it is full ends at once with {@link ChatEvent.Failed} ({@link ChatModelException} "busy").
 *
 * <p><b>Prompt cache.</b> The prompt is rendered append-only ({@link PromptFormat}) and sent with
 * {@code cache_prompt}, so the KV cache of the previous turn is reused and only the new turn is evaluated;
 * {@code n_keep} is the size of the system block, so a context shift never drops the instructions.
 *
 * <p><b>Tools.</b> When tools are offered, the system prompt lists them and generation is constrained by a GBNF
 * grammar of the form {@code toolcall | answer}: the model either answers in text (streamed as
 * {@link ChatEvent.TextDelta}) or opens a brace, after which it can only produce {@code {"name":..., "arguments":...}}
 * valid against the tool's JSON Schema, reported as {@link ChatEvent.ToolCallDelta} + {@link ChatEvent.ToolCallDone}.
 *
 * <p><b>Cancellation</b> is checked after every token (latency: one token).
 */
public final class LlamaChatModel implements ChatModel {
    private static final Logger log = LoggerFactory.getLogger(LlamaChatModel.class);

    /**
     * Model options.
     *
     * @param contextSize context window in tokens
     * @param threads llama.cpp compute threads (default: the number of cores)
     * @param format the chat template; null guesses it from the file name
     * @param maxQueued completions that may wait for the model thread
     * @param defaultMaxTokens tokens to generate when a request gives no limit
     * @param defaultTemperature temperature when a request gives none
     */
    public record Options(int contextSize, int threads, PromptFormat format, int maxQueued, int defaultMaxTokens,
            double defaultTemperature) {
        public static Options defaults() {
            return new Options(4096, Runtime.getRuntime().availableProcessors(), null, 8, 256, 0.6);
        }

        public Options withFormat(PromptFormat f) {
            return new Options(contextSize, threads, f, maxQueued, defaultMaxTokens, defaultTemperature);
        }
    }

    private final Path file;
    private final Options options;
    private final PromptFormat format;
    private final ThreadPoolExecutor thread;
    private final LlamaModel model;
    private String cachedSystemBlock = "";
    private int cachedSystemTokens;

    /** Loads {@code gguf} with default options. Blocks until the model is loaded. */
    public LlamaChatModel(Path gguf) {
        this(gguf, Options.defaults());
    }

    /**
     * Loads {@code gguf}. Blocks until the model is loaded.
     *
     * @throws ChatModelException if the file is missing or llama.cpp cannot load it
     */
    public LlamaChatModel(Path gguf, Options options) {
        this.file = Objects.requireNonNull(gguf, "gguf");
        this.options = options;
        if (!Files.isRegularFile(gguf)) {
            throw new ChatModelException(0, "language model " + gguf + " not found; run `./parley models fetch`");
        }
        this.format = options.format() != null ? options.format() : PromptFormat.guess(gguf.getFileName().toString());
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(options.maxQueued()),
                r -> {
                    Thread t = new Thread(r, "llama-" + gguf.getFileName());
                    t.setDaemon(true);
                    return t;
                });
        try {
            this.model = thread.submit(() -> {
                // llama.cpp's own log goes to stderr (model metadata, the chat template: some 150 lines per load):
                // silenced while loading, then the library's messages go to SLF4J at DEBUG
                LlamaModel m = new LlamaModel(new ModelParameters()
                        .setModel(gguf.toString())
                        .setCtxSize(options.contextSize())
                        .setThreads(options.threads())
                        .setThreadsBatch(options.threads())
                        .disableLog());
                LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> log.debug("llama.cpp {}: {}", level, msg.strip()));
                return m;
            }).get();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
            throw new ChatModelException("interrupted while loading " + gguf, e);
        } catch (ExecutionException e) {
            thread.shutdownNow();
            throw new ChatModelException("llama.cpp could not load " + gguf + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Tokens of the context kept for the prompt when a client asks for the longest answer ({@link #maxOutputTokens}):
     * at most this many, and at most a quarter of the context.
     */
    public static final int PROMPT_RESERVE_TOKENS = 512;

    @Override
    public String name() {
        return "llama:" + file.getFileName();
    }

    /** The context size less the prompt reserve ({@link #PROMPT_RESERVE_TOKENS}): 3,584 of the default 4,096. */
    @Override
    public int maxOutputTokens() {
        return Math.max(1, options.contextSize() - Math.min(PROMPT_RESERVE_TOKENS, options.contextSize() / 4));
    }

    /** The chat template in use. */
    public PromptFormat format() {
        return format;
    }

    @Override
    public ChatHandle stream(ChatRequest request, ChatListener listener) {
        Completion completion = new Completion(listener);
        try {
            thread.execute(() -> run(request, completion));
        } catch (RejectedExecutionException e) {
            completion.fail(new ChatModelException(503, "language model busy: " + options.maxQueued()
                    + " completions already waiting"));
        }
        return completion;
    }

    /**
     * Evaluates the system block (instructions and tool descriptions) into the KV cache on the model thread, so the
     * first turn only evaluates the conversation. Skipped when the queue is full.
     */
    @Override
    public void prefill(ChatRequest request) {
        try {
            thread.execute(() -> {
                String block = format.systemBlock(request);
                if (block.isEmpty()) return;
                try {
                    model.complete(new InferenceParameters(block).setCachePrompt(true).setNPredict(1));
                } catch (RuntimeException e) {
                    log.debug("llama prefill failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("llama prefill skipped: queue full");
        }
    }

    private void run(ChatRequest request, Completion completion) {
        if (completion.isCancelled()) {
            completion.finish(FinishReason.CANCELLED, Usage.NONE);
            return;
        }
        try {
            generate(request, completion);
        } catch (RuntimeException e) {
            completion.fail(e instanceof ChatModelException ce ? ce
                    : new ChatModelException("llama.cpp generation failed: " + e.getMessage(), e));
        }
    }

    private void generate(ChatRequest request, Completion completion) {
        String prompt = format.render(request);
        int promptTokens = model.encode(prompt).length;
        // the answer gets what the prompt leaves of the context, at most what was asked: a limit, not a demand
        int room = options.contextSize() - promptTokens;
        if (room < 1) {
            throw new ChatModelException(400, "conversation too long for the model: " + promptTokens
                    + " prompt tokens fill the context of " + options.contextSize());
        }
        int maxTokens = Math.min(room, request.maxTokens() != null ? request.maxTokens() : options.defaultMaxTokens());
        double temperature = request.temperature() != null ? request.temperature() : options.defaultTemperature();
        InferenceParameters params = new InferenceParameters(prompt)
                .setCachePrompt(true)
                .setNKeep(systemTokens(request))
                .setNPredict(maxTokens)
                .setTemperature((float) temperature)
                .setStopStrings(format.endOfTurn());
        boolean tools = PromptFormat.offersTools(request);
        if (tools) params.setGrammar(ToolGrammar.grammar(request.tools(), request.toolChoice(), LlamaModel::jsonSchemaToGrammar));

        StringBuilder all = new StringBuilder();
        int generated = 0;
        Boolean toolCall = tools ? null : Boolean.FALSE; // decided by the first non-blank character
        LlamaIterator it = model.generate(params).iterator();
        try {
            while (it.hasNext()) {
                LlamaOutput out = it.next();
                if (completion.isCancelled()) {
                    it.cancel();
                    completion.finish(FinishReason.CANCELLED, new Usage(promptTokens, generated));
                    return;
                }
                String text = out.text;
                if (text.isEmpty()) continue;
                generated++;
                all.append(text);
                if (toolCall == null) {
                    String head = all.toString().stripLeading();
                    if (head.isEmpty()) continue;
                    toolCall = head.charAt(0) == '{';
                    if (!toolCall && !completion.emit(new ChatEvent.TextDelta(all.toString()))) {
                        it.cancel();
                        break;
                    }
                    continue;
                }
                if (!toolCall && !completion.emit(new ChatEvent.TextDelta(text))) {
                    it.cancel();
                    break;
                }
            }
        } finally {
            if (completion.isCancelled()) it.cancel();
        }
        Usage usage = new Usage(promptTokens, generated);
        if (completion.isCancelled()) {
            completion.finish(FinishReason.CANCELLED, usage);
            return;
        }
        boolean hitLimit = generated >= maxTokens;
        if (Boolean.TRUE.equals(toolCall)) {
            ToolCall call = parseToolCall(all.toString().strip(), hitLimit);
            completion.emit(new ChatEvent.ToolCallDelta(0, call.id(), call.name(), call.argumentsJson()));
            completion.emit(new ChatEvent.ToolCallDone(0, call));
            completion.finish(FinishReason.TOOL_CALLS, usage);
        } else {
            completion.finish(hitLimit ? FinishReason.LENGTH : FinishReason.STOP, usage);
        }
    }

    private ToolCall parseToolCall(String json, boolean hitLimit) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            String name = Json.str(node, "name");
            JsonNode args = node.get("arguments");
            if (name == null || args == null || !args.isObject()) throw new ChatModelException(0, "no name/arguments");
            return new ToolCall("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), name, args.toString());
        } catch (JacksonException | ChatModelException e) {
            throw new ChatModelException(0, "model produced an invalid tool call" + (hitLimit ? " (token limit reached)" : "")
                    + ": " + (json.length() > 300 ? json.substring(0, 300) + "..." : json));
        }
    }

    /** Token count of the system block, cached for the last instructions seen (runs on the model thread). */
    private int systemTokens(ChatRequest request) {
        String block = format.systemBlock(request);
        if (!block.equals(cachedSystemBlock)) {
            cachedSystemBlock = block;
            cachedSystemTokens = block.isEmpty() ? 0 : model.encode(block).length;
        }
        return cachedSystemTokens;
    }

    /** Stops accepting completions, waits up to 10 s for the running one, then frees the model. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) log.warn("llama completion still running at close");
            // free native memory on a platform thread (the caller may be a virtual thread)
            Thread closer = Thread.ofPlatform().name("llama-close").start(model::close);
            closer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
