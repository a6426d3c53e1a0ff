package dev.parley.engines.llm;

import dev.parley.engines.llm.internal.Completion;
import dev.parley.engines.llm.internal.Json;
import dev.parley.engines.llm.internal.ToolCallAccumulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatModel} backed by any OpenAI-compatible {@code POST <baseUrl>/chat/completions} endpoint with
 * {@code stream: true} (Server-Sent Events): xAI, OpenAI, vLLM, llama.cpp server, Ollama.
 *
 * <p>It parses {@code choices[0].delta.content} into {@link ChatEvent.TextDelta}s and {@code delta.tool_calls[]}
 * (accumulated by {@code index}) into {@link ChatEvent.ToolCallDelta}s and, at the end,
 * {@link ChatEvent.ToolCallDone}s; {@code usage} (requested with {@code stream_options.include_usage}) fills the
 * {@link Usage} of {@link ChatEvent.Done}. A non-2xx status ends the stream with {@link ChatEvent.Failed} carrying a
 * {@link ChatModelException} with the status and the server's message.
 *
 * <p>Threading: each completion reads its stream on its own virtual thread (network I/O only, no native code) and
 * calls the listener from it. {@link ChatHandle#cancel()} cancels the exchange and closes the response stream.
 * Thread-safe; the instance holds one {@link HttpClient}.
 */
public final class OpenAiCompatibleChatModel implements ChatModel {
    /** The most bytes of an error body that are read to build the exception message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param baseUrl the API base including the version, e.g. {@code https://api.x.ai/v1}; {@code /chat/completions}
     *     is appended
     * @param apiKey bearer token, or null/empty for none (local servers)
     * @param model the {@code model} field of each request
     */
    public OpenAiCompatibleChatModel(URI baseUrl, String apiKey, String model) {
        this(baseUrl, apiKey, model, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /**
     * @param connectTimeout TCP/TLS connect timeout
     * @param requestTimeout the longest time to wait for the response headers
     */
    public OpenAiCompatibleChatModel(URI baseUrl, String apiKey, String model, Duration connectTimeout,
            Duration requestTimeout) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.endpoint = URI.create(base.endsWith("/") ? base + "chat/completions" : base + "/chat/completions");
        this.apiKey = apiKey;
        this.model = Objects.requireNonNull(model, "model");
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public String name() {
        return "openai:" + model;
    }

    @Override
    public ChatHandle stream(ChatRequest request, ChatListener listener) {
        Completion completion = new Completion(listener);
        String body = requestBody(request).toString();
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null && !apiKey.isEmpty()) rb.header("Authorization", "Bearer " + apiKey);
        HttpRequest httpRequest = rb.build();
        Thread.ofVirtual().name("chat-" + model).start(() -> run(httpRequest, completion));
        return completion;
    }

    @SuppressWarnings("try") // the cancel hook closes the stream from another thread on purpose
    private void run(HttpRequest request, Completion completion) {
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.currentThread();
        completion.onCancel(() -> {
            future.cancel(true);
            reader.interrupt();
        });
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            completion.fail(new ChatModelException("cancelled before the response arrived", e));
            return;
        } catch (ExecutionException e) {
            completion.fail(new ChatModelException("chat endpoint " + endpoint + " unreachable: " + e.getCause(), e.getCause()));
            return;
        }
        try (InputStream in = response.body()) {
            completion.onCancel(() -> {
                reader.interrupt();
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is best effort; the reader sees the interrupt or the closed stream
                }
            });
            if (response.statusCode() / 100 != 2) {
                completion.fail(new ChatModelException(response.statusCode(),
                        "chat endpoint returned HTTP " + response.statusCode() + ": " + errorMessage(in)));
                return;
            }
            readEvents(in, completion);
        } catch (IOException | RuntimeException e) {
            completion.fail(e instanceof ChatModelException ce ? ce
                    : new ChatModelException("chat stream from " + endpoint + " failed: " + e.getMessage(), e));
        }
    }

    private void readEvents(InputStream in, Completion completion) throws IOException {
        ToolCallAccumulator tools = new ToolCallAccumulator();
        FinishReason finish = null;
        Usage usage = Usage.NONE;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        boolean sawDone = false;
        while (!sawDone && (line = reader.readLine()) != null) {
            if (completion.isCancelled()) break;
            if (line.isEmpty()) {
                if (data.isEmpty()) continue;
                String payload = data.toString();
                data.setLength(0);
                if (payload.equals("[DONE]")) {
                    sawDone = true;
                    continue;
                }
                JsonNode chunk;
                try {
                    chunk = Json.MAPPER.readTree(payload);
                } catch (JacksonException e) {
                    throw new ChatModelException("chat stream sent invalid JSON: " + abbreviate(payload), e);
                }
                JsonNode error = chunk.get("error");
                if (error != null && !error.isNull()) {
                    throw new ChatModelException(Json.integer(error, "code", 0),
                            "chat stream reported an error: " + messageOf(error));
                }
                JsonNode u = chunk.get("usage");
                if (u != null && u.isObject()) {
                    usage = new Usage(Json.integer(u, "prompt_tokens", 0), Json.integer(u, "completion_tokens", 0));
                }
                JsonNode choices = chunk.get("choices");
                if (choices == null || !choices.isArray() || choices.isEmpty()) continue;
                JsonNode choice = choices.get(0);
                JsonNode delta = choice.get("delta");
                if (delta != null && delta.isObject()) {
                    String content = Json.str(delta, "content");
                    if (content != null && !content.isEmpty()
                            && !completion.emit(new ChatEvent.TextDelta(content))) break;
                    JsonNode calls = delta.get("tool_calls");
                    if (calls != null && calls.isArray()) {
                        for (JsonNode call : calls) {
                            int index = Json.integer(call, "index", 0);
                            JsonNode fn = call.get("function");
                            String id = Json.str(call, "id");
                            String name = Json.str(fn, "name");
                            String args = Json.str(fn, "arguments");
                            boolean first = tools.add(index, id, name, args);
                            if (!completion.emit(new ChatEvent.ToolCallDelta(index, first ? id : null,
                                    first ? name : null, args == null ? "" : args))) break;
                        }
                    }
                }
                String fr = Json.str(choice, "finish_reason");
                if (fr != null) finish = FinishReason.fromOpenAi(fr);
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) data.append('\n');
                data.append(line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5));
            }
            // "event:", "id:", "retry:" and ":" comment lines carry nothing we use
        }
        if (completion.isCancelled()) {
            completion.finish(FinishReason.CANCELLED, usage);
            return;
        }
        if (!sawDone && finish == null) {
            throw new ChatModelException(0, "chat stream ended before [DONE] without a finish_reason");
        }
        for (Map.Entry<Integer, ToolCall> e : tools.calls()) {
            if (!completion.emit(new ChatEvent.ToolCallDone(e.getKey(), e.getValue()))) break;
        }
        if (finish == null) finish = tools.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        completion.finish(finish, usage);
    }

    ObjectNode requestBody(ChatRequest request) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", model);
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = root.putArray("messages");
        if (!request.instructions().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.instructions());
        }
        for (ChatMessage m : request.messages()) {
            switch (m) {
                case ChatMessage.User u -> messages.addObject().put("role", "user").put("content", u.text());
                case ChatMessage.Assistant a -> {
                    ObjectNode o = messages.addObject().put("role", "assistant");
                    if (a.toolCalls().isEmpty()) {
                        o.put("content", a.text());
                    } else {
                        if (a.text().isEmpty()) o.putNull("content");
                        else o.put("content", a.text());
                        ArrayNode calls = o.putArray("tool_calls");
                        for (ToolCall c : a.toolCalls()) {
                            ObjectNode co = calls.addObject().put("id", c.id()).put("type", "function");
                            co.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
                        }
                    }
                }
                case ChatMessage.ToolResult t -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", t.callId()).put("content", t.output());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (ToolSpec t : request.tools()) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", t.name()).put("description", t.description());
                JsonNode params;
                try {
                    params = Json.MAPPER.readTree(t.parametersJson());
                } catch (JacksonException e) {
                    throw new IllegalArgumentException("tool " + t.name() + " has invalid JSON parameters schema", e);
                }
                fn.set("parameters", params);
            }
            root.put("tool_choice", request.toolChoice().wire());
        }
        if (request.temperature() != null) root.put("temperature", request.temperature());
        if (request.maxTokens() != null) root.put("max_tokens", request.maxTokens());
        return root;
    }

    private static String errorMessage(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            JsonNode error = node.get("error");
            if (error != null) return messageOf(error);
            String msg = Json.str(node, "message");
            if (msg != null) return msg;
        } catch (JacksonException ignored) {
            // not JSON: use the text
        }
        return text.isEmpty() ? "(empty body)" : abbreviate(text);
    }

    private static String messageOf(JsonNode error) {
        if (error.isString()) return error.stringValue();
        String msg = Json.str(error, "message");
        return msg != null ? msg : abbreviate(error.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    @Override
    public void close() {
        http.close();
    }
}
