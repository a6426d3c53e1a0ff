package dev.parley.engines.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the client against a scripted OpenAI-compatible endpoint on loopback (a test double: real providers are not
 * reachable from the build machines). The script writes SSE exactly as OpenAI's streaming API does.
 */
class OpenAiCompatibleChatModelTest {
    private HttpServer server;
    private volatile Script script;
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuth = new AtomicReference<>();

    interface Script {
        void serve(HttpExchange ex) throws Exception;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> {
            try {
                lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
                script.serve(ex);
            } catch (Exception e) {
                // the client went away (cancellation tests)
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenAiCompatibleChatModel model() {
        return new OpenAiCompatibleChatModel(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
                "sk-test", "test-model");
    }

    private static void sse(HttpExchange ex, String... chunks) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String c : chunks) {
            out.write(("data: " + c + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static final class Recorder implements ChatListener {
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onEvent(ChatEvent event) {
            events.add(event);
            first.countDown();
        }

        ChatEvent last() {
            return events.getLast();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (ChatEvent e : events) if (e instanceof ChatEvent.TextDelta t) sb.append(t.text());
            return sb.toString();
        }
    }

    private static ChatRequest hello() {
        return ChatRequest.of("Be brief.", List.of(new ChatMessage.User("Hi")));
    }

    @Test
    void textDeltasStreamInOrderAndEndWithStopAndUsage() throws Exception {
        script = ex -> sse(ex,
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there.\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}",
                "[DONE]");
        Recorder r = new Recorder();
        try (var m = model()) {
            assertThat(m.stream(hello(), r).await(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(r.events).filteredOn(e -> e instanceof ChatEvent.TextDelta)
                .containsExactly(new ChatEvent.TextDelta("Hello"), new ChatEvent.TextDelta(" there."));
        assertThat(r.last()).isEqualTo(new ChatEvent.Done(FinishReason.STOP, new Usage(12, 3)));
    }

    @Test
    void requestCarriesSystemPromptMessagesToolsAndBearerKey() throws Exception {
        script = ex -> sse(ex, "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}", "[DONE]");
        var tool = new ToolSpec("get_weather", "Weather lookup",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
        var request = new ChatRequest("sys", List.of(new ChatMessage.User("Weather in Paris?"),
                new ChatMessage.Assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
                new ChatMessage.ToolResult("call_1", "{\"temp_c\":21}")), List.of(tool), 0.5, 64);
        try (var m = model()) {
            m.stream(request, new Recorder()).await(Duration.ofSeconds(10));
        }
        JsonNode body = JsonMapper.builder().build().readTree(lastBody.get());
        assertThat(lastAuth.get()).isEqualTo("Bearer sk-test");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("model").stringValue()).isEqualTo("test-model");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.at("/messages/0/role").stringValue()).isEqualTo("system");
        assertThat(body.at("/messages/2/tool_calls/0/function/arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(body.at("/messages/3/tool_call_id").stringValue()).isEqualTo("call_1");
        assertThat(body.at("/tools/0/function/parameters/required/0").stringValue()).isEqualTo("city");
    }

    @Test
    void toolCallArgumentsStreamedInPiecesAreJoinedByIndex() throws Exception {
        script = ex -> sse(ex,
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "[DONE]");
        Recorder r = new Recorder();
        try (var m = model()) {
            m.stream(hello(), r).await(Duration.ofSeconds(10));
        }
        assertThat(r.events).filteredOn(e -> e instanceof ChatEvent.ToolCallDelta).hasSize(3)
                .first().isEqualTo(new ChatEvent.ToolCallDelta(0, "call_abc", "get_weather", ""));
        assertThat(r.events).contains(new ChatEvent.ToolCallDone(0,
                new ToolCall("call_abc", "get_weather", "{\"city\":\"Paris\"}")));
        assertThat(r.last()).isEqualTo(new ChatEvent.Done(FinishReason.TOOL_CALLS, Usage.NONE));
    }

    @Test
    void httpErrorEndsWithFailedCarryingStatusAndServerMessage() throws Exception {
        script = ex -> {
            byte[] b = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, b.length);
            ex.getResponseBody().write(b);
        };
        Recorder r = new Recorder();
        try (var m = model()) {
            m.stream(hello(), r).await(Duration.ofSeconds(10));
        }
        assertThat(r.events).hasSize(1);
        ChatModelException e = (ChatModelException) ((ChatEvent.Failed) r.last()).error();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("HTTP 401").contains("Incorrect API key provided");
    }

    @Test
    void unreachableEndpointFailsWithClearMessage() throws Exception {
        server.stop(0);
        Recorder r = new Recorder();
        try (var m = model()) {
            assertThat(m.stream(hello(), r).await(Duration.ofSeconds(15))).isTrue();
        }
        assertThat(((ChatEvent.Failed) r.last()).error()).hasMessageContaining("unreachable");
    }

    @Test
    void cancelMidStreamEndsWithCancelledAndClosesTheConnection() throws Exception {
        CountDownLatch serverSawClose = new CountDownLatch(1);
        script = ex -> {
            sse(ex, "{\"choices\":[{\"delta\":{\"content\":\"One\"}}]}");
            try {
                for (int i = 0; i < 200; i++) { // keeps streaming until the client goes away (20 s at most)
                    Thread.sleep(100);
                    ex.getResponseBody().write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    ex.getResponseBody().flush();
                }
            } catch (IOException closed) {
                serverSawClose.countDown();
            }
        };
        Recorder r = new Recorder();
        try (var m = model()) {
            ChatHandle h = m.stream(hello(), r);
            assertThat(r.first.await(10, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            h.cancel();
            assertThat(h.await(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(r.events).first().isEqualTo(new ChatEvent.TextDelta("One"));
        assertThat(r.last()).isEqualTo(new ChatEvent.Done(FinishReason.CANCELLED, Usage.NONE));
        assertThat(r.events.stream().filter(e -> e instanceof ChatEvent.Done)).hasSize(1);
        assertThat(serverSawClose.await(10, TimeUnit.SECONDS)).as("server saw the connection close").isTrue();
    }
}
