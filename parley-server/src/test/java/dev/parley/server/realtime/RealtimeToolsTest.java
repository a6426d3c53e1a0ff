package dev.parley.server.realtime;

import dev.parley.server.config.ConfigLoader;
import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Flow E (function calling) over a real socket: against the embedded SmolLM2 with {@code tool_choice: required}
 * (llama.cpp constrains the output with a grammar built from the tool's JSON Schema, so the 135M model produces a
 * valid call), and against a scripted OpenAI-compatible endpoint (a test double: {@code llm.backend: openai}).
 */
class RealtimeToolsTest {

    @Test
    void theEmbeddedModelForcedByToolChoiceRequiredCallsTheToolWithSchemaValidArguments() throws Exception {
        WireFixtures.server();
        ScriptRunner r = WireFixtures.socketRunner().run("wire/tool_call.jsonl");
        JsonNode args = Http.json(r.vars.get("$arguments").stringValue());
        assertThat(args.get("city").isString()).as("arguments " + args).isTrue();
        JsonNode done = r.seen("response.done").getLast();
        assertThat(done.at("/response/status").stringValue()).isIn("completed", "incomplete");
        assertThat(RealtimeWireTest.audio(r.seen).length).as("spoken answer after the tool output").isPositive();
    }

    @Test
    void aToolCallRoundTripsThroughAnOpenAiCompatibleEndpoint() throws Exception {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/chat/completions", ex -> {
            JsonNode body = Http.json(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(body);
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            boolean hasToolResult = false;
            for (JsonNode m : body.get("messages")) if ("tool".equals(m.path("role").asString())) hasToolResult = true;
            List<String> chunks = hasToolResult
                    ? List.of("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"It is 21 degrees\"}}]}",
                            "{\"choices\":[{\"delta\":{\"content\":\" and sunny in Paris.\"}}]}",
                            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}")
                    : List.of("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_up_1\",\"type\":\"function\","
                                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}",
                            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
                            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}",
                            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}");
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (String c : chunks) {
                    out.write(("data: " + c + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        upstream.start();
        try (ParleyServer s = ParleyServer.builder(WireFixtures.config(Map.of("llm.backend", "openai",
                        "llm.base_url", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1",
                        "llm.api_key", "sk-upstream-test", "llm.model", "upstream-model")))
                .standardFeatures(false).feature(new RealtimeFeature(ConfigLoader.defaults().realtime())).start()) {
            ScriptRunner r = WireFixtures.socketRunner(WireFixtures.wsUri(s, "model=grok-voice-latest"), TestServers.KEY)
                    .run("wire/tool_call.jsonl");
            assertThat(r.vars.get("$call").stringValue()).isEqualTo("call_up_1");
            assertThat(r.vars.get("$arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
            JsonNode done = r.seen("response.done").getLast();
            assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
            assertThat(done.at("/response/output/0/content/0/transcript").stringValue())
                    .isEqualTo("It is 21 degrees and sunny in Paris.");
            RealtimeWireTest.assertSpeechFor(RealtimeWireTest.audio(r.seen), "It is 21 degrees and sunny in Paris.");
            assertThat(requests).hasSize(2);
            assertThat(auth).containsOnly("Bearer sk-upstream-test");
            JsonNode first = requests.getFirst();
            assertThat(first.get("model").stringValue()).isEqualTo("upstream-model");
            assertThat(first.at("/tools/0/function/name").stringValue()).isEqualTo("get_weather");
            JsonNode second = requests.get(1);
            JsonNode toolMessage = null;
            for (JsonNode m : second.get("messages")) if ("tool".equals(m.path("role").asString())) toolMessage = m;
            assertThat(toolMessage).as("the tool output goes back to the model").isNotNull();
            assertThat(toolMessage.get("tool_call_id").stringValue()).isEqualTo("call_up_1");
            assertThat(toolMessage.get("content").stringValue()).contains("\"temperature_c\": 21");
        } finally {
            upstream.stop(0);
        }
    }
}
