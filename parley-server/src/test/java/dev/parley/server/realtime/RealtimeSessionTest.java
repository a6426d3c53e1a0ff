package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.llm.ChatMessage;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.server.testing.FakeEngines.ToneTts;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scripted conversations (src/test/resources/realtime/*.jsonl) against the session with fake engines. */
class RealtimeSessionTest {
    final Fakes.EnergyVad vad = new Fakes.EnergyVad();
    final Fakes.FixedTranscriber stt = new Fakes.FixedTranscriber();
    final Fakes.ScriptedChat llm = new Fakes.ScriptedChat();
    final ToneTts tts = new ToneTts();
    final RealtimeEngines engines = Fakes.engines(vad, stt, llm, tts);

    ScriptRunner runner(RealtimeConfig config) {
        return new ScriptRunner(config, engines);
    }

    ScriptRunner run(String script) {
        return runner(RealtimeConfig.defaults()).run(script);
    }

    @Test
    void connectSendsSessionCreatedThenConversationCreatedWithManualTurnsPerConflict2() {
        run("connect.jsonl");
    }

    @Test
    void defaultVoiceIsEveAndVoicesAreEchoedLowercasePerConflict3() {
        run("default_voice.jsonl");
    }

    @Test
    void nestedFunctionToolIsAcceptedAndEchoedFlatPerConflict5() {
        run("nested_function_tool.jsonl");
    }

    @Test
    void serverVadAtConnectIsConfigurablePerConflict2() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults().withServerVadAtConnect(true));
        r.transport.start();
        JsonNode created = r.next();
        assertThat(created.at("/session/turn_detection/type").stringValue()).isEqualTo("server_vad");
        assertThat(created.at("/session/turn_detection/silence_duration_ms").asInt()).isEqualTo(500);
    }

    @Test
    void eventsSentBeforeTheGreetingAreProcessedAfterIt() {
        run("early_events.jsonl");
    }

    @Test
    void textTurnFollowsTheOfficialExampleFlowInExactOrder() {
        run("text_turn.jsonl");
    }

    @Test
    void newInstructionsArePrefilledIntoTheModelsPromptCache() {
        run("text_turn.jsonl");
        assertThat(llm.prefills).hasSize(1);
        assertThat(llm.prefills.getFirst().instructions()).isEqualTo("You are a helpful support agent.");
        assertThat(llm.requests.getFirst().instructions()).isEqualTo("You are a helpful support agent.");
    }

    @Test
    void textModalityStreamsOutputTextDeltaByDefaultPerConflict4() {
        run("text_modality.jsonl");
    }

    @Test
    void textDeltaEventNameIsConfigurableToResponseTextDeltaPerConflict4() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults().withTextDeltaEvent(RealtimeConfig.TEXT_DELTA));
        r.transport.start();
        r.session.onText("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\"]}}");
        awaitType(r, "response.done");
        assertThat(r.seen(RealtimeConfig.TEXT_DELTA)).hasSize(6);
        assertThat(r.seen("response.text.done")).hasSize(1);
        assertThat(r.seen(RealtimeConfig.OUTPUT_TEXT_DELTA)).isEmpty();
    }

    @Test
    void manualCommitTurnsBufferedAudioIntoATranscribedUserItem() {
        run("manual_commit.jsonl");
        // 500 ms tone + 200 ms silence at 24 kHz, resampled to 16 kHz (the streaming resampler holds a few back)
        assertThat(stt.samples).hasSize(1);
        assertThat(stt.samples.getFirst()).isBetween(11000, 11200);
        assertThat(llm.requests.getFirst().messages()).containsExactly(new ChatMessage.User("what is the weather in paris"));
    }

    @Test
    void serverVadDetectsTheTurnCommitsItAndAnswersAutomatically() {
        run("server_vad_turn.jsonl");
        // the committed turn runs from 100 ms (prefix padding) before the detected speech (480 ms) to the moment
        // 300 ms of silence (10 frames of 32 ms) followed the last speech frame (ending at 1120 ms)
        assertThat(stt.samples.getFirst()).isEqualTo((1120 + 320 - (480 - 100)) * 16);
    }

    @Test
    void bargeInStopsAudioAtOnceCancelsTheResponseAndKeepsOnlyWhatWasSent() {
        llm.text(40, "One", " two", " three.", " Four", " five", " six.", " Seven", " eight", " nine.", " Ten", " eleven",
                " twelve.", " Thirteen", " fourteen", " fifteen.", " Sixteen", " seventeen.", " Eighteen.", " Nineteen.", " Twenty.");
        llm.text(0, "Sure.");
        ScriptRunner r = run("barge_in.jsonl");
        JsonNode done = r.seen("response.done").getFirst();
        String kept = done.at("/response/output/0/content/0/transcript").stringValue();
        assertThat(kept).startsWith("One two three.").isNotEqualTo(String.join("", "One two three. Four five six."
                + " Seven eight nine. Ten eleven twelve. Thirteen fourteen fifteen. Sixteen seventeen. Eighteen. Nineteen. Twenty."));
        // no audio of the first response after speech_started
        int bargeIn = r.seen.indexOf(r.seen("input_audio_buffer.speech_started").get(1));
        String firstResp = done.at("/response/id").stringValue();
        for (JsonNode e : r.seen.subList(bargeIn, r.seen.size())) {
            if (e.get("type").stringValue().equals("response.output_audio.delta")) {
                assertThat(e.get("response_id").stringValue()).isNotEqualTo(firstResp);
            }
        }
        assertThat(llm.cancels.get()).isEqualTo(1);
        // the next request sees the assistant turn as it was actually spoken
        List<ChatMessage> history = llm.requests.get(1).messages();
        assertThat(history.get(1)).isEqualTo(new ChatMessage.Assistant(kept));
    }

    @Test
    void functionCallRoundTripCarriesTheOutputIntoTheNextResponse() {
        llm.reply(new Fakes.ScriptedChat.Call("get_weather", "{\"city\":\"Paris\"}"));
        llm.text(0, "It is 21 degrees", " in Paris.");
        ScriptRunner r = run("function_call.jsonl");
        List<ChatMessage> second = llm.requests.get(1).messages();
        assertThat(second.get(2)).isInstanceOf(ChatMessage.ToolResult.class);
        assertThat(((ChatMessage.ToolResult) second.get(2)).output()).isEqualTo("{\"temp_c\":21}");
        assertThat(((ChatMessage.Assistant) second.get(1)).toolCalls().getFirst().name()).isEqualTo("get_weather");
        assertThat(llm.requests.getFirst().tools().getFirst().name()).isEqualTo("get_weather");
        assertThat(r.vars.get("$call").stringValue()).isEqualTo("call_1");
    }

    @Test
    void voiceChangedMidSessionIsUsedForTheNextResponse() {
        run("voice_change.jsonl");
        assertThat(tts.calls.getFirst()).startsWith("eve:");
        assertThat(tts.calls.getLast()).startsWith("ara:");
    }

    @Test
    void badInputGetsDocumentedErrorsNamingTheEventIdAndTheSessionGoesOn() {
        run("errors.jsonl");
    }

    @Test
    void responseCreateWhileOneIsRunningIsRefusedAndCancelEndsItAsCancelled() {
        llm.text(50, "One.", " Two.", " Three.", " Four.", " Five.", " Six.", " Seven.", " Eight.");
        run("active_response.jsonl");
    }

    @Test
    void truncateKeepsTheSpeechUpToAudioEndMsAndDeleteRemovesTheItem() {
        run("truncate_delete.jsonl");
    }

    @Test
    void anEventWrongInTwoWaysGetsTheErrorOfTheSessionStateFirst() {
        llm.text(50, "One.", " Two.", " Three.", " Four.", " Five.", " Six.", " Seven.", " Eight.");
        run("error_precedence.jsonl");
    }

    @Test
    void appendOverTheFifteenMebibyteBoundIsRefusedWithItsEventId() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        String big = Base64.getEncoder().encodeToString(new byte[15 * 1024 * 1024 + 3]);
        r.session.onText("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"c_big\",\"audio\":\"" + big + "\"}");
        JsonNode err = awaitType(r, "error");
        assertThat(err.at("/error/code").stringValue()).isEqualTo("input_audio_buffer_append_too_large");
        assertThat(err.at("/error/event_id").stringValue()).isEqualTo("c_big");
        // 15 MiB exactly is accepted (no reply; the buffer bound applies separately)
        r.session.onText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(new byte[48_000]) + "\"}");
        r.session.onText("{\"type\":\"input_audio_buffer.commit\"}");
        assertThat(awaitType(r, "input_audio_buffer.committed")).isNotNull();
    }

    @Test
    void g711OutputIsEightKilohertzOneBytePerSample() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"output_audio_format\":\"g711_ulaw\",\"input_audio_format\":\"g711_alaw\"}}");
        JsonNode updated = awaitType(r, "session.updated");
        assertThat(updated.at("/session/audio/output/format/type").stringValue()).isEqualTo("audio/pcmu");
        assertThat(updated.at("/session/audio/output/format/rate").asInt()).isEqualTo(8000);
        assertThat(updated.at("/session/audio/input/format/type").stringValue()).isEqualTo("audio/pcma");
        r.session.onText("{\"type\":\"response.create\"}");
        awaitType(r, "response.done");
        int bytes = r.seen("response.output_audio.delta").stream()
                .mapToInt(e -> Base64.getDecoder().decode(e.get("delta").stringValue()).length).sum();
        // "Hello there." + "How can I help?" = 27 characters * 10 ms at 8 kHz, one byte per sample
        assertThat(bytes).isEqualTo(27 * 80);
    }

    @Test
    void openAiGaSessionShapeIsAcceptedForVoiceAndTurnDetection() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"output_modalities\":[\"audio\"],"
                + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":16000},\"noise_reduction\":null,"
                + "\"turn_detection\":{\"type\":\"server_vad\",\"silence_duration_ms\":700}},"
                + "\"output\":{\"voice\":\"sal\",\"format\":{\"type\":\"audio/pcm\",\"rate\":48000}}},\"tracing\":\"auto\"}}");
        JsonNode s = awaitType(r, "session.updated").get("session");
        assertThat(s.get("voice").stringValue()).isEqualTo("sal");
        assertThat(s.at("/turn_detection/type").stringValue()).isEqualTo("server_vad");
        assertThat(s.at("/turn_detection/silence_duration_ms").asInt()).isEqualTo(700);
        assertThat(s.at("/audio/input/format/rate").asInt()).isEqualTo(16000);
        assertThat(s.at("/audio/output/format/rate").asInt()).isEqualTo(48000);
    }

    @Test
    void unknownVoiceIsRefusedAndTheOldVoiceStays() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults().withVoiceExists(v -> List.of("eve", "ara", "rex", "sal", "leo").contains(v)));
        r.transport.start();
        r.session.onText("{\"type\":\"session.update\",\"event_id\":\"c_1\",\"session\":{\"voice\":\"nobody\"}}");
        JsonNode err = awaitType(r, "error");
        assertThat(err.at("/error/param").stringValue()).isEqualTo("session.voice");
        r.session.onText("{\"type\":\"session.update\",\"session\":{}}");
        assertThat(awaitType(r, "session.updated").at("/session/voice").stringValue()).isEqualTo("eve");
    }

    @Test
    void clientDisconnectingMidResponseCancelsGenerationAndLeavesNoThreadRunning() throws Exception {
        llm.text(50, "One.", " Two.", " Three.", " Four.", " Five.", " Six.", " Seven.", " Eight.", " Nine.", " Ten.");
        CountDownLatch hold = new CountDownLatch(1);
        llm.holdAfter(2, hold); // the model is still generating when the client goes (a clause is spoken once the next token shows it ended)
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"response.create\"}");
        awaitType(r, "response.output_audio.delta");
        r.session.close();
        int seenAtClose = r.out.size();
        hold.countDown();
        assertThat(r.session.awaitTermination(Duration.ofSeconds(5))).as("worker ended").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (llm.running.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(llm.running.get()).as("LLM threads still running").isZero();
        assertThat(llm.cancels.get()).isEqualTo(1);
        Thread.sleep(200);
        assertThat(r.out.size()).as("no events after close").isEqualTo(seenAtClose);
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("fake-llm"))).isEmpty();
    }

    @Test
    void firstAudioLeavesBeforeTheModelHasFinished() throws Exception {
        llm.text(0, "First clause.", " Second", " clause", " is", " still", " being", " generated.");
        CountDownLatch hold = new CountDownLatch(1);
        llm.holdAfter(2, hold); // the rest of the answer comes only once the first audio has been seen
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"response.create\"}");
        awaitType(r, "response.output_audio.delta");
        assertThat(llm.running.get()).as("the model is still generating").isEqualTo(1);
        assertThat(tts.calls).containsExactly("eve:First clause.");
        hold.countDown();
        awaitType(r, "response.done");
        assertThat(tts.calls).containsExactly("eve:First clause.", "eve:Second clause is still being generated.");
    }

    @Test
    void g711MuLawInputIsDecodedAndResampledToSixteenKilohertzForTranscription() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcmu\"}}}}}");
        assertThat(awaitType(r, "session.updated").at("/session/audio/input/format/rate").asInt()).isEqualTo(8000);
        float[] tone = new float[4000]; // 500 ms at 8 kHz
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        byte[] ulaw = dev.parley.audio.G711.ULAW.encode(tone);
        r.session.onText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(ulaw) + "\"}");
        r.session.onText("{\"type\":\"input_audio_buffer.commit\"}");
        awaitType(r, "conversation.item.input_audio_transcription.completed");
        float[] heard = stt.last;
        assertThat(heard.length).isBetween(7800, 8000); // the streaming resampler holds back its look-ahead
        double sum = 0;
        for (int i = 1000; i < 7000; i++) sum += heard[i] * heard[i];
        assertThat(Math.sqrt(sum / 6000)).isCloseTo(0.5 / Math.sqrt(2), org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void numbersOfEveryFieldAreCheckedByTypeAndRangeAndABadOneIsAnErrorEventNotAClosedSession() {
        ScriptRunner r = run("numeric_fields.jsonl");
        assertThat(r.closeCodes).isEmpty();
        ChatRequest last = llm.requests.getLast();
        assertThat(last.temperature()).as("response.create's temperature wins over the session's").isEqualTo(0.2);
        assertThat(last.maxTokens()).isEqualTo(16);
    }

    @Test
    void binaryFramesAreAudioOnlyWithTheBinaryInputTransportAndOtherwiseAnErrorPerSpec4_9() {
        assertThat(run("binary_frames.jsonl").closeCodes).isEmpty();
    }

    @Test
    void tenMebibytesOfItemTextAreRefusedNamingTheFieldAndTheSessionGoesOn() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        String text = "a".repeat(10 << 20);
        r.session.onText("{\"type\":\"conversation.item.create\",\"event_id\":\"c_big\",\"item\":{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + text + "\"}]}}");
        JsonNode err = awaitType(r, "error").get("error");
        assertThat(List.of(err.get("code").stringValue(), err.get("param").stringValue(), err.get("event_id").stringValue()))
                .containsExactly("invalid_value", "item.content[0].text", "c_big");
        assertThat(err.get("message").stringValue()).contains("15000").hasSizeLessThan(300);
        assertThat(r.seen("conversation.item.added")).isEmpty();
        String limit = "b".repeat(RealtimeConfig.DEFAULT_MAX_ITEM_TEXT_CHARS);
        r.session.onText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"" + limit + "\"}]}}");
        assertThat(awaitType(r, "conversation.item.added").at("/item/content/0/text").stringValue()).isEqualTo(limit);
        assertThat(r.closeCodes).isEmpty();
    }

    @Test
    void whatWouldBeEchoedLongerThanOneServerEventMayBeIsRefusedBeforeTheStateChanges() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults().withTextLimits(RealtimeConfig.DEFAULT_MAX_ITEM_TEXT_CHARS, 4000));
        r.transport.start();
        String schema = "{\"type\":\"object\",\"description\":\"" + "d".repeat(5000) + "\"}";
        r.session.onText("{\"type\":\"session.update\",\"event_id\":\"c_1\",\"session\":{\"instructions\":\"Be brief.\","
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":" + schema + "}]}}");
        JsonNode err = awaitType(r, "error").get("error");
        assertThat(List.of(err.get("code").stringValue(), err.get("param").stringValue(), err.get("event_id").stringValue()))
                .containsExactly("invalid_value", "session", "c_1");
        r.session.onText("{\"type\":\"conversation.item.create\",\"event_id\":\"c_2\",\"item\":{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_1\",\"output\":\"" + "o".repeat(5000) + "\"}}");
        err = awaitType(r, "error").get("error");
        assertThat(List.of(err.get("param").stringValue(), err.get("event_id").stringValue())).containsExactly("item", "c_2");
        r.session.onText("{\"type\":\"session.update\",\"session\":{}}");
        JsonNode s = awaitType(r, "session.updated").get("session");
        assertThat(s.get("instructions").stringValue()).as("the refused update changed nothing").isEmpty();
        assertThat(s.get("tools")).isEmpty();
        assertThat(r.seen("conversation.item.added")).isEmpty();
        assertThat(r.seen.stream().mapToInt(e -> e.toString().length()).max().orElse(0)).isLessThanOrEqualTo(4000);
    }

    @Test
    void binaryFramesAreInputAudioInTheSessionFormat() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"audio\":{\"input\":{\"transport\":\"binary\"}}}}");
        awaitType(r, "session.updated");
        r.session.onBinary(ScriptRunner.pcm24k(150, true));
        r.session.onBinary(new byte[] {1}); // an odd byte is kept for the next frame, not an error
        r.session.onBinary(new byte[] {0});
        r.session.onText("{\"type\":\"input_audio_buffer.commit\"}");
        assertThat(awaitType(r, "input_audio_buffer.committed").get("item_id").stringValue()).startsWith("item_");
        assertThat(r.seen("error")).isEmpty();
    }

    @Test
    void audioThatOverflowsTheBufferBeforeTheSessionStartsIsAnErrorEventAndTheEarlyEventsAfterItStillRun()
            throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"audio\":{\"input\":{\"transport\":\"binary\"}}}}");
        r.session.onBinary(new byte[121 * 24000 * 2]); // more than the 120 s buffer, queued before start
        r.session.onText("{\"type\":\"input_audio_buffer.clear\",\"event_id\":\"c_after\"}");
        r.transport.start();
        assertThat(r.next().get("type").stringValue()).isEqualTo("session.created");
        assertThat(r.next().get("type").stringValue()).isEqualTo("conversation.created");
        assertThat(r.next().get("type").stringValue()).isEqualTo("session.updated");
        JsonNode error = r.next();
        assertThat(error.at("/error/code").stringValue()).isEqualTo("input_audio_buffer_full");
        assertThat(r.next().get("type").stringValue()).isEqualTo("input_audio_buffer.cleared");
        assertThat(r.closeCodes).isEmpty();
    }

    @Test
    void forceMessageSpeaksItsTextVerbatimWithoutTheModel() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"force_message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"This call is being recorded.\"}]}}");
        JsonNode done = awaitType(r, "response.done");
        assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
        assertThat(done.at("/response/output/0/content/0/transcript").stringValue()).isEqualTo("This call is being recorded.");
        assertThat(llm.requests).isEmpty();
        assertThat(tts.calls).containsExactly("eve:This call is being recorded.");
    }

    @Test
    void previousItemIdInsertsAfterThatItemAndTheModelSeesThatOrder() throws Exception {
        ScriptRunner r = runner(RealtimeConfig.defaults());
        r.transport.start();
        r.session.onText(userText("a", "first", null));
        r.session.onText(userText("b", "third", null));
        r.session.onText(userText("c", "second", "a"));
        List<JsonNode> added = List.of(awaitType(r, "conversation.item.added"), awaitType(r, "conversation.item.added"),
                awaitType(r, "conversation.item.added"));
        assertThat(added.get(2).get("previous_item_id").stringValue()).isEqualTo("a");
        r.session.onText("{\"type\":\"response.create\"}");
        awaitType(r, "response.done");
        assertThat(llm.requests.getFirst().messages()).containsExactly(new ChatMessage.User("first"),
                new ChatMessage.User("second"), new ChatMessage.User("third"));
    }

    static String userText(String id, String text, String previous) {
        return "{\"type\":\"conversation.item.create\"" + (previous == null ? "" : ",\"previous_item_id\":\"" + previous + "\"")
                + ",\"item\":{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + text + "\"}]}}";
    }

    static JsonNode awaitType(ScriptRunner r, String type) throws InterruptedException {
        while (true) {
            JsonNode e = r.next();
            if (e.get("type").stringValue().equals(type)) return e;
        }
    }
}
