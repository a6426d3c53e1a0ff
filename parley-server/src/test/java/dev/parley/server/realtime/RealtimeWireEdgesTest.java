package dev.parley.server.realtime;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.realtime.internal.PipelineMeters;
import dev.parley.server.testing.FakeEngines.ToneTts;
import dev.parley.server.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Errors, barge-in, disconnects and slow clients over a real socket. */
class RealtimeWireEdgesTest {
    static final Duration LONG = Duration.ofSeconds(60);

    @BeforeAll
    static void server() {
        WireFixtures.server();
    }

    @Test
    void everyRecoverableErrorNamesTheOffendingEventAndTheSessionGoesOn() {
        WireFixtures.socketRunner().run("wire/errors.jsonl");
    }

    @Test
    void anAppendLargerThanTheLimitIsRefusedWithTheDocumentedError() throws Exception {
        try (TestSocket c = WireFixtures.connect()) {
            c.await("conversation.created", LONG, null);
            String big = Base64.getEncoder().encodeToString(new byte[RealtimeFeature.MAX_APPEND_BYTES + 48_000]);
            c.send("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"c_big\",\"audio\":\"" + big + "\"}");
            TestSocket.Message e = c.await("error", LONG, null);
            assertThat(e.json().at("/error/code").stringValue()).isEqualTo("input_audio_buffer_append_too_large");
            assertThat(e.json().at("/error/event_id").stringValue()).isEqualTo("c_big");
            c.send("{\"type\":\"input_audio_buffer.clear\"}");
            assertThat(c.await("input_audio_buffer.cleared", LONG, null)).as("session still answers").isNotNull();
        }
    }

    @Test
    void aNumberBeyondThirtyTwoBitsIsAnErrorEventNamingTheFieldNotAClose1011() throws Exception {
        try (TestSocket c = WireFixtures.connect()) {
            c.await("conversation.created", LONG, null);
            c.send("{\"type\":\"session.update\",\"event_id\":\"c_rate\",\"session\":{\"audio\":{\"output\":"
                    + "{\"format\":{\"type\":\"audio/pcm\",\"rate\":2147483648}}}}}");
            JsonNode e = c.await("error", LONG, null).json().get("error");
            assertThat(e.get("param").stringValue()).isEqualTo("session.audio.output.format.rate");
            assertThat(e.get("event_id").stringValue()).isEqualTo("c_rate");
            assertThat(e.get("message").stringValue()).doesNotContain("Node").doesNotContain("asInt");
            c.send("{\"type\":\"session.update\",\"event_id\":\"c_tokens\",\"session\":{\"max_output_tokens\":1000000}}");
            e = c.await("error", LONG, null).json().get("error");
            assertThat(List.of(e.get("param").stringValue(), e.get("event_id").stringValue()))
                    .containsExactly("session.max_output_tokens", "c_tokens");
            assertThat(e.get("message").stringValue()).contains("3584"); // the embedded model's context less its reserve
            c.send("{\"type\":\"input_audio_buffer.clear\"}");
            assertThat(c.await("input_audio_buffer.cleared", LONG, null)).as("session still answers").isNotNull();
            assertThat(c.closed()).isNotDone();
        }
    }

    @Test
    void tenMebibytesOfItemTextAreAnErrorEventNotAClose1008AsASlowClient() throws Exception {
        try (TestSocket c = WireFixtures.connect()) {
            c.await("conversation.created", LONG, null);
            c.send("{\"type\":\"conversation.item.create\",\"event_id\":\"c_big\",\"item\":{\"type\":\"message\","
                    + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + "a".repeat(10 << 20) + "\"}]}}");
            JsonNode e = c.await("error", LONG, null).json().get("error");
            assertThat(List.of(e.get("code").stringValue(), e.get("param").stringValue(), e.get("event_id").stringValue()))
                    .containsExactly("invalid_value", "item.content[0].text", "c_big");
            c.send("{\"type\":\"input_audio_buffer.clear\"}");
            assertThat(c.await("input_audio_buffer.cleared", LONG, null)).as("session still answers").isNotNull();
            assertThat(c.closed()).isNotDone();
        }
    }

    @Test
    void aBinaryFrameWithoutTheBinaryTransportIsAnErrorEventPerSpec4_9() throws Exception {
        try (TestSocket c = WireFixtures.connect()) {
            c.await("conversation.created", LONG, null);
            c.sendBinary(new byte[4800]);
            JsonNode e = c.await("error", LONG, null).json().get("error");
            assertThat(e.get("param").stringValue()).isEqualTo("session.audio.input.transport");
            assertThat(e.get("message").stringValue()).contains("binary");
            assertThat(c.closed()).isNotDone();
        }
    }

    @Test
    void aMessageBeyondTheWebSocketLimitClosesTheConnectionWith1009() throws Exception {
        try (TestSocket c = WireFixtures.connect()) {
            c.await("conversation.created", LONG, null);
            String huge = "x".repeat((int) WireFixtures.server().config().websocket().maxMessageBytes() + 1024);
            try {
                c.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + huge + "\"}");
            } catch (RuntimeException ignored) {
                // the server may close while the frame is still being written
            }
            assertThat(c.closed().get(30, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void speechDuringAStreamingAnswerCancelsItAndNoAudioOfItFollowsSpeechStarted() throws Exception {
        ScriptRunner r = WireFixtures.socketRunner().run("wire/barge_in.jsonl");
        String resp = r.vars.get("$resp").stringValue();
        List<JsonNode> events = new ArrayList<>();
        JsonNode started = null;
        JsonNode cancelled = null;
        while (cancelled == null || started == null) {
            JsonNode e = r.next();
            events.add(e);
            String type = e.get("type").stringValue();
            if (type.equals("input_audio_buffer.speech_started") && started == null) started = e;
            if (type.equals("response.done") && e.at("/response/id").stringValue().equals(resp)) cancelled = e;
            if (started != null && type.equals("response.output_audio.delta")) {
                assertThat(e.get("response_id").stringValue()).as("audio of the interrupted response after speech_started")
                        .isNotEqualTo(resp);
            }
        }
        assertThat(cancelled.at("/response/status").stringValue()).isEqualTo("cancelled");
        assertThat(cancelled.at("/response/status_details/reason").stringValue()).isEqualTo("turn_detected");
        assertThat(cancelled.at("/response/output/0/status").stringValue()).isEqualTo("incomplete");
        // the interrupting turn is committed and answered (then cancelled here, to keep the test short)
        JsonNode created = null;
        while (created == null) {
            JsonNode e = r.next();
            if (e.get("type").stringValue().equals("response.created")) created = e;
        }
        String next = created.at("/response/id").stringValue();
        assertThat(next).isNotEqualTo(resp);
        while (true) {
            JsonNode e = r.next();
            if (e.get("type").stringValue().equals("response.output_audio.delta")) {
                assertThat(e.get("response_id").stringValue()).isEqualTo(next);
                break;
            }
        }
        r.transport.send("{\"type\":\"response.cancel\"}");
        r.transport.close();
    }

    @Test
    void aClientThatDisconnectsMidResponseLeavesNoWorkRunning() throws Exception {
        PipelineMeters meters = WireFixtures.feature().meters();
        double cancelledBefore = meters.completionsFinished("cancelled");
        int sessionsBefore = meters.sessions().get(); // sessions of other tests may still be open
        TestSocket c = WireFixtures.connect();
        c.await("conversation.created", LONG, null);
        RealtimeSession session = WireFixtures.lastSession.get();
        c.send("{\"type\":\"session.update\",\"session\":{\"instructions\":\"You are a storyteller. Tell long, "
                + "detailed stories.\",\"temperature\":0,\"max_output_tokens\":1000}}");
        c.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"Tell me a story about a brave dragon.\"}]}}");
        c.send("{\"type\":\"response.create\"}");
        assertThat(c.await("response.output_audio.delta", LONG, null)).isNotNull();
        assertThat(meters.completionsActive()).as("the model is still generating").isPositive();
        c.abort();
        assertThat(session.awaitTermination(Duration.ofSeconds(20))).as("session worker ended").isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(meters.sessions().get()).as("open sessions").isEqualTo(sessionsBefore);
            assertThat(meters.completionsActive()).as("LLM completions").isZero();
            assertThat(meters.synthesesActive()).as("TTS syntheses").isZero();
            assertThat(meters.transcriptionsActive()).as("transcriptions").isZero();
        });
        assertThat(meters.completionsFinished("cancelled")).as("the completion was cancelled, not run to its end")
                .isGreaterThan(cancelledBefore);
    }

    @Test
    void aClientThatStopsReadingIsClosedAndItsSessionStops() throws Exception {
        Fakes.ScriptedChat llm = new Fakes.ScriptedChat();
        String word = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
        llm.text(0, word.repeat(400).split("(?<= )"));
        RealtimeEngines engines = Fakes.engines(new Fakes.EnergyVad(), new Fakes.FixedTranscriber(), llm, new ToneTts());
        AtomicReference<RealtimeSession> opened = new AtomicReference<>();
        AtomicInteger open = engines.meters().sessions();
        var config = dev.parley.server.config.ConfigLoader.load(null, java.util.Map.of("PARLEY_API_KEYS", TestServers.KEY),
                java.util.Map.of("server.host", "127.0.0.1", "server.port", "0", "websocket.max_outbound_bytes",
                        Integer.toString(256 * 1024)));
        try (ParleyServer s = ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get())
                .feature(ctx -> ctx.router().websocket("/v1/slow", hs -> {
                    RealtimeSession rs = new RealtimeSession(RealtimeConfig.defaults(), engines);
                    opened.set(rs);
                    return rs;
                })).start();
             TestSocket slow = TestSocket.to(s.uri().resolve("/v1/slow")).bearer(TestServers.KEY).paused().connect()) {
            slow.send("{\"type\":\"response.create\"}");
            // never read: once the socket buffers are full, the server's queue grows past the bound
            await().atMost(Duration.ofSeconds(30)).until(() -> opened.get() != null && open.get() == 0);
            assertThat(opened.get().awaitTermination(Duration.ofSeconds(10))).isTrue();
            assertThat(llm.cancels.get()).as("generation cancelled").isEqualTo(1);
        }
    }
}
