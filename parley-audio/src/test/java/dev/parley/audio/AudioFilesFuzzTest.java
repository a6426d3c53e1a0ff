package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files of every kind must end in a clip or an AudioFormatException, and the JVM must survive. */
class AudioFilesFuzzTest {
    private static final long SEED = 20240611L;
    @TempDir
    static Path dir;
    static final List<byte[]> seeds = new ArrayList<>();

    @BeforeAll
    static void shortFixtures() throws Exception {
        Path src = TestAudio.speech("misc/jfk.wav");
        String[][] kinds = {
                {"mp3", "-c:a", "libmp3lame", "-b:a", "32k"},
                {"ogg", "-c:a", "libopus", "-b:a", "24k"},
                {"webm", "-c:a", "libopus", "-b:a", "24k"},
                {"m4a", "-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart"},
                {"flac", "-c:a", "flac"},
                {"mkv", "-c:a", "vorbis", "-strict", "-2", "-ac", "2"},
                {"wav", "-c:a", "adpcm_ima_wav"},
                {"aac", "-c:a", "aac", "-f", "adts"}};
        for (String[] k : kinds) {
            Path out = dir.resolve("short." + k[0]);
            String[] args = new String[k.length + 4];
            args[0] = "-t";
            args[1] = "1.5";
            args[2] = "-i";
            args[3] = src.toString();
            System.arraycopy(k, 1, args, 4, k.length - 1);
            args[args.length - 1] = out.toString();
            TestAudio.ffmpeg(args);
            seeds.add(Files.readAllBytes(out));
        }
        seeds.add(Wav.write(Arrays.copyOf(Wav.read(src).mono(), 44100), 44100));
    }

    private static int decodeOrReject(byte[] data) {
        try {
            AudioClip clip = AudioFiles.decode(data);
            assertThat(clip.sampleRate()).isPositive();
            return 1;
        } catch (AudioFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return 0;
        }
    }

    @Test
    void unmodifiedSeedsDecode() {
        for (byte[] s : seeds) assertThat(decodeOrReject(s)).isEqualTo(1);
    }

    @Test
    void truncationsAtRandomLengthsDecodeOrFailWithAudioFormatException() {
        Random rnd = new Random(SEED);
        int decoded = 0, total = 0;
        for (byte[] s : seeds) {
            for (int i = 0; i < 20; i++, total++) {
                int n = i < 4 ? new int[] {1, 4, 12, 64}[i] : rnd.nextInt(s.length);
                decoded += decodeOrReject(Arrays.copyOf(s, n));
            }
        }
        assertThat(total).isEqualTo(seeds.size() * 20);
        assertThat(decoded).as("most long truncations still hold audio").isPositive();
    }

    @Test
    void byteFlipsDecodeOrFailWithAudioFormatException() {
        Random rnd = new Random(SEED + 1);
        for (byte[] s : seeds) {
            for (int i = 0; i < 20; i++) {
                byte[] m = s.clone();
                int flips = 1 + rnd.nextInt(i < 10 ? 4 : 200);
                for (int f = 0; f < flips; f++) {
                    // half of the flips land in the first 256 bytes, where headers live
                    int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(256, m.length)) : rnd.nextInt(m.length);
                    m[at] = (byte) rnd.nextInt(256);
                }
                decodeOrReject(m);
            }
        }
    }

    @Test
    void overwrittenSpansAndSplicedFilesDecodeOrFailWithAudioFormatException() {
        Random rnd = new Random(SEED + 2);
        for (byte[] s : seeds) {
            for (int i = 0; i < 10; i++) {
                byte[] m = s.clone();
                int from = rnd.nextInt(m.length), len = Math.min(m.length - from, 1 + rnd.nextInt(4096));
                byte[] junk = new byte[len];
                rnd.nextBytes(junk);
                System.arraycopy(junk, 0, m, from, len);
                decodeOrReject(m);
                // the head of one file followed by the body of another
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                int head = rnd.nextInt(Math.min(s.length, 2048)), tailFrom = rnd.nextInt(other.length);
                byte[] spliced = Arrays.copyOf(s, head + other.length - tailFrom);
                System.arraycopy(other, tailFrom, spliced, head, other.length - tailFrom);
                decodeOrReject(spliced);
            }
        }
    }

    @Test
    void randomGarbageIsRejectedWithAudioFormatException() {
        Random rnd = new Random(SEED + 3);
        for (int i = 0; i < 60; i++) {
            byte[] g = new byte[1 + rnd.nextInt(i < 30 ? 64 : 65536)];
            rnd.nextBytes(g);
            decodeOrReject(g);
        }
    }
}
