package dev.parley.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.audio.Resampler;
import dev.parley.bench.TestSpeech;
import dev.parley.bench.engine.SttUnderTest;
import dev.parley.bench.engine.TtsBench;
import dev.parley.bench.engine.TtsUnderTest;
import dev.parley.bench.eval.Pitch;
import dev.parley.bench.eval.WerScorer;
import dev.parley.server.config.ConfigLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine adapters the benchmarks run on: what each returns, on the real default models. */
class LocalEnginesTest {
    static final String JFK = "misc/jfk.wav";
    static LocalEngines engines;
    static LocalStt stt;

    @BeforeAll
    static void load() {
        engines = new LocalEngines(ConfigLoader.defaults());
        stt = new LocalStt(engines);
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theFileEngineTranscribesARecording() {
        String text = stt.transcribe(TestSpeech.shared().mono16k(JFK));
        assertThat(WerScorer.wer(TestSpeech.shared().transcript(JFK), text)).as(text).isLessThanOrEqualTo(0.1);
        assertThat(stt.poolThreads()).isPositive();
    }

    @Test
    void aLiveStreamReportsFinalsAndEndsWithTheRemainder() {
        float[] jfk = TestSpeech.shared().mono16k(JFK);
        float[] x = Arrays.copyOf(jfk, jfk.length + 16000);
        StringBuilder finals = new StringBuilder();
        int[] interims = new int[1];
        String rest;
        try (SttUnderTest.Stream s = stt.openStream((text, isFinal, speechFinal) -> {
            if (speechFinal) finals.append(text).append(' ');
            if (!isFinal) interims[0]++;
        })) {
            for (int at = 0; at < x.length; at += 1600) s.accept(x, at, Math.min(1600, x.length - at));
            rest = s.finish();
        }
        assertThat(interims[0]).isPositive();
        assertThat(WerScorer.wer(TestSpeech.shared().transcript(JFK), finals + rest)).as(finals + rest).isLessThanOrEqualTo(0.1);
    }

    @Test
    void partialsCostThreadCpuTime() {
        assertThat(stt.partialsCpuMillis(List.of(TestSpeech.shared().mono16k(JFK)))).isPositive();
    }

    @Test
    void aTtsRowHasTimeToFirstAudioRealTimeFactorAndRoundTripWerThenTheVoicesOnTheirOwnEngines() {
        LocalTts tts = new LocalTts(engines);
        assertThat(tts.unavailable("piper")).isNull();
        String report = TtsBench.run(TestSpeech.shared(), tts, stt, List.of("piper"), List.of("eve", "rex"), 1);
        assertThat(report).containsPattern("piper +eve +en_US-joe-medium 1\\.05 1\\.00 +\\d+ms +\\d+ms +\\d+\\.\\d{3} +\\d+\\.\\d%");
        // eve speaks with hibari by default: measured for the pooled row; rex's piper row is reused
        assertThat(report).containsPattern("own +all +hibari x1, piper x1 +\\d+ms +\\d+ms +\\d+\\.\\d{3} +\\d+\\.\\d% +\\d+\\.\\d")
                .contains("(eve hibari, rex piper)");
    }

    @Test
    void eachVoiceNamesItsOwnEngine() {
        LocalTts tts = new LocalTts(engines);
        assertThat(List.of("eve", "ara", "rex", "sal", "leo").stream().map(tts::engineOf).toList())
                .containsExactly("hibari", "hibari", "piper", "hibari", "piper");
    }

    @Test
    void hibariVoicesSpeakWithTheirOwnPitch() {
        LocalTts tts = new LocalTts(engines);
        String text = "She sells sea shells by the sea shore, and the shells she sells are surely sea shells.";
        TtsUnderTest.Speech eve = tts.synthesize("hibari", "eve", text);
        TtsUnderTest.Speech sal = tts.synthesize("hibari", "sal", text);
        assertThat(eve.engine()).isEqualTo("hibari");
        assertThat(eve.pitch()).isEqualTo(1.08);
        assertThat(sal.pitch()).isEqualTo(0.8);
        double ratio = Pitch.medianF0(sal.samples(), sal.sampleRate()) / Pitch.medianF0(eve.samples(), eve.sampleRate());
        assertThat(ratio).as("sal's F0 over eve's").isCloseTo(0.8 / 1.08, within(0.07));
    }

    @Test
    void theEngineAloneSpeaksTheWholeTextAtItsOwnRate() {
        TtsUnderTest.Audio a = new LocalTts(engines).engineAlone("hibari", "Hello there, this is the engine alone.");
        assertThat(a.sampleRate()).isEqualTo(24_000);
        assertThat(a.seconds()).isBetween(1.0, 5.0);
        String heard = stt.transcribe(Resampler.resample(a.samples(), a.sampleRate(), 16_000));
        assertThat(WerScorer.wer("hello there this is the engine alone", heard)).as(heard).isLessThanOrEqualTo(0.3);
    }
}
