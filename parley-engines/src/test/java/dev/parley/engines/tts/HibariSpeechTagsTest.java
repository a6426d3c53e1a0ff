package dev.parley.engines.tts;

import dev.parley.bench.eval.Pitch;
import dev.parley.bench.eval.WerScorer;
import dev.parley.engines.runtime.TestRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Speech tags on the fast path: a voice on hibari, as the built-in female voices are, through the one pipeline. */
class HibariSpeechTagsTest {
    private static final SpeechSynthesizer SYN = new SpeechSynthesizer(TestRuntime.get().tts(), new VoiceMapping(Map.of(
            "eve", new VoiceMapping.Voice("female", true, "hibari",
                    Map.of("hibari", new VoiceProfile("heart", true, 1.06, 1.08))))));

    private static SpeechSynthesizer.Audio say(String text) {
        SpeechSynthesizer.Audio a = SYN.speak(SpeechSynthesizer.Request.of("eve", "en"), text);
        assertThat(a.sampleRate()).isEqualTo(24000);
        return a;
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / Math.max(1, x.length));
    }

    private static String heard(SpeechSynthesizer.Audio a) {
        return AudioChecks.transcribe(a.samples(), a.sampleRate());
    }

    @Test
    void theVoiceIsHibariWithItsOwnPitchAndRate() {
        try (Utterance u = SYN.open(SpeechSynthesizer.Request.of("eve", "en"))) {
            u.add("Hi.");
            assertThat(u.voice().engineId()).isEqualTo("hibari");
            assertThat(u.voice().pitch()).isEqualTo(1.08);
            assertThat(u.voice().rate()).isEqualTo(1.06);
        }
    }

    @Test
    void pauseAndLaughAreSilenceNotWords() {
        SpeechSynthesizer.Audio plain = say("Hello there. How are you today?");
        SpeechSynthesizer.Audio paused = say("Hello there. [long-pause] How are you today?");
        SpeechSynthesizer.Audio laughed = say("Hello there. [laugh] How are you today?");
        assertThat(paused.seconds() - plain.seconds()).isBetween(1.0, 1.4);
        assertThat(laughed.seconds() - plain.seconds()).isBetween(0.2, 0.4);
        assertThat(heard(laughed)).doesNotContain("laugh").contains("how are you");
    }

    @Test
    void slowIsLongerAndWhisperIsSofterAndUnvoicedAndStillWords() {
        String text = "Please keep this between the two of us.";
        SpeechSynthesizer.Audio normal = say(text);
        SpeechSynthesizer.Audio slow = say("<slow>" + text + "</slow>");
        SpeechSynthesizer.Audio whisper = say("<whisper>" + text + "</whisper>");
        // rate 0.8 on the words; the gaps between chunks keep their length
        assertThat(slow.seconds() / normal.seconds()).isBetween(1.05, 1.4);
        assertThat(rms(whisper.samples())).isLessThan(rms(normal.samples()) * 0.6);
        assertThat(Pitch.voicedF0(whisper.samples(), 24000).size())
                .isLessThan(Pitch.voicedF0(normal.samples(), 24000).size() / 2);
        assertThat(WerScorer.wer(text, heard(whisper))).as(heard(whisper)).isLessThanOrEqualTo(0.5);
    }

    @Test
    void pitchTagsMoveTheF0() {
        String text = "The weather is lovely this morning in the valley.";
        double normal = Pitch.medianF0(say(text).samples(), 24000);
        double higher = Pitch.medianF0(say("<higher-pitch>" + text + "</higher-pitch>").samples(), 24000);
        double lower = Pitch.medianF0(say("<lower-pitch>" + text + "</lower-pitch>").samples(), 24000);
        assertThat(higher / normal).isBetween(1.07, 1.25);
        assertThat(lower / normal).isBetween(0.8, 0.94);
    }
}
