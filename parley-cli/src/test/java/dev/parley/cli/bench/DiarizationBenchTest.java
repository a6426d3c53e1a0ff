package dev.parley.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.engine.DiarizationBench;
import org.junit.jupiter.api.Test;

/** {@code parley bench diarize}: parley-bench's benchmark on this machine's diarizer. */
class DiarizationBenchTest {
    @Test
    void reportHasDerPerFileOverallAndTimePerSecondOfAudio() {
        String report = DiarizationBench.run(TestSpeech.shared(), new LocalDiarizer());
        assertThat(report).contains("pyannote_sample (energy VAD)", "ami_ES2011a_40s-46s", "synthetic librispeech x3",
                "OVERALL", "ms per second of audio", "misc/jfk.wav", "defaults: change penalty 1.30, cluster penalty 2.30");
        assertThat(report).containsPattern("OVERALL[^\\n]*DER \\d+\\.\\d%");
    }
}
