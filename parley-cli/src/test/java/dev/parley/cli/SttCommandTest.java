package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Wav;
import dev.parley.audio.WireCodec;
import dev.parley.audio.WireEncoder;
import dev.parley.audio.WireFormat;
import dev.parley.bench.TestSpeech;
import dev.parley.bench.eval.WerScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SttCommandTest {
    static final String JFK = "misc/jfk.wav";

    @TempDir
    Path dir;

    static LiveServer.Run stt(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = LiveServer.url();
        all[args.length + 2] = "--key";
        all[args.length + 3] = LiveServer.KEY;
        return LiveServer.run(new SttCommand(Map.of()), all);
    }

    static Path speech(String name) {
        return TestSpeech.shared().path(name);
    }

    @Test
    void printsTheTranscriptOfAnMp3OfARealRecording() throws Exception {
        AudioClip clip = Wav.read(speech(JFK));
        Path mp3 = Files.write(dir.resolve("jfk.mp3"), WireEncoder.encodeAll(clip.mono(), clip.sampleRate(),
                WireFormat.mono(WireCodec.MP3, clip.sampleRate())));
        var r = stt(mp3.toString());
        assertThat(r.exit()).isZero();
        double wer = WerScorer.wer(TestSpeech.shared().transcript(JFK), r.out());
        System.out.printf("parley stt: WER %.3f on %s as mp3%n", wer, JFK);
        assertThat(wer).isLessThanOrEqualTo(0.25);
    }

    @Test
    void wordsPrintsEveryWordWithItsStartAndEndTimes() {
        var r = stt(speech(JFK).toString(), "--words");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSizeGreaterThan(15)
                .allSatisfy(l -> assertThat(l).matches("\\s*\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d  \\S+"));
        assertThat(r.out()).containsPattern("10\\.\\d\\d\\s+1\\d\\.\\d\\d  country");
    }

    @Test
    void diarizeLabelsTheTurnsOfTwoSpeakers() {
        var r = stt(speech("multispeaker/pyannote_sample.wav").toString(), "--diarize");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("[speaker 0] ").contains("[speaker 1] ");
    }

    @Test
    void jsonFormatPrintsTheApiResponseWithWords() {
        var r = stt(speech(JFK).toString(), "--format", "json", "--language", "en");
        assertThat(r.exit()).isZero();
        JsonNode n = JsonMapper.builder().build().readTree(r.out());
        assertThat(n.get("duration").asDouble()).isEqualTo(11.0);
        assertThat(n.get("words").size()).isGreaterThan(15);
        assertThat(n.get("text").asString()).containsIgnoringCase("ask not what your country can do for you");
    }

    @Test
    void forcedProgressShowsTheUploadReachingAHundredPercentOnStderrOnly() {
        var r = stt(speech(JFK).toString(), "--progress");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("uploading jfk.wav [").contains("100%");
        assertThat(r.out()).doesNotContain("%").containsIgnoringCase("fellow americans");
    }

    @Test
    void aLongFileGetsNoProgressBarWhenStderrIsNotATerminal() throws Exception {
        AudioClip clip = Wav.read(speech(JFK));
        float[] twice = new float[clip.frames() * 2];
        System.arraycopy(clip.mono(), 0, twice, 0, clip.frames());
        System.arraycopy(clip.mono(), 0, twice, clip.frames(), clip.frames());
        Path big = Files.write(dir.resolve("twice.wav"), Wav.write(twice, clip.sampleRate()));
        assertThat(Files.size(big)).isGreaterThan(SttCommand.PROGRESS_MIN_BYTES);
        assertThat(ProgressBar.stderrIsTerminal()).as("surefire's stderr is a pipe").isFalse();
        var r = stt(big.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("uploading");
    }

    @Test
    void aMissingFileExitsWith2() {
        var r = stt(dir.resolve("nothing.wav").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void aWrongKeyExitsWith1AndSaysHowToPassOne() {
        var r = LiveServer.run(new SttCommand(Map.of("PARLEY_API_KEY", "wrong-key-000")), speech(JFK).toString(),
                "--url", LiveServer.url());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 401").contains("--key");
    }
}
