package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Wav;
import dev.parley.client.AudioCodec;
import dev.parley.client.OutputFormat;
import dev.parley.client.SttRequest;
import dev.parley.client.TtsRequest;
import dev.parley.client.VoiceClient;
import dev.parley.bench.eval.WerScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TalkCommandTest {
    static final String QUESTION = "What is the capital of France?";

    @TempDir
    Path dir;

    @Test
    void oneTurnWritesASpokenAnswerAndPrintsWhatWasHeardAndAnswered() throws Exception {
        Path question = dir.resolve("question.wav");
        try (VoiceClient c = LiveServer.client()) {
            Files.write(question, c.speech(TtsRequest.of(QUESTION).withVoice("rex")
                    .withFormat(OutputFormat.of(AudioCodec.WAV, 16000))));
        }
        Path answer = dir.resolve("answer.wav");
        var r = LiveServer.run(new TalkCommand(Map.of("PARLEY_API_KEY", LiveServer.KEY)), "--input", question.toString(),
                "--output", answer.toString(), "--instructions", "Answer in one short sentence.", "--temperature", "0", "--url", LiveServer.url());
        assertThat(r.exit()).isZero();
        String heard = r.out().lines().filter(l -> l.startsWith("you:   ")).findFirst().orElseThrow().substring(7);
        String said = r.out().lines().filter(l -> l.startsWith("agent: ")).findFirst().orElseThrow().substring(7);
        assertThat(WerScorer.wer(QUESTION, heard)).as("heard: " + heard).isLessThanOrEqualTo(0.34);
        assertThat(said).isNotBlank();

        AudioClip clip = Wav.read(answer);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.durationSeconds()).as(said).isGreaterThan(0.3);
        String spoken;
        try (VoiceClient c = LiveServer.client()) {
            spoken = c.transcribe(SttRequest.file(answer).build()).text();
        }
        double wer = WerScorer.wer(said, spoken);
        System.out.printf("parley talk: answer \"%s\", its audio transcribed as \"%s\" (WER %.2f)%n", said, spoken, wer);
        assertThat(wer).isLessThanOrEqualTo(0.5);
    }

    @Test
    void aWrongKeyExitsWith1BeforeSendingAnything() throws Exception {
        Path question = Files.write(dir.resolve("q.wav"), Wav.write(new float[16000], 16000));
        var r = LiveServer.run(new TalkCommand(Map.of()), "--input", question.toString(), "--output",
                dir.resolve("a.wav").toString(), "--url", LiveServer.url(), "--key", "wrong-key-000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 401").contains("--key");
        assertThat(dir.resolve("a.wav")).doesNotExist();
    }

    @Test
    void aMissingInputExitsWith2() {
        var r = LiveServer.run(new TalkCommand(Map.of()), "--input", dir.resolve("none.wav").toString(), "--output",
                dir.resolve("a.wav").toString(), "--url", "http://127.0.0.1:1", "--key", "k");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }
}
