package dev.parley.audio;

import dev.parley.audio.internal.FfmpegDecoder;
import dev.parley.audio.internal.FfmpegExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Audio files in any container and codec FFmpeg knows (WAV, MP3, FLAC, Ogg Vorbis/Opus, WebM, M4A/AAC,
 * MP4, MKV, ...), raw headerless audio, and MP3 encoding.
 *
 * <p>Decoding keeps the file's native sample rate and channels (callers resample with {@link Resampler} or
 * {@link AudioClip#resample(int)}). It is as lenient as the {@code ffmpeg} tool: damaged packets are skipped
 * and a file cut short yields the audio before the cut. It fails with {@link AudioFormatException} naming the
 * problem when the input is empty, not audio ("not an audio file"), has no audio stream ("no audio
 * stream"), yields no decodable audio ("damaged or truncated"), mostly fails to decode, or exceeds the sample
 * limit. Inputs never reach the filesystem or network: FFmpeg reads only the given bytes (references inside
 * playlists or concat scripts are refused).
 *
 * <p>Threading: all methods are thread-safe and blocking. FFmpeg work runs on parley-audio's own bounded
 * pool of platform threads ({@code min(4, cores/2)}, 64 queued calls; property {@code parley.ffmpeg.threads});
 * callers, virtual threads included, park while it runs. When the queue is full a call fails at once with
 * {@link java.util.concurrent.RejectedExecutionException}; an interrupted caller gets
 * {@link java.util.concurrent.CancellationException}. Buffers: input arrays are read during the call only
 * and must not be modified meanwhile; results are new arrays owned by the caller.
 */
public final class AudioFiles {
    /** Default cap on decoded samples (all channels together): 2^27, about 23 minutes of 48 kHz stereo. */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 27;

    private AudioFiles() {}

    /** Decodes a whole file held in memory (see class doc), with {@link #DEFAULT_MAX_SAMPLES}. */
    public static AudioClip decode(byte[] file) {
        return decode(file, DEFAULT_MAX_SAMPLES);
    }

    /** Decodes a whole file held in memory, failing when more than {@code maxSamples} samples come out. */
    public static AudioClip decode(byte[] file, long maxSamples) {
        Objects.requireNonNull(file, "file");
        if (file.length == 0) throw new AudioFormatException("not an audio file: the input is empty");
        if (Wav.isWav(file)) {
            try {
                AudioClip clip = Wav.read(file); // pure Java fast path for the common case
                if ((long) clip.frames() * clip.channelCount() > maxSamples) {
                    throw new AudioFormatException("audio too long: more than " + maxSamples + " samples");
                }
                return clip;
            } catch (AudioFormatException e) {
                if (e.getMessage().startsWith("audio too long")) throw e;
                // an encoding the pure-Java reader does not handle (ADPCM, GSM ...): let FFmpeg try
            }
        }
        return FfmpegExecutor.call(() -> FfmpegDecoder.decode(FfmpegDecoder.of(file), maxSamples));
    }

    /** Decodes a file on disk without reading it all into memory first, with {@link #DEFAULT_MAX_SAMPLES}. */
    public static AudioClip decode(Path file) {
        Objects.requireNonNull(file, "file");
        return FfmpegExecutor.call(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                return FfmpegDecoder.decode(FfmpegDecoder.of(ch), DEFAULT_MAX_SAMPLES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Decodes headerless audio (pure Java, no FFmpeg).
     *
     * @param channels interleaved channels in {@code data}, 1..64
     * @throws AudioFormatException if the length is not a whole number of frames
     * @throws IllegalArgumentException if the rate or channel count is out of range
     */
    public static AudioClip decodeRaw(byte[] data, RawFormat format, int sampleRate, int channels) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        if (channels < 1 || channels > 64) throw new IllegalArgumentException("channels must be 1..64, got " + channels);
        int frameBytes = format.bytesPerSample() * channels;
        if (data.length % frameBytes != 0) {
            throw new AudioFormatException("truncated " + format.name().toLowerCase(java.util.Locale.ROOT)
                    + " audio: " + data.length + " bytes is not a whole number of " + frameBytes + "-byte frames");
        }
        float[] samples = format.decode(data);
        return new AudioClip(sampleRate, channels == 1 ? new float[][] {samples} : Pcm16.deinterleave(samples, channels));
    }

    /**
     * Encodes mono samples as MP3 (raw MPEG frames, see {@link Mp3Encoder}).
     *
     * @param sampleRate an MP3 rate: 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100 or 48000
     * @param bitRate    bits per second, e.g. 128000; LAME picks the nearest rate the MPEG version allows
     *                   (at most 160 kbit/s at 16-24 kHz, 64 kbit/s at 8-12 kHz)
     */
    public static byte[] encodeMp3(float[] mono, int sampleRate, int bitRate) {
        try (Mp3Encoder enc = mp3Encoder(sampleRate, bitRate)) {
            byte[] a = enc.encode(mono);
            byte[] b = enc.finish();
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    /** A streaming MP3 encoder; see {@link #encodeMp3} for the parameters. Close it when done. */
    public static Mp3Encoder mp3Encoder(int sampleRate, int bitRate) {
        switch (sampleRate) {
            case 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000 -> { }
            default -> throw new IllegalArgumentException("MP3 cannot use sample rate " + sampleRate
                    + " (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100 or 48000)");
        }
        if (bitRate < 8000 || bitRate > 320000) {
            throw new IllegalArgumentException("MP3 bit rate must be 8000..320000, got " + bitRate);
        }
        return new Mp3Encoder(sampleRate, bitRate);
    }
}
