package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.audio.StreamingEncoder.Format;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamingEncoderTest {
    static final int RATE = 24000;
    static float[] speech; // JFK, 11 s, 24 kHz mono

    @BeforeAll
    static void loadSpeech() {
        speech = Wav.read(TestAudio.speech("misc/jfk.wav")).toMono().resample(RATE).mono();
    }

    static byte[] encodeAll(Format format, float[] x) {
        try (StreamingEncoder enc = StreamingEncoder.open(format, RATE)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(enc.encode(x));
            out.writeBytes(enc.finish());
            return out.toByteArray();
        }
    }

    /** Decoded with Parley's own FFmpeg decoder, as mono at the input rate (Opus decodes at 48 kHz). */
    static float[] decodeAt24k(byte[] data) {
        AudioClip clip = AudioFiles.decode(data);
        assertThat(clip.channelCount()).isEqualTo(1);
        return clip.resample(RATE).mono();
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"OGG_OPUS", "AAC_ADTS", "FLAC"})
    void encodedSpeechDecodesToMonoAudioOfTheSameDurationAndSpeech(Format format) {
        float[] back = decodeAt24k(encodeAll(format, speech));
        // ADTS cannot signal AAC's 1024-sample priming nor the last frame's padding: up to ~0.09 s longer.
        assertThat(back.length / (double) RATE).isCloseTo(speech.length / (double) RATE, within(0.1));
        assertThat(TestAudio.envelopeCorrelation(speech, back, 480, 5)).isGreaterThan(0.95);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"OGG_OPUS", "AAC_ADTS"})
    void aLossyEncodedSineComesBackWithinTwentyDecibelsSignalToNoise(Format format) {
        float[] sine = new float[RATE];
        for (int i = 0; i < sine.length; i++) sine[i] = 0.5f * (float) Math.sin(2 * Math.PI * 440 * i / RATE);
        float[] back = decodeAt24k(encodeAll(format, sine));
        // Align by the lag with the least error (codec delay), then compare the middle half second.
        double best = Double.MAX_VALUE;
        for (int lag = 0; lag <= 2500; lag++) {
            double err = 0, sig = 0;
            for (int i = 6000; i < 18000; i++) {
                double d = back[i + lag] - sine[i];
                err += d * d;
                sig += sine[i] * sine[i];
            }
            best = Math.min(best, err / sig);
        }
        assertThat(-10 * Math.log10(best)).as("SNR dB").isGreaterThan(20);
    }

    @Test
    void flacIsLosslessToSixteenBitsAndExactInLength() {
        float[] back = AudioFiles.decode(encodeAll(Format.FLAC, speech)).mono();
        assertThat(back).hasSameSizeAs(speech);
        for (int i = 0; i < speech.length; i++) {
            assertThat(back[i]).isCloseTo(speech[i], within(1.5f / 32768));
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void streamingInSmallIrregularChunksDecodesToTheSameAudioAsOneChunk(Format format) {
        float[] x = Arrays.copyOf(speech, RATE * 3);
        Random rnd = new Random(7);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (StreamingEncoder enc = StreamingEncoder.open(format, RATE)) {
            for (int i = 0; i < x.length; ) {
                int n = Math.min(x.length - i, rnd.nextInt(700)); // includes empty chunks
                streamed.writeBytes(enc.encode(x, i, n));
                i += n;
            }
            streamed.writeBytes(enc.finish());
        }
        assertThat(AudioFiles.decode(streamed.toByteArray()).mono())
                .containsExactly(AudioFiles.decode(encodeAll(format, x)).mono());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"OGG_OPUS", "AAC_ADTS", "FLAC"})
    void bytesReturnedBeforeFinishAreAlreadyAPlayableStream(Format format) {
        try (StreamingEncoder enc = StreamingEncoder.open(format, RATE)) {
            byte[] first = enc.encode(Arrays.copyOf(speech, RATE)); // one second, as after a first clause
            assertThat(AudioFiles.decode(first).durationSeconds()).isBetween(0.7, 1.0);
        }
    }

    @Test
    void oggOpusStartsWithAnOggPageCarryingOpusHead() {
        byte[] b = encodeAll(Format.OGG_OPUS, Arrays.copyOf(speech, RATE));
        assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OggS");
        assertThat(new String(b, 28, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
    }

    @Test
    void aacStartsWithAnAdtsSyncWord() {
        byte[] b = encodeAll(Format.AAC_ADTS, Arrays.copyOf(speech, RATE));
        assertThat(b[0] & 0xFF).isEqualTo(0xFF);
        assertThat(b[1] & 0xF0).isEqualTo(0xF0);
    }

    @Test
    void flacStartsWithTheFlacMarker() {
        byte[] b = encodeAll(Format.FLAC, Arrays.copyOf(speech, RATE));
        assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("fLaC");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void finishWithoutSamplesGivesAStreamWithNoAudioThatTheDecoderRejectsClearly(Format format) {
        byte[] b;
        try (StreamingEncoder enc = StreamingEncoder.open(format, RATE)) {
            b = enc.finish();
        }
        assertThatThrownBy(() -> AudioFiles.decode(b)).isInstanceOf(AudioFormatException.class);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void closeWithoutFinishFreesTheEncoderAndRefusesMoreInput(Format format) {
        StreamingEncoder enc = StreamingEncoder.open(format, RATE);
        enc.encode(Arrays.copyOf(speech, 5000));
        enc.close();
        enc.close();
        assertThatThrownBy(() -> enc.encode(new float[10])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(enc::finish).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"OGG_OPUS", "AAC_ADTS", "FLAC"})
    void nanAndOutOfRangeSamplesEncodeAsSilenceAndClippedAudio(Format format) {
        float[] x = new float[RATE / 2];
        for (int i = 0; i < x.length; i++) x[i] = i % 3 == 0 ? Float.NaN : i % 3 == 1 ? 40f : Float.NEGATIVE_INFINITY;
        float[] back = AudioFiles.decode(encodeAll(format, x)).mono();
        assertThat(back.length).isPositive();
        for (float v : back) assertThat(Float.isFinite(v)).isTrue();
    }

    @Test
    void opusRefusesARateLibopusCannotTake() {
        assertThatThrownBy(() -> StreamingEncoder.open(Format.OGG_OPUS, 22050))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("22050");
    }
}
