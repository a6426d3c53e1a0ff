package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.TtsEngine;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.tts.VoiceProfile;
import dev.parley.server.realtime.internal.PipelineMeters;
import dev.parley.server.testing.FakeEngines.ToneTts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The first audio delta of a long clause leaves as soon as the clause's first chunk is synthesised, not once the
 * whole clause is: the engine is held inside its second call until the first delta has been seen.
 */
class RealtimeFirstChunkTest {
    /** 208 characters, no clause break before the end: one clause, spoken in chunks (48, then doubling). */
    static final String CLAUSE = "The quarterly maintenance window for the northern data centre has been moved from "
            + "the second Saturday of the month to the first Sunday because the cooling contractor can only send a "
            + "full crew on that weekend.";

    /** {@link ToneTts} whose every call after the first waits for {@link #release}. */
    static final class HeldTts implements TtsEngine {
        final ToneTts tone = new ToneTts();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch secondCall = new CountDownLatch(1);

        @Override
        public int sampleRate() {
            return tone.sampleRate();
        }

        @Override
        public List<String> voices() {
            return tone.voices();
        }

        @Override
        public boolean supports(Language language) {
            return true;
        }

        @Override
        public String voiceFor(VoiceProfile profile, Language language) {
            return tone.voiceFor(profile, language);
        }

        @Override
        public int gapAfterMs(boolean sentenceEnd) {
            return 0;
        }

        @Override
        public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
            if (!tone.calls.isEmpty()) {
                secondCall.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return tone.synthesize(text, voice, prosody, language);
        }
    }

    @Test
    void theFirstAudioDeltaOfALongClauseLeavesWhileTheRestOfTheClauseIsStillBeingSynthesised() throws Exception {
        HeldTts tts = new HeldTts();
        var voices = Map.of("eve", new VoiceMapping.Voice("eve", true, "tone",
                Map.of("tone", new VoiceProfile("eve", true, 1.0))));
        RealtimeEngines engines = new RealtimeEngines(new Fakes.EnergyVad(), new Fakes.FixedTranscriber(),
                new Fakes.ScriptedChat(), new SpeechSynthesizer(TtsEngines.of(Map.of("tone", tts)),
                new VoiceMapping(voices)), new PipelineMeters(new SimpleMeterRegistry()));
        ScriptRunner r = new ScriptRunner(RealtimeConfig.defaults(), engines);
        r.transport.start();
        r.session.onText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"force_message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"" + CLAUSE + "\"}]}}");
        JsonNode first = RealtimeSessionTest.awaitType(r, "response.output_audio.delta");
        assertThat(tts.release.getCount()).as("the engine is still held").isEqualTo(1);
        assertThat(tts.tone.calls).as("only the first chunk is synthesised").hasSize(1);
        String firstChunk = tts.tone.calls.getFirst().substring("eve:".length());
        assertThat(CLAUSE).startsWith(firstChunk);
        assertThat(firstChunk.length()).isLessThan(CLAUSE.length() / 2);
        assertThat(Base64.getDecoder().decode(first.get("delta").stringValue())).isNotEmpty();
        assertThat(tts.secondCall.await(30, TimeUnit.SECONDS)).as("the second chunk is under way").isTrue();

        tts.release.countDown();
        JsonNode done = RealtimeSessionTest.awaitType(r, "response.done");
        assertThat(done.at("/response/status").stringValue()).isEqualTo("completed");
        assertThat(done.at("/response/output/0/content/0/transcript").stringValue()).isEqualTo(CLAUSE);
        // the chunks after the first are synthesised up to Utterance.DEPTH at a time: they may finish in any order
        assertThat(String.join(" ", tts.tone.calls.stream().map(c -> c.substring("eve:".length()))
                .sorted(Comparator.comparingInt(CLAUSE::indexOf)).toList())).isEqualTo(CLAUSE);
    }
}
