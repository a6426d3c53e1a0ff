package dev.parley.server.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SttApiBenchTest {
    @Test
    void aShortRunReportsRestRtfStreamingLatencyAndTheConcurrencySweep() {
        String report = SttApiBench.run(SttTesting.speechDir(), new SttApiBench.Bounds(1, 1, 2, List.of(1)));
        assertThat(report).containsPattern("REST POST /v1/stt: [1-9]\\d* of \\d+ English files, .* RTF \\d+\\.\\d+")
                .containsPattern("end of speech -> speech_final p50 \\d+ ms, p95 \\d+ ms over 1 utterances")
                .containsPattern("N=1 +p50 +\\d+ ms")
                .contains("largest N with p95 < 1 s:");
    }
}
