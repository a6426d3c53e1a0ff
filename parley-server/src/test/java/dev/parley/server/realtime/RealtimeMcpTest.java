package dev.parley.server.realtime;

import static dev.parley.server.realtime.RealtimeSessionTest.awaitType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.llm.ChatMessage;
import dev.parley.engines.llm.ToolSpec;
import dev.parley.server.realtime.mcp.ScriptedMcpServer;
import dev.parley.server.testing.FakeEngines.ToneTts;
import dev.parley.server.testing.TestServers;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Flow F with {@code mcp} tools (spec §4.5 F, §4.6): the session lists a remote MCP server's tools, offers them to the
 * model, runs the model's calls itself and lets the model answer in the same response. The MCP server is a scripted
 * test double ({@link ScriptedMcpServer}); the engines are the session fakes.
 */
class RealtimeMcpTest {
    final Fakes.ScriptedChat llm = new Fakes.ScriptedChat();
    final RealtimeEngines engines = Fakes.engines(new Fakes.EnergyVad(), new Fakes.FixedTranscriber(), llm, new ToneTts());

    static String mcpTool(String url) {
        return "{\"type\":\"mcp\",\"server_label\":\"calc\",\"server_url\":\"" + url + "\",\"allowed_tools\":[\"add\"],"
                + "\"authorization\":\"tok-9\",\"headers\":{\"X-Team\":\"parley\"}}";
    }

    /** A session whose outbound policy admits 127.0.0.1 ({@code outbound.allow}), where the scripted server runs. */
    static ScriptRunner started(RealtimeEngines engines) throws InterruptedException {
        return started(RealtimeConfig.defaults().withOutbound(TestServers.LOOPBACK_OUTBOUND), engines);
    }

    static ScriptRunner started(RealtimeConfig config, RealtimeEngines engines) throws InterruptedException {
        ScriptRunner r = new ScriptRunner(config, engines);
        r.transport.start();
        awaitType(r, "conversation.created");
        return r;
    }

    static void ask(ScriptRunner r, String text) {
        r.session.onText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"" + text + "\"}]}}");
        r.session.onText("{\"type\":\"response.create\"}");
    }

    static List<String> types(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) out.add(e.get("type").stringValue());
        return out;
    }

    @Test
    void sessionUpdateWithAnMcpToolListsItsToolsAfterSessionUpdated() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer()) {
            ScriptRunner r = started(engines);
            r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[" + mcpTool(mcp.url()) + "]}}");
            JsonNode updated = awaitType(r, "session.updated");
            JsonNode inProgress = r.next();
            JsonNode completed = r.next();
            assertThat(inProgress.get("type").stringValue()).isEqualTo("mcp_list_tools.in_progress");
            assertThat(completed.get("type").stringValue()).isEqualTo("mcp_list_tools.completed");
            assertThat(completed.get("item_id").stringValue()).isEqualTo(inProgress.get("item_id").stringValue());
            assertThat(updated.at("/session/tools/0/server_label").stringValue()).isEqualTo("calc");
            assertThat(updated.at("/session/tools/0").has("authorization")).as("the token is never echoed").isFalse();
            assertThat(mcp.calls("tools/list")).hasSize(1);
            assertThat(mcp.calls("tools/list").getFirst().authorization()).isEqualTo("Bearer tok-9");
        }
    }

    @Test
    void anMcpToolCallRunsOnTheServerAndTheSameResponseSpeaksTheAnswer() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer()) {
            mcp.sse = true;
            llm.reply(new Fakes.ScriptedChat.Call("add", "{\"a\":2,\"b\":3}"));
            llm.text(0, "Two plus three", " is five.");
            ScriptRunner r = started(engines);
            r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[" + mcpTool(mcp.url()) + "]}}");
            awaitType(r, "mcp_list_tools.completed");
            int from = r.seen.size();
            ask(r, "what is two plus three");
            JsonNode done = awaitType(r, "response.done");
            List<JsonNode> events = r.seen.subList(from, r.seen.size());
            List<String> order = types(events).stream().filter(t -> !t.equals("conversation.item.added")
                    && !t.endsWith(".delta")).toList();
            assertThat(order).containsExactly("response.created",
                    "response.output_item.added",          // mcp_call
                    "response.mcp_call_arguments.done",
                    "response.mcp_call.in_progress",
                    "response.mcp_call.completed",
                    "response.output_item.done",           // mcp_call with output
                    "response.output_item.added",          // assistant message
                    "response.content_part.added",
                    "response.output_audio.done",
                    "response.output_audio_transcript.done",
                    "response.content_part.done",
                    "response.output_item.done",
                    "response.done");
            JsonNode added = events.stream().filter(e -> e.get("type").stringValue().equals("response.output_item.added"))
                    .findFirst().orElseThrow().get("item");
            assertThat(added.get("type").stringValue()).isEqualTo("mcp_call");
            assertThat(added.get("server_label").stringValue()).isEqualTo("calc");
            assertThat(added.get("name").stringValue()).isEqualTo("add");
            assertThat(added.get("status").stringValue()).isEqualTo("in_progress");
            JsonNode argsDone = r.seen("response.mcp_call_arguments.done").getFirst();
            assertThat(argsDone.get("arguments").stringValue()).isEqualTo("{\"a\":2,\"b\":3}");
            assertThat(argsDone.get("item_id").stringValue()).isEqualTo(added.get("id").stringValue());
            JsonNode callDone = r.seen("response.output_item.done").get(0).get("item");
            assertThat(callDone.get("output").stringValue()).isEqualTo("5");
            assertThat(callDone.get("status").stringValue()).isEqualTo("completed");
            // the audio and transcript of the spoken answer
            assertThat(r.seen("response.output_audio.delta")).isNotEmpty();
            assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
            assertThat(done.at("/response/output/0/type").stringValue()).isEqualTo("mcp_call");
            assertThat(done.at("/response/output/1/content/0/transcript").stringValue()).isEqualTo("Two plus three is five.");
            // the MCP server ran the call with the model's arguments
            ScriptedMcpServer.Received call = mcp.calls("tools/call").getFirst();
            assertThat(call.params().get("name").stringValue()).isEqualTo("add");
            assertThat(call.params().get("arguments").toString()).isEqualTo("{\"a\":2,\"b\":3}");
            assertThat(call.sessionId()).isEqualTo(ScriptedMcpServer.SESSION_ID);
            // the model saw the MCP tool (allowed_tools filtered the other) and got the result back
            assertThat(llm.requests).hasSize(2);
            assertThat(llm.requests.getFirst().tools()).extracting(ToolSpec::name).containsExactly("add");
            List<ChatMessage> second = llm.requests.get(1).messages();
            assertThat(second.get(1)).isInstanceOf(ChatMessage.Assistant.class);
            assertThat(((ChatMessage.Assistant) second.get(1)).toolCalls().getFirst().name()).isEqualTo("add");
            assertThat(second.get(2)).isEqualTo(new ChatMessage.ToolResult(
                    ((ChatMessage.Assistant) second.get(1)).toolCalls().getFirst().id(), "5"));
        }
    }

    @Test
    void aFailedMcpCallIsReportedAndItsErrorGoesToTheModel() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer()) {
            llm.reply(new Fakes.ScriptedChat.Call("add", "{\"a\":\"x\"}"));
            llm.text(0, "Sorry, that failed.");
            ScriptRunner r = started(engines);
            r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[" + mcpTool(mcp.url()) + "]}}");
            awaitType(r, "mcp_list_tools.completed");
            mcp.close(); // the server goes away between listing and calling
            ask(r, "add");
            JsonNode done = awaitType(r, "response.done");
            JsonNode failed = r.seen("response.mcp_call.failed").getFirst();
            assertThat(failed.at("/error/message").stringValue()).contains("unreachable");
            assertThat(r.seen("response.mcp_call.completed")).isEmpty();
            assertThat(done.at("/response/output/0/status").stringValue()).isEqualTo("failed");
            assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
            ChatMessage result = llm.requests.get(1).messages().get(2);
            assertThat(((ChatMessage.ToolResult) result).output()).startsWith("Error: ");
        }
    }

    @Test
    void anUnreachableMcpServerFailsTheListingAndTheSessionStaysUsable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ScriptRunner r = started(engines);
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":["
                + mcpTool("http://127.0.0.1:" + port + "/mcp") + "]}}");
        JsonNode failed = awaitType(r, "mcp_list_tools.failed");
        assertThat(failed.get("item_id").stringValue()).startsWith("mcp_list_");
        assertThat(failed.at("/error/type").isString()).isTrue();
        assertThat(failed.at("/error/message").stringValue()).contains("unreachable");
        ask(r, "hello");
        JsonNode done = awaitType(r, "response.done");
        assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
        assertThat(llm.requests.getFirst().tools()).isEmpty();
    }

    @Test
    void functionToolsBesideAnMcpToolStillEndTheResponseForTheClientRoundTrip() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer()) {
            llm.reply(new Fakes.ScriptedChat.Call("get_weather", "{\"city\":\"Paris\"}"));
            ScriptRunner r = started(engines);
            r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[" + mcpTool(mcp.url())
                    + ",{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]}}");
            awaitType(r, "mcp_list_tools.completed");
            ask(r, "weather?");
            JsonNode done = awaitType(r, "response.done");
            assertThat(done.at("/response/output/0/type").stringValue()).isEqualTo("function_call");
            assertThat(r.seen("response.function_call_arguments.done")).hasSize(1);
            assertThat(r.seen("response.mcp_call.in_progress")).isEmpty();
            assertThat(llm.requests).hasSize(1);
            assertThat(llm.requests.getFirst().tools()).extracting(ToolSpec::name).containsExactly("get_weather", "add");
            assertThat(mcp.calls("tools/call")).isEmpty();
        }
    }

    @Test
    void anMcpToolWithoutServerLabelOrWithADottedLabelIsRefusedAndTheOldConfigKept() throws Exception {
        ScriptRunner r = started(engines);
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"mcp\",\"server_url\":\"http://x/mcp\"}]}}");
        JsonNode e1 = awaitType(r, "error");
        assertThat(e1.at("/error/param").stringValue()).isEqualTo("session.tools[0].server_label");
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"mcp\",\"server_label\":\"a.b\","
                + "\"server_url\":\"http://x/mcp\"}]}}");
        JsonNode e2 = awaitType(r, "error");
        assertThat(e2.at("/error/message").stringValue()).contains("no dots");
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"mcp\",\"server_label\":\"ab\","
                + "\"server_url\":\"ftp://x/mcp\"}]}}");
        JsonNode e3 = awaitType(r, "error");
        assertThat(e3.at("/error/param").stringValue()).isEqualTo("session.tools[0].server_url");
        assertThat(r.seen("session.updated")).isEmpty();
        assertThat(r.seen("mcp_list_tools.in_progress")).isEmpty();
    }

    @Test
    void headersOrAnAuthorizationThatWouldSplitTheRequestAreRefusedNamingTheField() throws Exception {
        ScriptRunner r = started(engines);
        String tool = "{\"type\":\"mcp\",\"server_label\":\"ab\",\"server_url\":\"http://x/mcp\",";
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[" + tool
                + "\"headers\":{\"X-A\":\"1\\r\\nX-Injected: 2\"}}]}}");
        assertThat(awaitType(r, "error").at("/error/param").stringValue()).isEqualTo("session.tools[0].headers");
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[" + tool
                + "\"authorization\":\"t\\nX-Injected: 2\"}]}}");
        assertThat(awaitType(r, "error").at("/error/param").stringValue()).isEqualTo("session.tools[0].authorization");
        assertThat(r.seen("mcp_list_tools.in_progress")).isEmpty();
    }

    @Test
    void webSearchIsStillRefusedBecauseNoProviderIsConfigured() throws Exception {
        ScriptRunner r = started(engines);
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"web_search\"}]}}");
        JsonNode e = awaitType(r, "error");
        assertThat(e.at("/error/param").stringValue()).isEqualTo("session.tools[0].type");
    }
}
