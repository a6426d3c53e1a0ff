package dev.parley.server.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.api.ApiServer;
import dev.parley.bench.api.SttApiBench;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** parley-bench's STT API benchmark, briefly, against this module's STT feature. */
class SttApiBenchTest {
    @Test
    void aShortRunReportsRestRtfStreamingLatencyAndTheConcurrencySweep() throws Exception {
        try (ParleyServer server = SttTesting.start(dev.parley.server.config.ConfigLoader.defaults().stt())) {
            String report = SttApiBench.run(TestSpeech.shared(), ApiServer.remote(server.uri(), TestServers.KEY),
                    new SttApiBench.Bounds(1, 1, 2, List.of(1)));
            assertThat(report).containsPattern("REST POST /v1/stt: [1-9]\\d* of \\d+ English files, .* RTF \\d+\\.\\d+")
                    .containsPattern("end of speech -> speech_final p50 \\d+ ms, p95 \\d+ ms over 1 utterances")
                    .containsPattern("N=1 +p50 +\\d+ ms")
                    .contains("largest N with p95 < 1 s:");
        }
    }
}
