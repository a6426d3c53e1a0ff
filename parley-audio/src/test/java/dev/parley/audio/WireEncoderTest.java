package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WireEncoderTest {
    static float[] speech; // JFK at 24 kHz mono, as TTS engines deliver it

    @BeforeAll
    static void loadSpeech() {
        speech = Wav.read(TestAudio.speech("misc/jfk.wav")).toMono().resample(24000).mono();
    }

    static float[] tone(int rate, double seconds) {
        float[] f = new float[(int) (rate * seconds)];
        for (int i = 0; i < f.length; i++) f[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
        return f;
    }

    /** Encodes {@code x} at {@code rate} cut at the given offsets (ascending), then finishes. */
    static byte[] encodeCut(WireEncoder enc, float[] x, int rate, int... cuts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : x.length;
            out.writeBytes(enc.encode(x, from, to - from, rate));
            from = to;
        }
        out.writeBytes(enc.finish());
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static WireEncoder encoder(WireCodec codec, int rate) {
        return new WireEncoder(WireFormat.mono(codec, rate));
    }

    @Test
    void pcmAtTheOutputRateIsTheSamplesInLittleEndianSixteenBit() {
        try (WireEncoder enc = encoder(WireCodec.PCM, 16000)) {
            assertThat(enc.encode(new float[] {0.5f, -0.5f, 0f, -1f}, 16000))
                    .containsExactly(0x00, 0x40, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x80);
            assertThat(enc.finish()).isEmpty();
            assertThat(enc.samplesOut()).isEqualTo(4);
            assertThat(enc.seconds()).isEqualTo(4 / 16000.0);
        }
    }

    @Test
    void nanIsSilenceAndOutOfRangeSamplesClip() {
        float[] x = {Float.NaN, 2f, -2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertThat(Pcm16.toShorts(WireEncoder.encodeAll(x, 8000, WireFormat.mono(WireCodec.PCM, 8000))))
                .containsExactly((short) 0, Short.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE, Short.MIN_VALUE);
        assertThat(WireEncoder.encodeAll(x, 8000, WireFormat.mono(WireCodec.MULAW, 8000)))
                .containsExactly(0xFF, 0x80, 0x00, 0x80, 0x00);
        assertThat(WireEncoder.encodeAll(x, 8000, WireFormat.mono(WireCodec.ALAW, 8000)))
                .containsExactly(0xD5, 0xAA, 0x2A, 0xAA, 0x2A);
    }

    @Test
    void loudAudioClipsAfterResampling() {
        float[] loud = new float[800];
        Arrays.fill(loud, 5f);
        short[] out = Pcm16.toShorts(WireEncoder.encodeAll(loud, 8000, WireFormat.mono(WireCodec.PCM, 16000)));
        assertThat(out).hasSize(1600);
        for (int i = 200; i < 1400; i++) assertThat(out[i]).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void everyG711CodeSurvivesTheDecoderAndTheEncoder() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) codes[i] = (byte) i;
        for (WireCodec codec : new WireCodec[] {WireCodec.MULAW, WireCodec.ALAW}) {
            float[] samples = new WireDecoder(WireFormat.mono(codec, 8000), 8000, false).decode(codes)[0];
            byte[] back = WireEncoder.encodeAll(samples, 8000, WireFormat.mono(codec, 8000));
            byte[] expected = codes.clone();
            if (codec == WireCodec.MULAW) expected[0x7F] = (byte) 0xFF; // µ-law's negative zero comes back positive
            assertThat(back).as(codec.apiName()).containsExactly(expected);
        }
    }

    @Test
    void encodeAllIsTheOneShotResampleThenTheRawEncodeOfTheRealtimePath() {
        float[] x = Arrays.copyOf(speech, 24000);
        for (WireCodec codec : WireCodec.RAW) {
            assertThat(WireEncoder.encodeAll(x, 24000, WireFormat.mono(codec, 8000)))
                    .containsExactly(codec.encode(Resampler.resample(x, 24000, 8000)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = WireCodec.class, names = {"PCM", "MULAW", "ALAW", "WAV"})
    void anyChunkingGivesTheSameBytesAsOneCall(WireCodec codec) {
        float[] x = Arrays.copyOf(speech, 12000);
        byte[] expected = WireEncoder.encodeAll(x, 24000, WireFormat.mono(codec, 22050));
        Random rnd = new Random(11);
        for (int round = 0; round < 4; round++) {
            int[] cuts = rnd.ints(rnd.nextInt(30), 0, x.length + 1).sorted().toArray(); // repeats: empty chunks
            try (WireEncoder enc = encoder(codec, 22050)) {
                assertThat(encodeCut(enc, x, 24000, cuts)).as(Arrays.toString(cuts)).containsExactly(expected);
            }
        }
    }

    @Test
    void anInputRateChangeFlushesTheOldResamplerSoNoSampleIsLost() {
        float[] a = tone(24000, 1.0), b = tone(22050, 1.0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WireEncoder enc = encoder(WireCodec.PCM, 16000)) {
            out.writeBytes(enc.encode(a, 24000));
            out.writeBytes(enc.encode(b, 22050));
            out.writeBytes(enc.finish());
            assertThat(enc.samplesOut()).isEqualTo(32000);
            assertThat(enc.seconds()).isEqualTo(2.0);
        }
        assertThat(out.toByteArray()).containsExactly(concat(Pcm16.fromFloat(Resampler.resample(a, 24000, 16000)),
                Pcm16.fromFloat(Resampler.resample(b, 22050, 16000))));
    }

    @Test
    void aRateTheResamplerCannotTakeIsRefusedWithoutLosingTheStream() {
        float[] x = Arrays.copyOf(speech, 4800);
        try (WireEncoder enc = encoder(WireCodec.PCM, 16000)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(enc.encode(x, 0, 2400, 24000));
            assertThatThrownBy(() -> enc.encode(x, 0)).isInstanceOf(IllegalArgumentException.class);
            out.writeBytes(enc.encode(x, 2400, 2400, 24000));
            out.writeBytes(enc.finish());
            assertThat(out.toByteArray()).containsExactly(WireEncoder.encodeAll(x, 24000, WireFormat.mono(WireCodec.PCM, 16000)));
        }
    }

    @Test
    void aWavStreamStartsWithOneStreamingHeaderAndDecodesAtTheOutputRate() {
        float[] x = tone(24000, 1.0);
        byte[] wav;
        try (WireEncoder enc = encoder(WireCodec.WAV, 8000)) {
            wav = encodeCut(enc, x, 24000, 0, 0, 1000, 12000);
        }
        assertThat(Arrays.copyOf(wav, Wav.HEADER_BYTES)).containsExactly(Wav.streamingHeader(8000, 1));
        assertThat(Arrays.copyOfRange(wav, Wav.HEADER_BYTES, wav.length))
                .containsExactly(WireEncoder.encodeAll(x, 24000, WireFormat.mono(WireCodec.PCM, 8000)));
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.frames()).isEqualTo(8000);
    }

    @Test
    void theWavHeaderComesWithTheFirstCallEvenWithoutSamples() {
        try (WireEncoder enc = encoder(WireCodec.WAV, 16000)) {
            assertThat(enc.encode(new float[0], 24000)).containsExactly(Wav.streamingHeader(16000, 1));
            assertThat(enc.finish()).isEmpty();
        }
    }

    @Test
    void anEmptyWavStreamIsAHeaderOnlyFile() {
        try (WireEncoder enc = encoder(WireCodec.WAV, 16000)) {
            byte[] wav = enc.finish();
            assertThat(wav).containsExactly(Wav.streamingHeader(16000, 1));
            assertThat(Wav.read(wav).frames()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = WireCodec.class, names = {"PCM", "MULAW", "ALAW", "MP3", "OPUS", "AAC", "FLAC"})
    void anEmptyStreamOfAnyOtherCodecIsNoBytes(WireCodec codec) {
        try (WireEncoder enc = encoder(codec, 24000)) {
            assertThat(enc.encode(new float[0], 16000)).isEmpty();
            assertThat(enc.finish()).isEmpty();
            assertThat(enc.samplesOut()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({"MP3, 22050, 22050", "OPUS, 48000, 48000", "AAC, 44100, 44100", "FLAC, 16000, 16000",
            "OPUS, 16000, 48000"})
    void ffmpegCodecsStartWithTheirMagicAndDecodeToTheInputDuration(WireCodec codec, int rate, int decodedRate) {
        float[] x = Arrays.copyOf(speech, 24000);
        byte[] b;
        try (WireEncoder enc = encoder(codec, rate)) {
            b = encodeCut(enc, x, 24000, 4800, 9600);
            assertThat(enc.seconds()).isEqualTo(1.0);
        }
        switch (codec) {
            case MP3 -> assertThat(b[0] & 0xFF).isEqualTo(0xFF); // MPEG frame sync, 11 bits
            case OPUS -> {
                assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
                assertThat(new String(b, 28, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
            }
            case AAC -> assertThat(b[0] & 0xFF).isEqualTo(0xFF); // ADTS sync word, 12 bits
            case FLAC -> assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("fLaC");
            default -> throw new AssertionError(codec);
        }
        if (codec == WireCodec.MP3) assertThat(b[1] & 0xE0).isEqualTo(0xE0);
        if (codec == WireCodec.AAC) assertThat(b[1] & 0xF0).isEqualTo(0xF0);
        AudioClip clip = AudioFiles.decode(b);
        assertThat(clip.sampleRate()).isEqualTo(decodedRate);
        assertThat(clip.channelCount()).isEqualTo(1);
        // MP3 and ADTS cannot signal the encoder's priming and last-frame padding: up to ~0.1 s longer.
        assertThat(clip.durationSeconds()).isCloseTo(1.0, within(0.11));
    }

    @Test
    void mp3StreamedInTwentyMillisecondChunksIsByteForByteTheOneCallEncoding() {
        float[] x = Arrays.copyOf(speech, 24000 * 2);
        WireFormat mp3 = new WireFormat(WireCodec.MP3, 16000, 1, 64000);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (WireEncoder enc = new WireEncoder(mp3)) {
            for (int i = 0; i < x.length; i += 480) streamed.writeBytes(enc.encode(x, i, Math.min(480, x.length - i), 24000));
            streamed.writeBytes(enc.finish());
        }
        assertThat(streamed.toByteArray()).containsExactly(WireEncoder.encodeAll(x, 24000, mp3));
    }

    @Test
    void mp3KeepsTheRateDurationAndSpeechOfARealRecording() {
        byte[] mp3 = WireEncoder.encodeAll(speech, 24000, new WireFormat(WireCodec.MP3, 24000, 1, 128000));
        double seconds = speech.length / 24000.0;
        assertThat(mp3.length).isCloseTo((int) (seconds * 128000 / 8), within(8000));
        AudioClip back = AudioFiles.decode(mp3);
        assertThat(back.sampleRate()).isEqualTo(24000);
        assertThat(back.durationSeconds()).isCloseTo(seconds, within(0.1)); // priming and last-frame padding
        assertThat(TestAudio.envelopeCorrelation(speech, back.mono(), 480, 5)).isGreaterThan(0.9);
    }

    @Test
    void theMp3BytesReturnedBeforeFinishAreAlreadyAPlayableStream() {
        try (WireEncoder enc = new WireEncoder(new WireFormat(WireCodec.MP3, 24000, 1, 96000))) {
            byte[] first = enc.encode(Arrays.copyOf(speech, 24000), 24000);
            assertThat(AudioFiles.decode(first).durationSeconds()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void theMp3BitRateIsTheOneAskedForAndZeroIsTheDefault() {
        float[] x = Arrays.copyOf(speech, 24000 * 2);
        int low = WireEncoder.encodeAll(x, 24000, new WireFormat(WireCodec.MP3, 24000, 1, 32000)).length;
        int dflt = WireEncoder.encodeAll(x, 24000, WireFormat.mono(WireCodec.MP3, 24000)).length;
        assertThat(low).isCloseTo(2 * 32000 / 8, within(1200)); // 2 s at 32 kbit/s
        assertThat(dflt).isCloseTo(2 * StreamingEncoder.Format.MP3.defaultBitRate() / 8, within(4000));
    }

    @ParameterizedTest
    @EnumSource(WireCodec.class)
    void closeWithoutFinishIsIdempotentAndRefusesMoreInput(WireCodec codec) {
        WireEncoder enc = encoder(codec, 24000);
        enc.encode(Arrays.copyOf(speech, 5000), 24000);
        enc.close();
        enc.close();
        assertThatThrownBy(() -> enc.encode(new float[10], 24000)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(codec.apiName());
        assertThatThrownBy(enc::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void finishIsOnceAndCloseAfterItDoesNothing() {
        WireEncoder enc = encoder(WireCodec.FLAC, 24000);
        enc.encode(Arrays.copyOf(speech, 5000), 24000);
        assertThat(enc.finish()).isNotEmpty();
        assertThatThrownBy(enc::finish).isInstanceOf(IllegalStateException.class);
        enc.close();
        assertThatThrownBy(() -> enc.encode(new float[1], 24000)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stereoAndRatesTheCodecCannotTakeAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new WireEncoder(new WireFormat(WireCodec.PCM, 16000, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mono");
        assertThatThrownBy(() -> encoder(WireCodec.OPUS, 22050)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("opus cannot be encoded at 22050 Hz");
        assertThatThrownBy(() -> encoder(WireCodec.MP3, 96000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("96000");
    }
}
