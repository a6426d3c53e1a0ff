package dev.parley.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.engine.SttUnderTest;
import dev.parley.bench.engine.TtsBench;
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
    void aTtsRowHasTimeToFirstAudioRealTimeFactorAndRoundTripWer() {
        LocalTts tts = new LocalTts(engines);
        assertThat(tts.unavailable("piper")).isNull();
        String report = TtsBench.run(TestSpeech.shared(), tts, stt, List.of("piper"), List.of("eve"), 1);
        assertThat(report).containsPattern("piper +eve +en_US-joe-medium +\\d+ms +\\d+ms +\\d+\\.\\d{3} +\\d+\\.\\d%");
    }
}
