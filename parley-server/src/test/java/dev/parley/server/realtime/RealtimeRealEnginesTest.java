package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.Pcm16;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.server.realtime.internal.PipelineMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A text turn through the real language model (SmolLM2-135M-Instruct on llama.cpp) and the real TTS (the shared
 * synthesizer with the engine tests' voices: eve on Kokoro, its own engine). VAD and STT are not on this path (a typed
 * user turn).
 */
class RealtimeRealEnginesTest {
    @Test
    void typedQuestionIsAnsweredWithSpeechFromTheRealModels() throws Exception {
        EngineRuntime runtime = TestRuntime.get();
        SpeechSynthesizer tts = new SpeechSynthesizer(runtime.tts(), TestRuntime.voices());
        Fakes.FixedTranscriber stt = new Fakes.FixedTranscriber();
        RealtimeEngines engines = new RealtimeEngines(new Fakes.EnergyVad(), stt, runtime.chatModel(), tts,
                new PipelineMeters(new SimpleMeterRegistry()));
        ScriptRunner r = new ScriptRunner(RealtimeConfig.defaults().withVoiceExists(v -> tts.mapping().get(v) != null), engines);
        r.timeoutMs = 60_000; // real models on two shared cores, as in WireFixtures
        r.transport.start();
        r.session.onText("{\"type\":\"session.update\",\"session\":{\"temperature\":0,\"instructions\":\"You are a helpful voice assistant. "
                + "Answer in one short sentence.\"}}");
        r.session.onText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"What is the capital of France?\"}]}}");
        runtime.warmUpTts("kokoro"); // loads the TTS model
        long t0 = System.nanoTime();
        r.session.onText("{\"type\":\"response.create\"}");
        RealtimeSessionTest.awaitType(r, "response.output_audio.delta");
        double ttfaMs = (System.nanoTime() - t0) / 1e6;
        JsonNode done = RealtimeSessionTest.awaitType(r, "response.done");
        double totalMs = (System.nanoTime() - t0) / 1e6;
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (JsonNode e : r.seen("response.output_audio.delta")) pcm.write(Base64.getDecoder().decode(e.get("delta").stringValue()));
        float[] audio = Pcm16.toFloat(pcm.toByteArray());
        double seconds = audio.length / 24000.0;
        double sum = 0;
        for (float f : audio) sum += f * f;
        String transcript = done.at("/response/output/0/content/0/transcript").stringValue();
        System.out.printf("realtime real engines: time to first audio %.0f ms, response %.0f ms, %.2f s of audio, "
                + "transcript: %s%n", ttfaMs, totalMs, seconds, transcript);
        assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
        assertThat(transcript).contains("Paris");
        assertThat(seconds).isGreaterThan(0.8);
        assertThat(Math.sqrt(sum / audio.length)).as("audio RMS").isGreaterThan(0.01);
    }
}
