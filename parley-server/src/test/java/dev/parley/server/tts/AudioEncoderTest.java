package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Wav;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AudioEncoderTest {
    static float[] tone(int rate, double seconds) {
        float[] f = new float[(int) (rate * seconds)];
        for (int i = 0; i < f.length; i++) f[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
        return f;
    }

    @Test
    void inputRateChangeMidUtteranceLosesNoAudio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioEncoder enc = new AudioEncoder(new OutputFormat(Codec.PCM, 16000, 128000))) {
            out.writeBytes(enc.encode(tone(24000, 1.0), 24000));
            out.writeBytes(enc.encode(tone(22050, 1.0), 22050));
            out.writeBytes(enc.finish());
        }
        int samples = out.size() / 2;
        assertThat(samples).isBetween(32000 - 2, 32000 + 2);
    }

    @Test
    void wavStreamStartsWithOneStreamingHeaderAndDecodesAtTheRequestedRate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioEncoder enc = new AudioEncoder(new OutputFormat(Codec.WAV, 8000, 128000))) {
            out.writeBytes(enc.encode(tone(24000, 0.5), 24000));
            out.writeBytes(enc.encode(tone(24000, 0.5), 24000));
            out.writeBytes(enc.finish());
        }
        byte[] wav = out.toByteArray();
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 4, wav.length - 4, StandardCharsets.ISO_8859_1)).doesNotContain("RIFF");
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.durationSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void emptyWavUtteranceIsAHeaderOnlyFile() {
        try (AudioEncoder enc = new AudioEncoder(new OutputFormat(Codec.WAV, 16000, 128000))) {
            byte[] wav = enc.finish();
            assertThat(wav).hasSize(Wav.HEADER_BYTES);
            assertThat(Wav.read(wav).frames()).isZero();
        }
    }

    @Test
    void mp3ChunksConcatenateToOneDecodableStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioEncoder enc = new AudioEncoder(new OutputFormat(Codec.MP3, 44100, 64000))) {
            for (int i = 0; i < 4; i++) out.writeBytes(enc.encode(tone(24000, 0.25), 24000));
            out.writeBytes(enc.finish());
        }
        AudioClip clip = AudioFiles.decode(out.toByteArray());
        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.durationSeconds()).isBetween(1.0, 1.15);
    }

    @Test
    void g711IsOneBytePerSample() {
        try (AudioEncoder enc = new AudioEncoder(new OutputFormat(Codec.ALAW, 8000, 128000))) {
            int n = enc.encode(tone(8000, 1.0), 8000).length + enc.finish().length;
            assertThat(n).isEqualTo(8000);
        }
    }
}
