package dev.parley.client;

import java.util.Objects;

/**
 * TTS {@code output_format}: codec, sample rate (8000, 16000, 22050, 24000, 44100 or 48000 Hz; G.711 is usually 8000)
 * and MP3 bit rate (32000–192000; ignored for other codecs). A null rate or bit rate is left to the server (24000 Hz,
 * 128 kb/s).
 *
 * @param codec      the codec, never null
 * @param sampleRate Hz, or null for the server default
 * @param bitRate    bits per second for MP3, or null for the server default
 */
public record OutputFormat(AudioCodec codec, Integer sampleRate, Integer bitRate) {
    public OutputFormat {
        Objects.requireNonNull(codec, "codec");
    }

    /** The codec at the server's default sample rate. */
    public static OutputFormat of(AudioCodec codec) {
        return new OutputFormat(codec, null, null);
    }

    /** The codec at a sample rate. */
    public static OutputFormat of(AudioCodec codec, int sampleRate) {
        return new OutputFormat(codec, sampleRate, null);
    }
}
