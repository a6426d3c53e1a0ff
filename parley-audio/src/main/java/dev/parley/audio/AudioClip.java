package dev.parley.audio;

/**
 * Decoded audio: a sample rate and one float array per channel ({@code channels[c][frame]}), samples in
 * {@code [-1, 1]} (decoders may deliver slightly out-of-range floats from float sources; encoders clamp).
 *
 * <p>Buffer ownership: the clip takes the arrays it is given without copying, and {@link #channels()} and
 * {@link #mono()} (for a one-channel clip) return them without copying. Treat a clip as immutable once it
 * is shared; copy before modifying. Safe to share between threads when nobody modifies it.
 *
 * @param sampleRate frames per second, {@code > 0}
 * @param channels   at least one channel; all of equal length
 */
public record AudioClip(int sampleRate, float[][] channels) {

    public AudioClip {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("an audio clip needs at least one channel");
        }
        int n = channels[0].length;
        for (float[] ch : channels) {
            if (ch.length != n) throw new IllegalArgumentException("channels have different lengths");
        }
    }

    /** A one-channel clip over {@code samples} (not copied). */
    public static AudioClip ofMono(int sampleRate, float[] samples) {
        return new AudioClip(sampleRate, new float[][] {samples});
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.length;
    }

    /** Number of frames (samples per channel). */
    public int frames() {
        return channels[0].length;
    }

    /** Duration in seconds: {@code frames / sampleRate}. */
    public double durationSeconds() {
        return (double) frames() / sampleRate;
    }

    /**
     * The clip as one channel: the average of all channels. For a one-channel clip this is the channel array
     * itself (not a copy); otherwise a new array.
     */
    public float[] mono() {
        if (channels.length == 1) return channels[0];
        int n = frames();
        float[] out = new float[n];
        float scale = 1f / channels.length;
        for (float[] ch : channels) {
            for (int i = 0; i < n; i++) out[i] += ch[i];
        }
        for (int i = 0; i < n; i++) out[i] *= scale;
        return out;
    }

    /** This clip downmixed to one channel (see {@link #mono()}); {@code this} if already mono. */
    public AudioClip toMono() {
        return channels.length == 1 ? this : ofMono(sampleRate, mono());
    }

    /** This clip at {@code targetRate} (each channel resampled with {@link Resampler}); {@code this} if equal. */
    public AudioClip resample(int targetRate) {
        if (targetRate == sampleRate) return this;
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) out[c] = Resampler.resample(channels[c], sampleRate, targetRate);
        return new AudioClip(targetRate, out);
    }

    @Override
    public String toString() {
        return "AudioClip[" + sampleRate + " Hz, " + channels.length + " ch, " + frames() + " frames]";
    }
}
