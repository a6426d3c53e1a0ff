package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.Pcm16;
import dev.parley.bench.eval.Pitch;
import dev.parley.bench.eval.WerScorer;
import dev.parley.server.testing.Heard;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Scripted conversations over a real socket against the real pipeline (Silero VAD, Moonshine, SmolLM2, Piper):
 * the JSON-lines scripts in {@code src/test/resources/realtime/wire/} drive the deterministic part of each flow,
 * the assertions below check what the models produced.
 */
class RealtimeWireTest {
    @BeforeAll
    static void server() {
        WireFixtures.server();
    }

    /** Events up to and including the first of {@code type}. */
    static List<JsonNode> until(ScriptRunner r, String type) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode e = r.next();
            out.add(e);
            if (e.get("type").stringValue().equals(type)) return out;
        }
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").stringValue().equals(type)).toList();
    }

    static int indexOf(List<JsonNode> events, String type) {
        for (int i = 0; i < events.size(); i++) if (events.get(i).get("type").stringValue().equals(type)) return i;
        return -1;
    }

    /** The decoded 24 kHz PCM of every audio delta. */
    static float[] audio(List<JsonNode> events) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (JsonNode e : ofType(events, "response.output_audio.delta")) {
            pcm.writeBytes(Base64.getDecoder().decode(e.get("delta").stringValue()));
        }
        return Pcm16.toFloat(pcm.toByteArray());
    }

    static double rms(float[] a) {
        double s = 0;
        for (float f : a) s += f * f;
        return a.length == 0 ? 0 : Math.sqrt(s / a.length);
    }

    /** Spoken audio of an answer: plausible length for its transcript at 24 kHz, and not silence. */
    static void assertSpeechFor(float[] audio, String transcript) {
        double seconds = audio.length / 24000.0;
        int words = transcript.isBlank() ? 0 : transcript.strip().split("\\s+").length;
        assertThat(words).as("answer words").isGreaterThan(0);
        assertThat(seconds).as("seconds of audio for \"" + transcript + "\"").isBetween(0.12 * words, 1.2 * words + 1.0);
        assertThat(rms(audio)).as("audio RMS").isGreaterThan(0.01);
    }

    @Test
    void aSpokenTurnIsDetectedTranscribedAnsweredAndSpoken() throws Exception {
        ScriptRunner r = WireFixtures.socketRunner().run("wire/spoken_turn.jsonl");
        List<JsonNode> events = until(r, "response.done");
        JsonNode done = events.getLast();
        assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
        // the transcription may arrive before or after the response starts (flow B), but always for the user item
        List<JsonNode> tr = ofType(events, "conversation.item.input_audio_transcription.completed");
        if (tr.isEmpty()) tr = List.of(RealtimeSessionTest.awaitType(r, "conversation.item.input_audio_transcription.completed"));
        assertThat(tr.getFirst().get("item_id")).isEqualTo(r.vars.get("$user"));
        String transcript = tr.getFirst().get("transcript").stringValue();
        assertThat(WerScorer.wer("he was not an ill disposed young man", transcript))
                .as("WER of \"" + transcript + "\"").isLessThanOrEqualTo(0.25);
        int firstAudio = indexOf(events, "response.output_audio.delta");
        assertThat(firstAudio).isPositive();
        assertThat(ofType(events, "response.output_audio.delta")).allSatisfy(e -> {
            assertThat(e.get("response_id")).isEqualTo(r.vars.get("$resp"));
            assertThat(e.get("output_index").asInt()).isZero();
            assertThat(e.get("content_index").asInt()).isZero();
        });
        String answer = done.at("/response/output/0/content/0/transcript").stringValue();
        assertSpeechFor(audio(events), answer);
    }

    @Test
    void aTypedQuestionIsAnsweredWithSpeechOverTheSocket() throws Exception {
        ScriptRunner r = WireFixtures.socketRunner().run("wire/text_turn.jsonl");
        JsonNode done = r.seen("response.done").getFirst();
        String answer = done.at("/response/output/0/content/0/transcript").stringValue();
        assertThat(answer).containsIgnoringCase("Paris");
        assertSpeechFor(audio(r.seen), answer);
        String joined = String.join("", r.seen("response.output_audio_transcript.delta").stream()
                .map(e -> e.get("delta").stringValue()).toList());
        assertThat(joined).isEqualTo(answer);
    }

    @Test
    void aManuallyCommittedRecordingIsTranscribedAndAnsweredOnResponseCreate() throws Exception {
        ScriptRunner r = WireFixtures.socketRunner().run("wire/manual_commit.jsonl");
        String transcript = r.vars.get("$transcript").stringValue();
        assertThat(WerScorer.wer("yet these thoughts affected hester prynne less with hope than apprehension", transcript))
                .as("WER of \"" + transcript + "\"").isLessThanOrEqualTo(0.3);
        List<JsonNode> events = until(r, "response.done");
        assertThat(events.getLast().at("/response/status").stringValue()).isEqualTo("completed");
        assertThat(audio(events).length).isGreaterThan(24000 / 4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"eve, true", "rex, false"})
    void theAgentSpeaksWithTheSessionsVoiceOnThatVoicesOwnEngine(String voice, boolean female) throws Exception {
        ScriptRunner r = WireFixtures.socketRunner();
        r.vars.put("$voice", StringNode.valueOf(voice));
        r.vars.put("$text", StringNode.valueOf(FORCED));
        r.run("wire/session_voice.jsonl");
        assertSpokenBy(audioOf(r.seen, r.vars.get("$resp")), female);
    }

    @Test
    void aVoiceChangedMidSessionSpeaksTheNextResponse() throws Exception {
        double before = WireFixtures.feature().meters().synthesesWithVoice("rex");
        ScriptRunner r = WireFixtures.socketRunner();
        r.vars.put("$text", StringNode.valueOf(FORCED));
        r.run("wire/voice_change.jsonl");
        assertSpokenBy(audioOf(r.seen, r.vars.get("$first")), true);
        assertSpokenBy(audioOf(r.seen, r.vars.get("$second")), false);
        assertThat(WireFixtures.feature().meters().synthesesWithVoice("rex")).isGreaterThan(before);
    }

    /** A short answer the agent is made to speak ({@code force_message}), so the tests know the words to hear. */
    static final String FORCED = "The garden is lovely in the spring, when the roses bloom.";

    /** The decoded 24 kHz PCM of the audio deltas of response {@code id}. */
    static float[] audioOf(List<JsonNode> events, JsonNode id) {
        return audio(events.stream().filter(e -> id.equals(e.get("response_id"))).toList());
    }

    /**
     * {@link #FORCED} spoken in a female voice (median F0 above 165 Hz: eve, ara and sal on hibari) or a male one
     * (below 150 Hz: rex and leo on Piper), and heard back by the project's speech-to-text.
     */
    static void assertSpokenBy(float[] audio, boolean female) {
        double f0 = Pitch.medianF0(audio, 24000);
        String heard = Heard.words(audio, 24000);
        System.out.printf("agent voice: %.2f s of audio, median F0 %.0f Hz, heard \"%s\"%n", audio.length / 24000.0, f0, heard);
        assertSpeechFor(audio, FORCED);
        if (female) assertThat(f0).as("median F0 of a female voice, Hz").isGreaterThan(165);
        else assertThat(f0).as("median F0 of a male voice, Hz").isLessThan(150);
        assertThat(WerScorer.wer(FORCED, heard)).as("WER of \"" + heard + "\"").isLessThanOrEqualTo(0.3);
    }
}
