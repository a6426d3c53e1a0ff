package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Wav;
import dev.parley.bench.TestSpeech;
import dev.parley.client.examples.ClientSecretExample;
import dev.parley.client.examples.RealtimeExample;
import dev.parley.client.examples.SttRestExample;
import dev.parley.client.examples.SttWebSocketExample;
import dev.parley.client.examples.TtsRestExample;
import dev.parley.client.examples.TtsWebSocketExample;
import dev.parley.client.examples.VoicesExample;
import dev.parley.client.SttRequest;
import dev.parley.client.VoiceClient;
import dev.parley.bench.eval.WerScorer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example of the SDK ({@code parley-client/src/test/java/dev/parley/client/examples}, on this module's test
 * classpath through parley-client's test jar) run with its {@code main} against the live server, checked by what it
 * produced.
 */
class ExamplesLiveTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void pointTheExamplesAtTheLiveServer() {
        System.setProperty("parley.base.url", LiveServer.get().url());
        System.setProperty("parley.api.key", LiveServer.KEY);
    }

    @AfterAll
    static void forget() {
        System.clearProperty("parley.base.url");
        System.clearProperty("parley.api.key");
    }

    /** Runs a main and returns what it printed on System.out. */
    static String run(MainMethod main) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    interface MainMethod {
        void run() throws Exception;
    }

    static double rms(float[] s) {
        double sum = 0;
        for (float f : s) sum += f * f;
        return Math.sqrt(sum / Math.max(1, s.length));
    }

    static String transcribe(Path audio) throws Exception {
        try (VoiceClient c = LiveServer.get().client()) {
            return c.transcribe(SttRequest.file(audio).build()).text();
        }
    }

    @Test
    void ttsRestExampleWritesAnMp3OfSpeechThatSaysTheText() throws Exception {
        Path mp3 = dir.resolve("hello.mp3");
        String out = run(() -> TtsRestExample.main(new String[] {"The weather is lovely today.", mp3.toString()}));
        assertThat(out).contains("audio/mpeg");
        AudioClip clip = AudioFiles.decode(mp3);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.durationSeconds()).isBetween(1.0, 6.0);
        assertThat(rms(clip.mono())).isGreaterThan(0.01);
        assertThat(WerScorer.wer("the weather is lovely today", transcribe(mp3))).isLessThanOrEqualTo(0.4);
    }

    @Test
    void ttsRestExampleWritesAWavAtTheRequestedSampleRate() throws Exception {
        Path wav = dir.resolve("hello.wav");
        run(() -> TtsRestExample.main(new String[] {"Good morning.", wav.toString(), "rex", "16000"}));
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.durationSeconds()).isBetween(0.4, 4.0);
        assertThat(rms(clip.mono())).isGreaterThan(0.01);
    }

    @Test
    void ttsWebSocketExampleStreamsAWavThatSaysBothPiecesOfText() throws Exception {
        Path wav = dir.resolve("stream.wav");
        String out = run(() -> TtsWebSocketExample.main(new String[] {wav.toString(), "eve", "22050",
                "The quick brown fox ", "jumps over the lazy dog."}));
        assertThat(out).contains("trace");
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(clip.durationSeconds()).isBetween(1.2, 8.0);
        assertThat(WerScorer.wer("the quick brown fox jumps over the lazy dog", transcribe(wav)))
                .isLessThanOrEqualTo(0.35);
    }

    @Test
    void sttRestExamplePrintsTheTranscriptOfARealRecordingWithWordTimes() throws Exception {
        Path file = TestSpeech.shared().path("misc/jfk.wav");
        String out = run(() -> SttRestExample.main(new String[] {file.toString(), "en"}));
        String transcript = out.lines().findFirst().orElseThrow();
        double wer = WerScorer.wer(TestSpeech.shared().transcript("misc/jfk.wav"), transcript);
        System.out.printf("stt rest example: WER %.3f on misc/jfk.wav%n", wer);
        assertThat(wer).isLessThanOrEqualTo(0.25);
        assertThat(out).containsPattern("\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+country");
        assertThat(out).contains("duration 11.00 s");
    }

    @Test
    void sttWebSocketExampleStreamsARealRecordingAndPrintsItsTranscript() throws Exception {
        String name = "librispeech/1221-135766-0002.wav";
        String out = run(() -> SttWebSocketExample.main(new String[] {TestSpeech.shared().path(name).toString()}));
        assertThat(out).contains("session ");
        String transcript = out.lines().filter(l -> l.startsWith("transcript: ")).findFirst().orElseThrow()
                .substring("transcript: ".length());
        double wer = WerScorer.wer(TestSpeech.shared().transcript(name), transcript);
        System.out.printf("stt websocket example: WER %.3f on %s%n", wer, name);
        assertThat(wer).isLessThanOrEqualTo(0.35);
    }

    @Test
    void realtimeExampleGetsASpokenAnswerToATypedQuestion() throws Exception {
        Path wav = dir.resolve("answer.wav");
        String out = run(() -> RealtimeExample.main(new String[] {"What is the capital of France?", wav.toString()}));
        assertThat(out).contains("session ").contains("status completed, answer: ");
        String answer = out.lines().filter(l -> l.startsWith("status completed, answer: ")).findFirst().orElseThrow();
        assertThat(answer.length()).isGreaterThan("status completed, answer: ".length() + 2);
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.durationSeconds()).as(answer).isGreaterThan(0.3); // "Paris." alone is about half a second
        assertThat(rms(clip.mono())).isGreaterThan(0.01);
    }

    @Test
    void clientSecretExampleOpensARealtimeSessionWithOnlyTheEphemeralSecret() throws Exception {
        String out = run(() -> ClientSecretExample.main(new String[] {"120"}));
        assertThat(out).containsPattern("session \\S+ opened with the ephemeral secret; subprotocol xai-client-secret\\.<secret>");
    }

    @Test
    void voicesExampleListsTheFiveBuiltInVoicesAndLooksOneUpCaseInsensitively() throws Exception {
        String out = run(() -> VoicesExample.main(new String[] {"ARA"}));
        assertThat(out.lines().filter(l -> l.contains("\t")).map(l -> l.split("\t")[0]))
                .containsExactly("eve", "ara", "rex", "sal", "leo");
        assertThat(out).contains("ARA is Ara (ara)");
    }
}
