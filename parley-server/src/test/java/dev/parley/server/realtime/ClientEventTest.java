package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SessionSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client side of the realtime event codec: JSON text frames in, {@link ClientEvent} records or refusals out. */
class ClientEventTest {
    static final int MAX_APPEND = 15 * 1024 * 1024;
    static final int MAX_TEXT = 1000;
    static final SessionSettings.Limits LIMITS = new SessionSettings.Limits(v -> true, 3584, MAX_TEXT);
    static final SessionSettings SETTINGS = new SessionSettings("sess_test", "grok-voice-latest", "eve", false);

    static ClientEvent parse(String json) {
        return ClientEvent.parse(json, MAX_APPEND, MAX_TEXT);
    }

    static RealtimeError refusal(String json, String eventId) {
        ClientEvent e = parse(json);
        assertThat(e).isInstanceOf(ClientEvent.Invalid.class);
        assertThat(e.eventId()).isEqualTo(eventId);
        return ((ClientEvent.Invalid) e).error();
    }

    @Test
    void everyEventCarriesTheClientsEventId() {
        assertThat(parse("{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"c_1\"}"))
                .isEqualTo(new ClientEvent.AudioCommit("c_1"));
        assertThat(parse("{\"type\":\"input_audio_buffer.clear\"}")).isEqualTo(new ClientEvent.AudioClear(null));
        assertThat(parse("{\"type\":\"pong\",\"event_id\":\"p\"}")).isEqualTo(new ClientEvent.Pong("p"));
        assertThat(parse("{\"type\":\"response.cancel\",\"event_id\":\"c_2\",\"response_id\":\"resp_1\"}"))
                .isEqualTo(new ClientEvent.ResponseCancel("c_2", "resp_1"));
        assertThat(parse("{\"type\":\"conversation.item.delete\",\"event_id\":\"c_3\",\"item_id\":\"item_1\"}"))
                .isEqualTo(new ClientEvent.ItemDelete("c_3", "item_1"));
    }

    @Test
    void malformedJsonIsRefusedWithoutAnEventId() {
        RealtimeError malformed = refusal("{\"type\": \"session.update\", ", null);
        assertThat(malformed.code()).isEqualTo("invalid_json");
        assertThat(malformed.getMessage()).as("where, never the parser's own text")
                .isEqualTo("The event is not valid JSON (at line 1, column 28)");
        RealtimeError notObject = refusal("[1, 2]", null);
        assertThat(notObject.code()).isEqualTo("invalid_json");
        assertThat(notObject.getMessage()).isEqualTo("An event must be a JSON object");
    }

    @Test
    void aFrameOverTheEventBoundIsRefusedUnparsed() {
        RealtimeError e = refusal("x".repeat(ClientEvent.MAX_EVENT_CHARS + 1), null);
        assertThat(e.code()).isEqualTo("event_too_large");
        assertThat(e.getMessage()).isEqualTo("Event of " + (ClientEvent.MAX_EVENT_CHARS + 1)
                + " characters exceeds the " + ClientEvent.MAX_EVENT_CHARS + "-character limit");
    }

    @Test
    void aMissingOrUnknownTypeIsAnInvalidEventNamingTheEventId() {
        RealtimeError missing = refusal("{\"event_id\":\"c_1\"}", "c_1");
        assertThat(List.of(missing.type(), missing.code(), missing.getMessage(), missing.param()))
                .containsExactly("invalid_event", "invalid_event", "Missing event type", "type");
        RealtimeError unknown = refusal("{\"type\":\"conversation.item.retrieve\",\"event_id\":\"c_2\"}", "c_2");
        assertThat(unknown.getMessage()).isEqualTo("Unsupported event type: 'conversation.item.retrieve'");
        assertThat(unknown.param()).isEqualTo("type");
    }

    @Test
    void anAppendIsDecodedFromBase64() {
        ClientEvent e = parse("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQID\"}");
        assertThat(((ClientEvent.AudioAppend) e).audio()).containsExactly(1, 2, 3);
    }

    @Test
    void anAppendThatIsNotBase64OrTooLargeIsRefusedOnItsAudioField() {
        RealtimeError notB64 = refusal("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"a\",\"audio\":\"not base64!\"}", "a");
        assertThat(List.of(notB64.code(), notB64.param())).containsExactly("invalid_value", "audio");
        RealtimeError missing = refusal("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"b\",\"audio\":5}", "b");
        assertThat(missing.getMessage()).isEqualTo("audio must be a base64 string");
        RealtimeError big = ClientEvent.parse("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAAAAAA\"}", 5, MAX_TEXT) instanceof
                ClientEvent.Invalid i ? i.error() : null;
        assertThat(big).isNotNull();
        assertThat(big.code()).isEqualTo("input_audio_buffer_append_too_large");
        assertThat(big.getMessage()).isEqualTo(
                "Audio chunk of about 6 bytes exceeds the limit of 5 bytes per input_audio_buffer.append");
    }

    @Test
    void anItemWithoutAnIdGetsOneAndKeepsItsParts() {
        ClientEvent.ItemCreate e = (ClientEvent.ItemCreate) parse("{\"type\":\"conversation.item.create\","
                + "\"previous_item_id\":\"root\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":["
                + "{\"type\":\"input_text\",\"text\":\"hi\"},{\"type\":\"input_audio\",\"audio\":\"AQID\"}]}}");
        assertThat(e.item().id).startsWith("item_");
        assertThat(e.previousItemId()).isEqualTo("root");
        assertThat(e.item().content).extracting(p -> p.type).containsExactly("input_text", "input_audio");
        assertThat(e.audio()).containsExactly(1, 2, 3);
    }

    @Test
    void anItemsFieldErrorsNameTheOffendingField() {
        String prefix = "{\"type\":\"conversation.item.create\",\"event_id\":\"c\",\"item\":";
        assertThat(refusal(prefix + "3}", "c").param()).isEqualTo("item");
        assertThat(refusal(prefix + "{\"role\":\"robot\",\"content\":[]}}", "c").param()).isEqualTo("item.role");
        assertThat(refusal(prefix + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"},{\"type\":\"video\"}]}}", "c")
                .param()).isEqualTo("item.content[1].type");
        assertThat(refusal(prefix + "{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"audio\":\"%%\"}]}}", "c")
                .param()).isEqualTo("item.content[0].audio");
        RealtimeError noCallId = refusal(prefix + "{\"type\":\"function_call_output\",\"output\":\"x\"}}", "c");
        assertThat(List.of(noCallId.code(), noCallId.getMessage(), noCallId.param())).containsExactly(
                "missing_required_parameter", "Missing required parameter: 'item.call_id'", "item.call_id");
    }

    @Test
    void aForceMessageIsItsTextJoinedWithSpaces() {
        assertThat(parse("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"force_message\",\"content\":["
                + "{\"type\":\"input_text\",\"text\":\"Hello.\"},{\"type\":\"input_text\",\"text\":\"Bye.\"}]}}"))
                .isEqualTo(new ClientEvent.ForceMessage(null, "Hello. Bye."));
        assertThat(refusal("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"force_message\"}}", null).param())
                .isEqualTo("item.content");
    }

    @Test
    void truncateFieldsAreReadOnlyWhenTheSessionAsks() {
        ClientEvent.ItemTruncate bad = (ClientEvent.ItemTruncate) parse(
                "{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_1\",\"content_index\":\"one\",\"audio_end_ms\":-1}");
        assertThatThrownBy(bad::contentIndexOrZero).isInstanceOfSatisfying(RealtimeError.class,
                e -> assertThat(List.of(e.code(), e.param())).containsExactly("invalid_value", "content_index"));
        ClientEvent.ItemTruncate noIndex = (ClientEvent.ItemTruncate) parse(
                "{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_1\",\"audio_end_ms\":5}");
        assertThat(noIndex.contentIndexOrZero()).isZero();
        assertThatThrownBy(bad::requireAudioEndMs).isInstanceOfSatisfying(RealtimeError.class,
                e -> assertThat(List.of(e.code(), e.param())).containsExactly("invalid_value", "audio_end_ms"));
        ClientEvent.ItemTruncate good = (ClientEvent.ItemTruncate) parse(
                "{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_1\",\"content_index\":0,\"audio_end_ms\":120}");
        assertThat(good.requireAudioEndMs()).isEqualTo(120);
        assertThat(refusal("{\"type\":\"conversation.item.truncate\",\"event_id\":\"t\"}", "t").code())
                .isEqualTo("missing_required_parameter");
    }

    @Test
    void responseParametersAreValidatedWhenTheSessionAsks() {
        ClientEvent.ResponseCreate none = (ClientEvent.ResponseCreate) parse("{\"type\":\"response.create\"}");
        assertThat(none.params(SETTINGS, LIMITS)).isSameAs(ClientEvent.ResponseCreate.DEFAULTS);
        assertThat(refusal("{\"type\":\"response.create\",\"event_id\":\"r\",\"response\":7}", "r").param())
                .isEqualTo("response");
        ClientEvent.ResponseCreate ok = (ClientEvent.ResponseCreate) parse("{\"type\":\"response.create\",\"response\":"
                + "{\"output_modalities\":[\"text\",\"text\"],\"instructions\":\"Be brief.\",\"metadata\":{\"k\":\"v\"}}}");
        assertThat(ok.params(SETTINGS, LIMITS).modalities()).containsExactly("text");
        assertThat(ok.params(SETTINGS, LIMITS).instructions()).isEqualTo("Be brief.");
        assertThat(ok.params(SETTINGS, LIMITS).metadata().get("k").stringValue()).isEqualTo("v");
        ClientEvent.ResponseCreate badModalities = (ClientEvent.ResponseCreate) parse(
                "{\"type\":\"response.create\",\"response\":{\"modalities\":[\"video\"]}}");
        assertThatThrownBy(() -> badModalities.params(SETTINGS, LIMITS)).isInstanceOfSatisfying(RealtimeError.class,
                e -> assertThat(List.of(e.code(), e.param())).containsExactly("invalid_value", "response.modalities"));
        ClientEvent.ResponseCreate badMetadata = (ClientEvent.ResponseCreate) parse(
                "{\"type\":\"response.create\",\"response\":{\"metadata\":{\"k\":1}}}");
        assertThatThrownBy(() -> badMetadata.params(SETTINGS, LIMITS)).isInstanceOfSatisfying(RealtimeError.class,
                e -> assertThat(e.param()).isEqualTo("response.metadata"));
    }

    static RealtimeError badParams(String response) {
        ClientEvent.ResponseCreate e = (ClientEvent.ResponseCreate) parse(
                "{\"type\":\"response.create\",\"response\":" + response + "}");
        try {
            e.params(SETTINGS, LIMITS);
        } catch (RealtimeError err) {
            return err;
        }
        throw new AssertionError("accepted: " + response);
    }

    @Test
    void aResponsesTemperatureIsANumberFromZeroToTwoAndAStringIsAnInvalidValuePerInferredOaiErrorCodes() {
        for (String bad : List.of("\"hot\"", "-0.1", "2.5", "true", "{}")) {
            RealtimeError e = badParams("{\"temperature\":" + bad + "}");
            assertThat(List.of(e.type(), e.code(), e.param())).as(bad)
                    .containsExactly("invalid_request_error", "invalid_value", "response.temperature");
        }
        ClientEvent.ResponseCreate ok = (ClientEvent.ResponseCreate) parse(
                "{\"type\":\"response.create\",\"response\":{\"temperature\":0.8,\"max_output_tokens\":64}}");
        assertThat(ok.params(SETTINGS, LIMITS).temperature()).isEqualTo(0.8);
        assertThat(ok.params(SETTINGS, LIMITS).maxOutputTokens()).isEqualTo(64);
    }

    @Test
    void aResponsesMaxOutputTokensIsAnIntegerUpToWhatTheModelCanProduceOrInf() {
        for (String bad : List.of("0", "3585", "2147483648", "1e20", "1.5", "\"many\"")) {
            RealtimeError e = badParams("{\"max_output_tokens\":" + bad + "}");
            assertThat(List.of(e.code(), e.param())).as(bad).containsExactly("invalid_value", "response.max_output_tokens");
            assertThat(e.getMessage()).as(bad).doesNotContain("Node").doesNotContain("convert");
        }
        assertThat(badParams("{\"max_response_output_tokens\":99999999999999999999}").param())
                .isEqualTo("response.max_response_output_tokens");
        ClientEvent.ResponseCreate inf = (ClientEvent.ResponseCreate) parse(
                "{\"type\":\"response.create\",\"response\":{\"max_output_tokens\":\"inf\"}}");
        assertThat(inf.params(SETTINGS, LIMITS).maxOutputTokens()).isNull();
        ClientEvent.ResponseCreate most = (ClientEvent.ResponseCreate) parse(
                "{\"type\":\"response.create\",\"response\":{\"max_response_output_tokens\":3584.0}}");
        assertThat(most.params(SETTINGS, LIMITS).maxOutputTokens()).isEqualTo(3584);
    }

    @Test
    void aResponsesInstructionsAreAStringOfAtMostTheTextLimit() {
        assertThat(badParams("{\"instructions\":42}").param()).isEqualTo("response.instructions");
        assertThat(badParams("{\"instructions\":\"" + "x".repeat(MAX_TEXT + 1) + "\"}").param())
                .isEqualTo("response.instructions");
    }

    @Test
    void theTextOfOneItemIsBoundedAndTheFieldThatOverdrawsItIsNamed() {
        String prefix = "{\"type\":\"conversation.item.create\",\"event_id\":\"c\",\"item\":";
        String half = "x".repeat(MAX_TEXT / 2 + 1);
        RealtimeError second = refusal(prefix + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""
                + half + "\"},{\"type\":\"input_text\",\"text\":\"" + half + "\"}]}}", "c");
        assertThat(List.of(second.code(), second.param())).containsExactly("invalid_value", "item.content[1].text");
        assertThat(second.getMessage()).contains(Integer.toString(MAX_TEXT)).contains("realtime.max_item_text_chars");
        String big = "x".repeat(MAX_TEXT + 1);
        assertThat(refusal(prefix + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"" + big + "\"}}", "c")
                .param()).isEqualTo("item.output");
        assertThat(refusal(prefix + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\""
                + big + "\"}}", "c").param()).isEqualTo("item.arguments");
        assertThat(refusal(prefix + "{\"type\":\"force_message\",\"content\":[{\"type\":\"output_text\",\"text\":\""
                + big + "\"}]}}", "c").param()).isEqualTo("item.content[0].text");
        assertThat(parse(prefix + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""
                + "x".repeat(MAX_TEXT) + "\"}]}}")).isInstanceOf(ClientEvent.ItemCreate.class);
    }

    @Test
    void idsTheServerEchoesAreAtMost256Characters() {
        String longId = "i".repeat(ClientEvent.MAX_ID_CHARS + 1);
        RealtimeError eventId = refusal("{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"" + longId + "\"}", null);
        assertThat(List.of(eventId.code(), eventId.param())).containsExactly("invalid_value", "event_id");
        String prefix = "{\"type\":\"conversation.item.create\",\"event_id\":\"c\",";
        assertThat(refusal(prefix + "\"item\":{\"id\":\"" + longId + "\",\"role\":\"user\",\"content\":[]}}", "c").param())
                .isEqualTo("item.id");
        assertThat(refusal(prefix + "\"previous_item_id\":\"" + longId + "\",\"item\":{\"role\":\"user\",\"content\":[]}}",
                "c").param()).isEqualTo("previous_item_id");
        assertThat(refusal(prefix + "\"item\":{\"type\":\"function_call_output\",\"call_id\":\"" + longId + "\"}}", "c")
                .param()).isEqualTo("item.call_id");
        assertThat(refusal("{\"type\":\"conversation.item.delete\",\"event_id\":\"d\",\"item_id\":\"" + longId + "\"}", "d")
                .param()).isEqualTo("item_id");
    }

    @Test
    void anErrorMessageQuotesAtMost64CharactersOfAClientsString() {
        RealtimeError e = refusal("{\"type\":\"" + "t".repeat(10_000) + "\",\"event_id\":\"c\"}", "c");
        assertThat(e.getMessage()).isEqualTo("Unsupported event type: '" + "t".repeat(64) + "…'");
    }

    @Test
    void aFunctionCallItemDefaultsItsArguments() {
        ClientEvent.ItemCreate e = (ClientEvent.ItemCreate) parse("{\"type\":\"conversation.item.create\",\"item\":"
                + "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"lookup\"}}");
        assertThat(e.item().type).isEqualTo(Item.FUNCTION_CALL);
        assertThat(e.item().id).isEqualTo("fc_1");
        assertThat(e.item().arguments).isEqualTo("{}");
        assertThat(e.audio()).isNull();
    }

    static RealtimeError paramsRefusal(String response) {
        ClientEvent.ResponseCreate r = (ClientEvent.ResponseCreate) parse("{\"type\":\"response.create\",\"response\":"
                + response + "}");
        try {
            r.params(SETTINGS, new SessionSettings.Limits(v -> v.equals("eve"), 3584, MAX_TEXT));
        } catch (RealtimeError e) {
            return e;
        }
        throw new AssertionError("accepted: " + response);
    }

    @Test
    void aResponsesSessionFieldsAreCheckedAsSessionUpdateChecksThemNamingTheResponseField() {
        assertThat(paramsRefusal("{\"voice\":\"nobody\"}").param()).isEqualTo("response.voice");
        assertThat(paramsRefusal("{\"tools\":\"x\"}").param()).isEqualTo("response.tools");
        assertThat(paramsRefusal("{\"tool_choice\":7}").param()).isEqualTo("response.tool_choice");
        assertThat(paramsRefusal("{\"audio\":{\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":2147483648}}}}")
                .code()).isEqualTo("invalid_audio_format");
        assertThat(paramsRefusal("{\"conversation\":\"other\"}").param()).isEqualTo("response.conversation");
        assertThat(paramsRefusal("{\"input\":\"hi\"}").param()).isEqualTo("response.input");
    }

    @Test
    void idsAndTextsOfTheWrongTypeAreRefusedNamingTheField() {
        assertThat(refusal("{\"type\":\"conversation.item.create\",\"event_id\":\"i\",\"item\":{\"id\":7,"
                + "\"type\":\"message\",\"role\":\"user\",\"content\":[]}}", "i").param()).isEqualTo("item.id");
        assertThat(refusal("{\"type\":\"conversation.item.create\",\"event_id\":\"i\",\"previous_item_id\":7,"
                + "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[]}}", "i").param())
                .isEqualTo("previous_item_id");
        assertThat(refusal("{\"type\":\"conversation.item.create\",\"event_id\":\"i\",\"item\":{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":7}]}}", "i").param())
                .isEqualTo("item.content[0].text");
        assertThat(refusal("{\"type\":\"conversation.item.create\",\"event_id\":\"i\",\"item\":{\"type\":"
                + "\"function_call_output\",\"call_id\":\"c\",\"output\":7}}", "i").param()).isEqualTo("item.output");
    }
}
