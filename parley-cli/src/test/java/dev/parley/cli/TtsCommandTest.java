package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.G711;
import dev.parley.audio.Wav;
import dev.parley.client.SttRequest;
import dev.parley.client.VoiceClient;
import dev.parley.bench.eval.WerScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtsCommandTest {
    @TempDir
    Path dir;

    static double rms(float[] s) {
        double sum = 0;
        for (float f : s) sum += f * f;
        return Math.sqrt(sum / Math.max(1, s.length));
    }

    @Test
    void writesAnMp3ThatSaysTheTextWithTheKeyFromParleyApiKey() throws Exception {
        Path mp3 = dir.resolve("out.mp3");
        var r = LiveServer.run(new TtsCommand(Map.of("PARLEY_API_KEY", LiveServer.KEY)),
                "Good evening, everyone.", "-v", "ara", "-o", mp3.toString(), "--url", LiveServer.url());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("wrote " + mp3).contains("audio/mpeg");
        AudioClip clip = AudioFiles.decode(mp3);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.durationSeconds()).isBetween(0.8, 5.0);
        try (VoiceClient c = LiveServer.client()) {
            assertThat(WerScorer.wer("good evening everyone", c.transcribe(SttRequest.file(mp3).build()).text()))
                    .isLessThanOrEqualTo(0.34);
        }
    }

    @Test
    void formatAndSampleRateFlagsOverrideTheExtensionAndXaiApiKeyIsAccepted() throws Exception {
        Path out = dir.resolve("speech.bin");
        var r = LiveServer.run(new TtsCommand(Map.of("XAI_API_KEY", LiveServer.KEY)), "Sixteen kilohertz.",
                "-o", out.toString(), "--format", "wav", "--sample-rate", "16000", "--speed", "1.2",
                "--url", LiveServer.url());
        assertThat(r.exit()).isZero();
        AudioClip clip = Wav.read(out);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(rms(clip.mono())).isGreaterThan(0.01);
    }

    @Test
    void aUlawExtensionGivesOneByteOfMuLawPerSampleAt8kHz() throws Exception {
        Path out = dir.resolve("phone.ulaw");
        var r = LiveServer.run(new TtsCommand(Map.of()), "Please hold the line.", "-o", out.toString(),
                "--sample-rate", "8000", "--url", LiveServer.url(), "--key", LiveServer.KEY);
        assertThat(r.exit()).isZero();
        byte[] codes = Files.readAllBytes(out);
        assertThat(codes.length / 8000.0).isBetween(0.8, 5.0);
        float[] pcm = new float[codes.length];
        for (int i = 0; i < codes.length; i++) pcm[i] = G711.ULAW.decodeFloat(codes[i]);
        assertThat(rms(pcm)).isGreaterThan(0.01);
    }

    @Test
    void aWrongKeyExitsWith1SaysHowToPassOneAndWritesNoFile() {
        Path out = dir.resolve("no.mp3");
        var r = LiveServer.run(new TtsCommand(Map.of()), "Hello.", "-o", out.toString(), "--url", LiveServer.url(),
                "--key", "wrong-key-000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 401").contains("Incorrect API key provided").contains("--key");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anOutputWithoutAKnownExtensionOrFormatExitsWith2() {
        var r = LiveServer.run(new TtsCommand(Map.of()), "Hello.", "-o", dir.resolve("speech").toString(),
                "--url", "http://127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("give --format");
    }

    @Test
    void aServerThatIsNotThereExitsWith1NamingTheUrl() {
        var r = LiveServer.run(new TtsCommand(Map.of()), "Hello.", "-o", dir.resolve("a.mp3").toString(),
                "--url", "http://127.0.0.1:1", "--key", "k");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach http://127.0.0.1:1");
    }
}
