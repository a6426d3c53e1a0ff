package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.UtteranceSlots;
import dev.parley.engines.tts.Utterance;
import dev.parley.server.realtime.internal.PipelineMeters;
import dev.parley.server.testing.FakeEngines.ToneTts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An answer whose voice's engine already speaks its limit of utterances ({@code tts.kokoro_max_sessions}) gets an
 * {@code error} of code {@code server_busy} naming the event that asked for it, and its response ends failed; once
 * the engine has room again, the next answer is spoken.
 */
class RealtimeBusyEngineTest {
    static String force(String eventId, String text) {
        return "{\"type\":\"conversation.item.create\",\"event_id\":\"" + eventId + "\",\"item\":{\"type\":"
                + "\"force_message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"" + text
                + "\"}]}}";
    }

    @Test
    void anAnswerOnABusyEngineIsAServerBusyErrorAndTheNextOneIsSpokenOnceTheEngineHasRoom() throws Exception {
        UtteranceSlots slots = new UtteranceSlots(Map.of("tone", 1));
        SpeechSynthesizer speech = Fakes.speech(new ToneTts(), slots);
        RealtimeEngines engines = new RealtimeEngines(new Fakes.EnergyVad(), new Fakes.FixedTranscriber(),
                new Fakes.ScriptedChat(), speech, new PipelineMeters(new SimpleMeterRegistry()));
        ScriptRunner r = new ScriptRunner(RealtimeConfig.defaults(), engines);
        r.transport.start();

        Utterance elsewhere = speech.open(SpeechSynthesizer.Request.of("eve", "en")); // another session's utterance
        r.session.onText(force("evt_busy", "Hello there."));
        JsonNode error = RealtimeSessionTest.awaitType(r, "error");
        assertThat(error.at("/error/type").stringValue()).isEqualTo("server_error");
        assertThat(error.at("/error/code").stringValue()).isEqualTo("server_busy");
        assertThat(error.at("/error/event_id").stringValue()).isEqualTo("evt_busy");
        assertThat(error.at("/error/message").stringValue()).contains("tone").contains("limit of 1");
        JsonNode failed = RealtimeSessionTest.awaitType(r, "response.done");
        assertThat(failed.at("/response/status").stringValue()).isEqualTo("failed");
        assertThat(slots.held("tone")).as("the refusal took no place").isEqualTo(1);

        elsewhere.close();
        r.session.onText(force("evt_again", "Hello again."));
        JsonNode audio = RealtimeSessionTest.awaitType(r, "response.output_audio.delta");
        assertThat(audio.get("delta").stringValue()).isNotEmpty();
        JsonNode done = RealtimeSessionTest.awaitType(r, "response.done");
        assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
        assertThat(done.at("/response/output/0/content/0/transcript").stringValue()).isEqualTo("Hello again.");
        r.session.close(dev.parley.server.ws.ProtocolSession.CloseReason.PEER_CLOSED);
        assertThat(r.session.awaitTermination(java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(slots.held("tone")).as("the answer gave its place back").isZero();
    }
}
