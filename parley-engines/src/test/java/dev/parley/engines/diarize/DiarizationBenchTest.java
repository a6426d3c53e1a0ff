package dev.parley.engines.diarize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiarizationBenchTest {
    @Test
    void reportHasDerPerFileOverallAndTimePerSecondOfAudio() {
        String report = DiarizationBench.run(SpeechData.dir());
        assertThat(report).contains("pyannote_sample (energy VAD)", "ami_ES2011a_40s-46s", "synthetic librispeech x3",
                "OVERALL", "ms per second of audio", "misc/jfk.wav");
        assertThat(report).containsPattern("OVERALL[^\\n]*DER \\d+\\.\\d%");
    }
}
