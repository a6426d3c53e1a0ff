package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ClientEvent;
import dev.parley.client.NewItem;
import dev.parley.client.RealtimeAudioFormat;
import dev.parley.client.ServerEvent;
import dev.parley.client.SessionConfig;
import dev.parley.client.SttEvent;
import dev.parley.client.Tool;
import dev.parley.client.TtsEvent;
import dev.parley.client.TurnDetection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact JSON in, typed events out; typed events in, exact JSON out. */
class EventsTest {
    @Test
    void anUnknownRealtimeEventTypeIsSurfacedAsUnknownWithItsJson() {
        String json = "{\"event_id\":\"e9\",\"type\":\"mcp_list_tools.completed\",\"item_id\":\"i1\"}";
        assertThat(Events.realtime(json)).isEqualTo(new ServerEvent.Unknown("e9", "mcp_list_tools.completed", json));
    }

    @Test
    void anAudioDeltaIsDecodedFromBase64WithItsIds() {
        ServerEvent e = Events.realtime("{\"event_id\":\"e12\",\"type\":\"response.output_audio.delta\",\"response_id\":"
                + "\"resp_01\",\"item_id\":\"msg_004\",\"output_index\":0,\"content_index\":0,\"delta\":\"AAEC\"}");
        assertThat(e).isInstanceOfSatisfying(ServerEvent.OutputAudioDelta.class, d -> {
            assertThat(d.responseId()).isEqualTo("resp_01");
            assertThat(d.itemId()).isEqualTo("msg_004");
            assertThat(d.audio()).containsExactly(0, 1, 2);
        });
    }

    @Test
    void bothTextDeltaNamesOfConflict4DecodeToOutputTextDelta() {
        assertThat(Events.realtime("{\"type\":\"response.text.delta\",\"delta\":\"a\"}")).isInstanceOf(ServerEvent.OutputTextDelta.class);
        assertThat(Events.realtime("{\"type\":\"response.output_text.delta\",\"delta\":\"a\"}")).isInstanceOf(ServerEvent.OutputTextDelta.class);
    }

    @Test
    void aRealtimeErrorKeepsTypeCodeParamAndTheClientEventId() {
        ServerEvent e = Events.realtime("{\"event_id\":\"e30\",\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_audio_format\",\"message\":\"no\",\"param\":\"session.audio.input.format.type\",\"event_id\":\"c_1\"}}");
        assertThat(e).isEqualTo(new ServerEvent.Error("e30", "invalid_request_error", "invalid_audio_format", "no",
                "session.audio.input.format.type", "c_1"));
    }

    @Test
    void responseDoneCarriesStatusUsageAndTheAssistantTranscript() {
        ServerEvent e = Events.realtime("{\"event_id\":\"e20\",\"type\":\"response.done\",\"response\":{\"id\":\"resp_01\","
                + "\"object\":\"realtime.response\",\"status\":\"completed\",\"metadata\":null,\"usage\":{\"input_tokens\":412,"
                + "\"output_tokens\":96,\"total_tokens\":508},\"output\":[{\"id\":\"msg_004\",\"object\":\"realtime.item\","
                + "\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"audio\","
                + "\"transcript\":\"Hi! How can I help?\"}]}]}}");
        assertThat(e).isInstanceOfSatisfying(ServerEvent.ResponseDone.class, d -> {
            assertThat(d.response().status()).isEqualTo("completed");
            assertThat(d.response().usage().totalTokens()).isEqualTo(508);
            assertThat(d.response().text()).isEqualTo("Hi! How can I help?");
            assertThat(d.response().metadata()).isEmpty();
        });
    }

    @Test
    void sessionCreatedWithTypeNullTurnDetectionReadsAsManual() {
        ServerEvent e = Events.realtime("{\"event_id\":\"e1\",\"type\":\"session.created\",\"session\":{\"id\":\"sess_01\","
                + "\"model\":\"grok-voice-latest\",\"voice\":\"eve\",\"turn_detection\":{\"type\":null},"
                + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}}}}}");
        assertThat(e).isInstanceOfSatisfying(ServerEvent.SessionCreated.class, s -> {
            assertThat(s.session().turnDetection().isManual()).isTrue();
            assertThat(s.session().inputFormat()).isEqualTo(RealtimeAudioFormat.pcm(24000));
            assertThat(s.session().voice()).isEqualTo("eve");
        });
    }

    @Test
    void manualTurnDetectionIsSentAsAnExplicitNullAndUnsetFieldsAreLeftOut() {
        String json = Events.encode(new ClientEvent.SessionUpdate(SessionConfig.empty().withVoice("rex")
                .withTurnDetection(TurnDetection.manual())), "c_1");
        assertThat(json).isEqualTo("{\"type\":\"session.update\",\"event_id\":\"c_1\",\"session\":{\"voice\":\"rex\","
                + "\"turn_detection\":null}}");
    }

    @Test
    void functionToolsAreSentFlatWithTheirSchema() {
        String json = Events.encode(new ClientEvent.SessionUpdate(SessionConfig.empty().withTools(List.of(
                new Tool.Function("get_weather", "Weather", "{\"type\":\"object\"}")))), null);
        assertThat(json).isEqualTo("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"function\","
                + "\"name\":\"get_weather\",\"description\":\"Weather\",\"parameters\":{\"type\":\"object\"}}]}}");
    }

    @Test
    void aUserTextItemAndAnAudioAppendEncodeAsTheSpecShowsThem() {
        assertThat(Events.encode(new ClientEvent.ItemCreate(NewItem.Message.userText("Hello")), null)).isEqualTo(
                "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                        + "\"content\":[{\"type\":\"input_text\",\"text\":\"Hello\"}]}}");
        assertThat(Events.encode(new ClientEvent.InputAudioAppend(new byte[] {0, 1, 2}), null))
                .isEqualTo("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAEC\"}");
    }

    @Test
    void aTtsErrorIsFlatAndAnUnknownTtsMessageIsKept() {
        assertThat(Events.tts("{\"type\":\"error\",\"message\":\"bad\"}")).isEqualTo(new TtsEvent.Error("bad"));
        assertThat(Events.tts("{\"type\":\"audio.done\",\"trace_id\":\"t1\"}")).isEqualTo(new TtsEvent.AudioDone("t1"));
        assertThat(Events.tts("{\"type\":\"x.y\"}")).isEqualTo(new TtsEvent.Unknown("x.y", "{\"type\":\"x.y\"}"));
    }

    @Test
    void anSttPartialKeepsItsFinalityFlagsAndWords() {
        SttEvent e = Events.stt("{\"type\":\"transcript.partial\",\"text\":\"The balance\",\"words\":[{\"text\":\"The\","
                + "\"start\":0.24,\"end\":0.48,\"confidence\":0.95},{\"text\":\"balance\",\"start\":0.48,\"end\":0.96,"
                + "\"speaker\":1}],\"is_final\":true,\"speech_final\":false,\"start\":0.0,\"duration\":1.2}");
        assertThat(e).isInstanceOfSatisfying(SttEvent.Partial.class, p -> {
            assertThat(p.isFinal()).isTrue();
            assertThat(p.speechFinal()).isFalse();
            assertThat(p.words()).hasSize(2);
            assertThat(p.words().get(0).confidence()).isEqualTo(0.95);
            assertThat(p.words().get(1).speaker()).isEqualTo(1);
            assertThat(p.duration()).isEqualTo(1.2);
        });
    }
}
