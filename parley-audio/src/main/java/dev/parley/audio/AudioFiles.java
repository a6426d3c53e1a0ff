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
 * MP4, MKV, ...) and raw headerless audio. Encoding is {@link WireEncoder}'s.
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
     * @param codec    a raw codec ({@link WireCodec#RAW})
     * @param channels interleaved channels in {@code data}, 1..64
     * @throws AudioFormatException if the length is not a whole number of frames
     * @throws IllegalArgumentException if the codec is not raw, or the rate or channel count is out of range
     */
    public static AudioClip decodeRaw(byte[] data, WireCodec codec, int sampleRate, int channels) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(codec, "codec");
        if (!codec.isRaw()) throw new IllegalArgumentException(codec.apiName() + " is not a raw codec");
        int frameBytes = new WireFormat(codec, sampleRate, channels, 0).frameBytes();
        if (data.length % frameBytes != 0) {
            throw new AudioFormatException("truncated " + codec.apiName() + " audio: " + data.length
                    + " bytes is not a whole number of " + frameBytes + "-byte frames");
        }
        float[] samples = codec.decode(data);
        return new AudioClip(sampleRate, channels == 1 ? new float[][] {samples} : Pcm16.deinterleave(samples, channels));
    }
}
