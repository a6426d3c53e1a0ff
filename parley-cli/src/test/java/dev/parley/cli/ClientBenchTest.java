package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.api.ClientBench;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code parley bench client} run once with tiny settings (one iteration, one recording) against a real in-process
 * server started the way the command starts it: every figure is printed with a plausible value. Not a timed test: the
 * bounds only reject nonsense (zero, negative, NaN, minutes). The benchmark's own arithmetic is tested in parley-bench.
 */
class ClientBenchTest {
    private static String report;

    @BeforeAll
    static void runTheBenchOnce() throws Exception {
        report = BenchCommand.Client.run(TestSpeech.shared(), null, new ClientBench.Options(1, 1));
        System.out.println(report);
    }

    /** The numbers of the row that starts with {@code label} (n, SDK p50, SDK p95, raw p50, raw p95, SDK-raw). */
    static double[] row(String label) {
        String line = report.lines().filter(l -> l.startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + label + "' in\n" + report));
        return Arrays.stream(line.substring(label.length()).trim().split("\\s+"))
                .map(t -> t.replace("%", ""))
                .mapToDouble(t -> t.equals("-") ? Double.NaN : Double.parseDouble(t)).toArray();
    }

    @Test
    void ttsRestTimeToFirstByteIsReportedForSdkAndRawWithTheirPairedDifference() {
        double[] first = row("TTS REST request -> first audio byte, ms");
        assertThat(first[0]).isEqualTo(1);
        assertThat(first[1]).isBetween(1.0, 30_000.0);
        assertThat(first[3]).isBetween(1.0, 30_000.0);
        assertThat(first[5]).isCloseTo(first[1] - first[3], org.assertj.core.data.Offset.offset(0.11));
    }

    @Test
    void ttsRestTotalTimeIsAtLeastTheTimeToFirstByte() {
        double[] first = row("TTS REST request -> first audio byte, ms");
        double[] total = row("TTS REST request -> last audio byte, ms");
        assertThat(total[1]).isGreaterThanOrEqualTo(first[1]).isLessThan(60_000);
        assertThat(total[3]).isGreaterThanOrEqualTo(first[3]).isLessThan(60_000);
    }

    @Test
    void ttsWebSocketFirstAudioIsReportedForSdkAndRaw() {
        double[] ws = row("TTS WebSocket text.done -> first audio.delta, ms");
        assertThat(ws[1]).isBetween(1.0, 30_000.0);
        assertThat(ws[3]).isBetween(1.0, 30_000.0);
        assertThat(ws[5]).isFinite();
    }

    @Test
    void sttRestRealTimeFactorIsReportedAndBothSidesTranscribeTheRecording() {
        double[] rtf = row("STT REST real-time factor");
        // a figure, not a timing test: one cold recording on a busy 2-core machine may be slower than real time
        assertThat(rtf[1]).isStrictlyBetween(0.0, 5.0);
        assertThat(rtf[3]).isStrictlyBetween(0.0, 5.0);
        double[] wer = row("STT REST WER (all words), %");
        assertThat(wer[1]).isBetween(0.0, 50.0);
        assertThat(wer[2]).as("SDK and raw upload the same bytes to the same engine").isEqualTo(wer[1]);
    }

    @Test
    void sttWebSocketLatencyAndWerAreReportedForTheSdk() {
        double[] ms = row("STT WebSocket end of audio -> transcript.done, ms");
        assertThat(ms[1]).isBetween(0.1, 30_000.0);
        assertThat(ms[3]).isNaN();
        assertThat(row("STT WebSocket WER (all words), %")[1]).isBetween(0.0, 60.0);
    }

    @Test
    void realtimeVoiceToVoiceIncludesTheVadSilenceAndExceedsProcessing() {
        double[] v2v = row("Realtime voice-to-voice (last voiced -> audio), ms");
        double[] processing = row("Realtime speech_stopped -> first audio, ms");
        assertThat(v2v[0]).isEqualTo(1);
        assertThat(processing[1]).isBetween(1.0, 30_000.0);
        assertThat(v2v[1]).isGreaterThan(processing[1]).isGreaterThan(300.0).isLessThan(60_000.0);
        assertThat(report).doesNotContain("without an answer");
    }

    @Test
    void theHeaderNamesTheEnginesAndTheRecordings() {
        assertThat(report).contains("voice eve on Piper en_US-joe-medium, PCM 24000 Hz")
                .contains("1 recordings (librispeech/1221-135766-0002.wav)")
                .containsPattern("in-process server on loopback \\(ready in \\d+\\.\\d s\\)");
    }

    @Test
    void theCommandTakesIterationsMaxAndSpeech() {
        CommandLine client = new CommandLine(new BenchCommand()).getSubcommands().get("client");
        assertThat(client).isNotNull();
        assertThat(client.getCommandSpec().findOption("--iterations").defaultValue()).isEqualTo("20");
        assertThat(client.getCommandSpec().findOption("--max").defaultValue()).isEqualTo("5");
        assertThat(client.getCommandSpec().findOption("--speech")).isNotNull();
        assertThat(client.getCommandSpec().findOption("--url")).isNotNull();
        assertThat(client.getCommandSpec().findOption("--key")).isNotNull();
    }
}
