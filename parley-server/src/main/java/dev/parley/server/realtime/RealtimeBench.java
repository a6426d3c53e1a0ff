package dev.parley.server.realtime;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import java.nio.file.Path;

/** Voice-agent benchmark (see {@link #run}). */
public final class RealtimeBench {
    private RealtimeBench() {}

    /** A WAV file as 24 kHz mono s16le (the realtime default input format). */
    public static byte[] pcm24k(Path wav) {
        AudioClip clip = Wav.read(wav);
        return Pcm16.fromFloat(Resampler.resample(clip.mono(), clip.sampleRate(), 24000));
    }
}
