package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AudioFilesTest {
    @TempDir
    static Path dir;
    static Path source;
    static AudioClip original;
    static float[] original16k;

    /** name, ffmpeg output options, expected rate, expected channels. */
    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("wav", new String[] {"-c:a", "pcm_s24le", "-ac", "2"}, 44100, 2),
                Arguments.of("adpcm.wav", new String[] {"-c:a", "adpcm_ms"}, 44100, 1),
                Arguments.of("mp3", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"}, 44100, 1),
                Arguments.of("flac", new String[] {"-c:a", "flac"}, 44100, 1),
                Arguments.of("vorbis.ogg", new String[] {"-c:a", "vorbis", "-strict", "-2", "-ac", "2"}, 44100, 2),
                Arguments.of("opus.ogg", new String[] {"-c:a", "libopus", "-b:a", "32k"}, 48000, 1),
                Arguments.of("webm", new String[] {"-c:a", "libopus", "-b:a", "32k"}, 48000, 1),
                Arguments.of("m4a", new String[] {"-c:a", "aac", "-b:a", "64k"}, 44100, 1),
                Arguments.of("aac", new String[] {"-c:a", "aac", "-b:a", "64k", "-f", "adts"}, 44100, 1),
                Arguments.of("mkv", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"}, 44100, 1),
                Arguments.of("mp4", new String[] {"-c:a", "aac", "-b:a", "96k", "-ac", "2", "-ar", "48000"}, 48000, 2));
    }

    @BeforeAll
    static void originalSpeech() {
        source = TestAudio.speech("misc/jfk.wav");
        original = Wav.read(source);
        original16k = original.toMono().resample(16000).mono();
    }

    static Path fixture(String name, String[] options) throws Exception {
        Path out = dir.resolve("jfk." + name);
        if (!Files.exists(out)) {
            String[] args = new String[options.length + 3];
            args[0] = "-i";
            args[1] = source.toString();
            System.arraycopy(options, 0, args, 2, options.length);
            args[args.length - 1] = out.toString();
            TestAudio.ffmpeg(args);
        }
        return out;
    }

    private static void assertSameSpeech(AudioClip decoded) {
        float[] mono16k = decoded.toMono().resample(16000).mono();
        assertThat(TestAudio.envelopeCorrelation(original16k, mono16k, 320, 5)).isGreaterThan(0.9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void decodesEachFormatAtItsNativeRateAndChannelsWithTheOriginalSpeech(String name, String[] options, int rate,
            int channels) throws Exception {
        AudioClip clip = AudioFiles.decode(Files.readAllBytes(fixture(name, options)));
        assertThat(clip.sampleRate()).isEqualTo(rate);
        assertThat(clip.channelCount()).isEqualTo(channels);
        assertThat(clip.durationSeconds()).isCloseTo(original.durationSeconds(), within(0.1));
        assertSameSpeech(clip);
    }

    @Test
    void decodingAPathReadsTheFileWithoutLoadingItFirst() throws Exception {
        AudioClip clip = AudioFiles.decode(fixture("flac", new String[] {"-c:a", "flac"}));
        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.frames()).isEqualTo(original.frames()); // FLAC is lossless and exact in length
        for (int i = 0; i < clip.frames(); i += 997) assertThat(clip.channels()[0][i]).isEqualTo(original.channels()[0][i]);
    }

    @Test
    void manyVirtualThreadsDecodingAtOnceAllGetTheirAudio() throws Exception {
        byte[] mp3 = Files.readAllBytes(fixture("mp3", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"}));
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<AudioClip>>();
            for (int i = 0; i < 24; i++) futures.add(exec.submit(() -> AudioFiles.decode(mp3)));
            for (var f : futures) assertThat(f.get().frames()).isEqualTo(original.frames());
        }
    }

    @Test
    void callsBeyondTheFfmpegQueueAreRejectedAtOnceAndTheRestSucceed() throws Exception {
        byte[] flac = Files.readAllBytes(fixture("flac", new String[] {"-c:a", "flac"}));
        int ok = 0, busy = 0;
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<AudioClip>>();
            for (int i = 0; i < 300; i++) futures.add(exec.submit(() -> AudioFiles.decode(flac)));
            for (var f : futures) {
                try {
                    assertThat(f.get().frames()).isEqualTo(original.frames());
                    ok++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(java.util.concurrent.RejectedExecutionException.class)
                            .hasMessageContaining("busy");
                    busy++;
                }
            }
        }
        assertThat(ok).isGreaterThanOrEqualTo(64);
        assertThat(busy).isPositive();
    }

    @Test
    void ffmpegReadsAStreamedWavWithUnknownLengthToItsEnd() throws Exception {
        float[] x = Arrays.copyOf(original.mono(), 44100);
        Path streamed = dir.resolve("streamed.wav");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(Wav.streamingHeader(44100, 1));
        for (int i = 0; i < x.length; i += 882) bytes.writeBytes(Pcm16.fromFloat(x, i, Math.min(882, x.length - i)));
        Files.write(streamed, bytes.toByteArray());
        AudioClip viaFfmpeg = AudioFiles.decode(streamed); // the Path variant always goes through FFmpeg
        assertThat(viaFfmpeg.frames()).isEqualTo(44100);
        assertThat(viaFfmpeg.mono()).containsExactly(Wav.read(bytes.toByteArray()).mono());
    }

    @Test
    void emptyInputIsNotAnAudioFile() {
        assertThatThrownBy(() -> AudioFiles.decode(new byte[0])).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("not an audio file");
    }

    @Test
    void textIsNotAnAudioFile() {
        assertThatThrownBy(() -> AudioFiles.decode("{\"hello\": \"this is json, not audio\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("not an audio file");
    }

    @Test
    void videoWithoutSoundHasNoAudioStream() throws Exception {
        Path video = dir.resolve("silent.mkv");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=64x64:d=1", "-c:v", "mpeg4", video.toString());
        assertThatThrownBy(() -> AudioFiles.decode(Files.readAllBytes(video))).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("no audio stream");
    }

    @Test
    void fileCutInsideItsHeaderIsReportedAsDamagedOrTruncated() throws Exception {
        byte[] m4a = Files.readAllBytes(fixture("m4a", new String[] {"-c:a", "aac", "-b:a", "64k"}));
        // An m4a written by ffmpeg has its index (moov) at the end: cutting it off leaves no playable audio.
        assertThatThrownBy(() -> AudioFiles.decode(Arrays.copyOf(m4a, m4a.length / 2)))
                .isInstanceOf(AudioFormatException.class).message().containsAnyOf("damaged", "truncated", "not an audio file");
    }

    @Test
    void mp3CutInHalfYieldsTheAudioBeforeTheCut() throws Exception {
        byte[] mp3 = Files.readAllBytes(fixture("mp3", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"}));
        AudioClip half = AudioFiles.decode(Arrays.copyOf(mp3, mp3.length / 2));
        assertThat(half.durationSeconds()).isCloseTo(original.durationSeconds() / 2, within(0.3));
    }

    @Test
    void concatScriptNamingAFileNextToTheServerIsNotFollowed() throws Exception {
        // FFmpeg's concat demuxer in safe mode still opens relative names (against the working directory);
        // parley-audio's empty protocol whitelist must refuse the nested open.
        Path mp3 = fixture("mp3", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"});
        Path local = Path.of("target", "concat-probe.mp3");
        Files.createDirectories(local.getParent());
        Files.copy(mp3, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            String concat = "ffconcat version 1.0\nfile 'target/concat-probe.mp3'\n";
            assertThatThrownBy(() -> AudioFiles.decode(concat.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AudioFormatException.class);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    @Test
    void hlsPlaylistReferencingAnotherFileIsNotFollowed() throws Exception {
        Path mp3 = fixture("mp3", new String[] {"-c:a", "libmp3lame", "-b:a", "64k"});
        String m3u8 = "#EXTM3U\n#EXT-X-TARGETDURATION:11\n#EXTINF:11.0,\n" + mp3.toUri() + "\n#EXT-X-ENDLIST\n";
        assertThatThrownBy(() -> AudioFiles.decode(m3u8.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AudioFormatException.class);
    }

    @Test
    void decodedSamplesBeyondTheLimitAreRefused() throws Exception {
        byte[] flac = Files.readAllBytes(fixture("flac", new String[] {"-c:a", "flac"}));
        assertThatThrownBy(() -> AudioFiles.decode(flac, 44100)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void rawPcmStereoIsDeinterleaved() {
        byte[] pcm = Pcm16.fromShorts(new short[] {100, -100, 200, -200});
        AudioClip clip = AudioFiles.decodeRaw(pcm, WireCodec.PCM, 16000, 2);
        assertThat(clip.channels()[0]).containsExactly(100 / 32768f, 200 / 32768f);
        assertThat(clip.channels()[1]).containsExactly(-100 / 32768f, -200 / 32768f);
    }

    @Test
    void rawMulawAndAlawAreDecodedWithTheG711Tables() {
        byte[] codes = {0x00, 0x7F, (byte) 0x80, (byte) 0xD5};
        assertThat(AudioFiles.decodeRaw(codes, WireCodec.MULAW, 8000, 1).mono()).containsExactly(G711.ULAW.decodeFloat(codes));
        assertThat(AudioFiles.decodeRaw(codes, WireCodec.ALAW, 8000, 1).mono()).containsExactly(G711.ALAW.decodeFloat(codes));
    }

    @Test
    void rawPcmWithAnOddByteIsReportedAsTruncated() {
        assertThatThrownBy(() -> AudioFiles.decodeRaw(new byte[5], WireCodec.PCM, 16000, 1))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("truncated pcm");
    }

    static byte[] readAll(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
