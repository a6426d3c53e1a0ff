package dev.parley.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.bench.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class HibariPythonBenchTest {
    /**
     * Parley's engines are not reachable from parley-bench (no dependency on parley-engines): this stands in for the
     * hibari engine with a second of silence per call.
     */
    static final class OneSecondEngine implements TtsUnderTest {
        int calls;

        @Override
        public String unavailable(String engine) {
            return engine.equals("hibari") ? null : "not here";
        }

        @Override
        public String engineOf(String voice) {
            return "hibari";
        }

        @Override
        public Speech synthesize(String engine, String voice, String text) {
            throw new UnsupportedOperationException("not used by this benchmark");
        }

        @Override
        public Audio engineAlone(String engine, String text) {
            calls++;
            return new Audio(new float[24_000], 24_000);
        }
    }

    @Test
    void thePackagesTimingsAreReadPerSentenceWithTheirAudioLength() {
        HibariPythonBench.Side side = HibariPythonBench.side(Json.parse("""
                {"sample_rate": 24000, "load_ms": 500, "hibari": "0.2.1", "onnxruntime": "1.20.0", "numpy": "2.1.0",
                 "runs": [{"ms": 30.0, "samples": 48000}, {"ms": 90.0, "samples": 24000}]}"""));
        assertThat(side.ms()).containsExactly(30.0, 90.0);
        assertThat(side.audioSeconds()).containsExactly(2.0, 1.0);
        assertThat(side.rtf()).isCloseTo(0.04, within(1e-9));
    }

    @Test
    void withoutPythonTheReportHasParleysSideAndSaysWhyThePackageDidNotRun() {
        OneSecondEngine engine = new OneSecondEngine();
        String report = HibariPythonBench.run(List.of("One.", "Two."), engine,
                new HibariPythonBench.Python("parley-no-such-python", null));
        assertThat(report).containsPattern("parley \\(Java[^\\n]* 2 +\\d+\\.\\dms +\\d+\\.\\dms +\\d\\.\\d{4} +2\\.0")
                .contains("Python side skipped: cannot run parley-no-such-python");
        assertThat(engine.calls).as("warm-up phrase, a warm-up pass, the timed pass").isEqualTo(5);
    }
}
